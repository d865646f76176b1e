/**
 * Drives a chat storm from the fakes into a host process (showcart, or the bare client
 * libraries) over the wire, and turns the host's stamps into rates and latencies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeDiscord, FakeTelegram, FakeTwitch } from '../test/fakes/index.js';
import { spread, PRODUCTION_NODE_FLAGS } from './measure.js';
import { DISCORD_CHANNEL, GROUP, type StormHostConfig, type StormReport, type StormRequest } from './storm-protocol.js';

/** The mix the issue names: plain chat, `!vote`, the unlock keyword, `!buy`, spam (a link or a banned word). */
export function stormLine(i: number): { kind: string; text: string } {
  const slot = i % 20;
  if (slot < 12) return { kind: 'chat', text: `love these candles ~${i}~ so cosy` };
  if (slot < 15) return { kind: 'vote', text: `!vote ${1 + (i % 3)}` };
  if (slot < 17) return { kind: 'unlock', text: `unlock ~${i}~` };
  if (slot < 18) return { kind: 'buy', text: '!buy VAN' };
  return { kind: 'spam', text: i % 2 ? `cheap wax at http://spam.example/${i}` : `this is a scam ~${i}~` };
}

/** Plain chat only: nothing to reply to or moderate, so relay lines are all a room's window is used for. */
export function chatLine(i: number): { kind: string; text: string } {
  return { kind: 'chat', text: `love these candles ~${i}~ so cosy` };
}

/** Which line the i-th of a run is. */
export type LineMix = (i: number) => { kind: string; text: string };

export interface StepResult {
  offered: number;
  sentRate: number;
  sent: number;
  processed: number;
  /** Lines per second from the first send to the last line done with. */
  throughput: number;
  toDone: ReturnType<typeof spread>;
  toOutbox: ReturnType<typeof spread>;
  toOtherPlatform: ReturnType<typeof spread>;
  cpuPercent: number;
  rssMb: number;
}

const now = () => performance.timeOrigin + performance.now();
const TOKEN = /\\?~(\d+)\\?~/g;

export class StormRig {
  readonly telegram = new FakeTelegram({ longPollCapMs: 1000 });
  readonly twitch = new FakeTwitch({ moderatorOf: ['candleshop'] });
  readonly discord = new FakeDiscord({ heartbeatIntervalMs: 15_000 });
  private host: ChildProcess | undefined;
  private seq = 0;
  private readonly waiting = new Map<string, (msg: { report?: StormReport }) => void>();

  /** Starts the fakes and the host; `compiled` runs the host from dist/ with plain node, as `npm start` runs showcart (build it with tsconfig.bench.json first). */
  async start(
    hostScript: 'storm-host.ts' | 'floor-host.ts',
    options: { media?: StormHostConfig['media']; execArgv?: string[]; compiled?: boolean } = {},
  ): Promise<void> {
    await Promise.all([this.telegram.start(), this.twitch.start(), this.discord.start()]);
    const config: StormHostConfig = {
      telegramApiRoot: this.telegram.apiRoot,
      telegramToken: this.telegram.token,
      twitchPort: this.twitch.port,
      twitchHelix: this.twitch.helixRoot,
      twitchAuth: this.twitch.authRoot,
      discordApi: this.discord.api,
      ...(options.media && { media: options.media }),
    };
    const script = options.compiled ? `../dist/bench/${hostScript.replace(/\.ts$/, '.js')}` : `./${hostScript}`;
    this.host = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
      execArgv: [...(options.compiled ? PRODUCTION_NODE_FLAGS : ['--import', 'tsx']), ...(options.execArgv ?? [])],
      env: { ...process.env, SHOWCART_STORM_HOST: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.host.on('message', (msg: { done: string; report?: StormReport }) => this.waiting.get(msg.done)?.(msg));
    const started = (await this.reply('start')) as { connected?: boolean };
    if (!started.connected) throw new Error(`${hostScript}: the bots did not all connect`);
    await this.twitch.waitForJoin('candleshop', 10_000);
  }

  async stop(): Promise<void> {
    if (this.host?.connected) {
      this.host.send({ cmd: 'stop' } satisfies StormRequest);
      const exited = new Promise((r) => this.host!.once('exit', r));
      await Promise.race([this.reply('stop').then(() => exited), new Promise((r) => setTimeout(r, 10_000))]);
    }
    if (this.host?.exitCode === null) this.host.kill('SIGKILL');
    await Promise.all([this.telegram.stop(), this.twitch.stop(), this.discord.stop()]);
  }

  /** Sends `count` lines at `rate` per second (0: as fast as possible); returns the send stamps by key and by token. */
  async send(
    rate: number,
    count: number,
    viewers: number,
    mix: LineMix = stormLine,
  ): Promise<{ byKey: Map<string, number>; byToken: Map<string, number>; seconds: number }> {
    const byKey = new Map<string, number>();
    const byToken = new Map<string, number>();
    const start = now();
    let sent = 0;
    while (sent < count) {
      const due = rate > 0 ? Math.min(count, Math.floor(((now() - start) / 1000) * rate) + 1) : count;
      for (; sent < due; sent++) {
        const i = this.seq++;
        const { text } = mix(i);
        const viewer = Math.floor(i / 3) % viewers;
        const t0 = now();
        byToken.set(String(i), t0);
        byKey.set(this.deliver(i % 3, viewer, text, i), t0);
      }
      // Let the fakes' sockets drain between bursts.
      await new Promise((r) => setImmediate(r));
      if (rate > 0 && sent < count) await new Promise((r) => setTimeout(r, 2));
    }
    return { byKey, byToken, seconds: (now() - start) / 1000 };
  }

  async mark(): Promise<void> {
    this.host!.send({ cmd: 'mark' } satisfies StormRequest);
    await this.reply('mark');
  }

  async report(gc = false): Promise<StormReport> {
    this.host!.send({ cmd: 'report', gc } satisfies StormRequest);
    return (await this.reply('report')).report!;
  }

  /**
   * One storm step: `seconds` at `rate`, then waits for the host to finish with every line, and
   * `settleMs` more for relayed lines to reach the other platforms' fakes (they wait for the rooms' windows).
   */
  async step(
    rate: number,
    seconds: number,
    viewers: number,
    finished: 'done' | 'arrived',
    options: { mix?: LineMix; settleMs?: number } = {},
  ): Promise<StepResult> {
    await this.mark();
    const callsBefore = { telegram: this.telegram.calls.length, discord: this.discord.calls.length, twitch: this.twitch.events.length };
    const { byKey, byToken, seconds: sendSeconds } = await this.send(rate, Math.round(rate * seconds), viewers, options.mix);
    const stamps = { arrived: [] as Array<[string, number]>, done: [] as Array<[string, number]>, enqueued: [] as Array<[string, number]> };
    let last: StormReport | undefined;
    let progressAt = Date.now();
    for (let seen = 0; ;) {
      await new Promise((r) => setTimeout(r, 250));
      last = await this.report();
      stamps.arrived.push(...last.arrived);
      stamps.done.push(...last.done);
      stamps.enqueued.push(...last.enqueued);
      const count = new Set(stamps[finished].map(([k]) => k).filter((k) => byKey.has(k))).size;
      if (count >= byKey.size) break;
      if (count > seen) progressAt = Date.now();
      seen = count;
      if (Date.now() - progressAt > 5000) break;
    }
    if (options.settleMs) await new Promise((r) => setTimeout(r, options.settleMs));
    const firstSend = Math.min(...byKey.values());
    const finishedAt = new Map<string, number>();
    for (const [k, t] of stamps[finished]) if (byKey.has(k) && !finishedAt.has(k)) finishedAt.set(k, t);
    const lastDone = Math.max(...finishedAt.values());
    const toOutbox: number[] = [];
    const firstEnqueue = new Map<string, number>();
    for (const [k, t] of stamps.enqueued) if (!firstEnqueue.has(k)) firstEnqueue.set(k, t);
    for (const [k, t] of firstEnqueue) {
      const t0 = k.startsWith('~') ? byToken.get(k.slice(1)) : byKey.get(k);
      if (t0 !== undefined) toOutbox.push(t - t0);
    }
    return {
      offered: rate,
      sentRate: byKey.size / sendSeconds,
      sent: byKey.size,
      processed: finishedAt.size,
      throughput: finishedAt.size / ((lastDone - firstSend) / 1000),
      toDone: spread([...finishedAt].map(([k, t]) => t - byKey.get(k)!)),
      toOutbox: spread(toOutbox),
      toOtherPlatform: spread(this.deliveredLatencies(byToken, callsBefore)),
      cpuPercent: (last.cpuMs / last.wallMs) * 100,
      rssMb: last.rssMb,
    };
  }

  /** Fake send → the relayed line accepted by another platform's fake (ms resolution: the fakes stamp with Date.now). */
  private deliveredLatencies(byToken: Map<string, number>, from: { telegram: number; discord: number; twitch: number }): number[] {
    const out: number[] = [];
    const add = (text: string, at: number) => {
      for (const m of text.matchAll(TOKEN)) {
        const t0 = byToken.get(m[1]!);
        if (t0 !== undefined) out.push(at - t0);
      }
    };
    for (const c of this.telegram.calls.slice(from.telegram)) if (c.method === 'sendMessage' && c.status === 200) add(String(c.params.text), c.at);
    for (const c of this.discord.calls.slice(from.discord))
      if (c.method === 'POST' && c.status === 200) add(typeof c.body.content === 'string' ? c.body.content : '', c.at);
    for (const e of this.twitch.events.slice(from.twitch)) if (e.kind === 'message') add(e.text, e.at);
    return out;
  }

  private deliver(platform: number, viewer: number, text: string, i: number): string {
    if (platform === 0) {
      const id = this.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 10_000 + viewer, first_name: `Tg${viewer}` }, text });
      return `telegram:${id}`;
    }
    if (platform === 1) {
      const id = `s${i}`;
      this.twitch.say({ channel: 'candleshop', user: { id: String(20_000 + viewer), login: `tw${viewer}`, displayName: `Tw${viewer}` }, text, id });
      return `twitch:${id}`;
    }
    const id = this.discord.say({
      channelId: DISCORD_CHANNEL,
      user: { id: String(300_000_000_000_000_000n + BigInt(viewer)), username: `dc${viewer}` },
      content: text,
    });
    return `discord:${id}`;
  }

  private reply(done: string): Promise<{ report?: StormReport }> {
    return new Promise((resolve) => {
      this.waiting.set(done, (msg) => {
        this.waiting.delete(done);
        resolve(msg);
      });
    });
  }
}
