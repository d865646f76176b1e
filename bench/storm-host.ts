/**
 * showcart in a child process of the chat-storm benchmark: the real telegraf, tmi.js and
 * discord.js bots pointed at the benchmark's fakes, instrumented at its edges (a line handed over
 * by a bot, a line handled (its ingest promise resolved), a message enqueued in the outbox) so the parent can
 * compute latencies. Its own CPU and RSS are read here, apart from the fakes'. Driven over IPC.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { PLATFORM_BOTS } from '../bots/factories.js';
import type { BotFactories } from '../bots/registry.js';
import { parseShow } from '../config/loader.js';
import { startShowcart } from '../orchestrator/app.js';
import type { Channel } from '../orchestrator/channel.js';
import type { ChatEvent, Outbound } from '../orchestrator/chat-types.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { DISCORD_CHANNEL, GROUP, type StormHostConfig, type StormReport, type StormRequest } from './storm-protocol.js';

const config = JSON.parse(process.env.SHOWCART_STORM_HOST ?? '{}') as StormHostConfig;
const now = () => performance.timeOrigin + performance.now();
const arrived: Array<[string, number]> = [];
const done: Array<[string, number]> = [];
const enqueued: Array<[string, number]> = [];

const show = parseShow(
  `show: { id: storm, name: Chat storm }
server: { host: 127.0.0.1, port: 0 }
channels:
  web: { enabled: false }
  telegram: { apiRoot: "${config.telegramApiRoot}", chats: [{ id: ${GROUP}, name: Club }] }
  twitch: { username: showcartbot, server: 127.0.0.1, port: ${config.twitchPort}, secure: false, api: "${config.twitchHelix}", authApi: "${config.twitchAuth}", channels: [candleshop], moderator: true }
  discord: { api: "${config.discordApi}", channels: ["${DISCORD_CHANNEL}"] }
products:
  - { sku: VAN, title: Vanilla candle, price: 12, stock: 1000 }
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 30m }
promotions:
  unlocks: [{ id: crowd, keyword: unlock, goal: 1000000, window: 60m, discount: { percent: 10 } }]
moderation:
  links: { block: true, allow: [example-candles.shop] }
  bannedWords: [scam]
  capsPercent: { max: 70, minLength: 12 }
  repeats: { max: 3, within: 60s }
  flood: { messages: 100, within: 10s }
  # every strike deletes the line, so each moderated line can be told apart by its message id
  escalation: { steps: [delete, timeout], timeout: 1m }
${config.media ? `media: { rtmpPort: ${config.media.rtmpPort}, httpPort: ${config.media.httpPort}, app: live, streamKeyEnv: STORM_STREAM_KEY, targets: [] }` : ''}
`,
  'storm.yaml',
  {},
).config;

/** Each bot's hand-over to showcart is stamped: the end of the library's own work. */
const factories: BotFactories = Object.fromEntries(
  Object.entries(PLATFORM_BOTS).map(([platform, create]) => [
    platform,
    (...args: Parameters<typeof create>) => {
      const channel = (create as (...a: typeof args) => Channel)(...args);
      const start = channel.start.bind(channel);
      channel.start = (onEvent) =>
        start((e: ChatEvent) => {
          arrived.push([`${e.platform}:${e.messageId}`, now()]);
          // The line's promise resolves when showcart has handled it (moderated, relayed or answered).
          return onEvent(e).then(() => void done.push([`${e.platform}:${e.messageId}`, now()]));
        });
      return channel;
    },
  ]),
);

const dataDir = mkdtempSync(join(tmpdir(), 'showcart-storm-'));
const app = await startShowcart({
  config: show,
  database: { sqlitePath: join(dataDir, 'storm.sqlite') },
  secrets: new Secrets({
    TELEGRAM_BOT_TOKEN: config.telegramToken,
    TWITCH_OAUTH_TOKEN: 'oauth:faketoken',
    DISCORD_BOT_TOKEN: 'fake-discord-token',
    STORM_STREAM_KEY: 'storm-stream-key-0123456789',
  }),
  // Logged as in production (info, JSON), into /dev/null: logging is part of the cost.
  log: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })),
  factories,
  media: { enabled: config.media !== undefined },
});

const enqueue = app.outbox.enqueue.bind(app.outbox);
app.outbox.enqueue = (out: Outbound) => {
  const at = now();
  const platform = out.target.kind === 'broadcast' ? undefined : out.target.platform;
  if (out.body.kind === 'relay') for (const line of out.body.lines) stampTokens(line.text, at);
  else if (out.body.kind === 'moderation' && out.body.action.kind === 'delete') {
    enqueued.push([`${platform}:${out.body.action.messageId}`, at]);
  } else if (out.replyTo && platform) enqueued.push([`${platform}:${out.replyTo.messageId}`, at]);
  enqueue(out);
};

/** Stamps every `~123~` token of a relayed line (TOKEN_PATTERN in storm-protocol.ts, without a regex iterator per line: this runs in the measured process). */
function stampTokens(text: string, at: number): void {
  for (let i = text.indexOf('~'); i >= 0;) {
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    if (j > i + 1 && text.charCodeAt(j) === 126) {
      enqueued.push([`~${text.slice(i + 1, j)}`, at]);
      i = text.indexOf('~', j + 1);
    } else i = text.indexOf('~', i + 1);
  }
}

let cpu = process.cpuUsage();
let wall = now();
process.on('message', (msg: StormRequest) => {
  if (msg.cmd === 'mark') {
    cpu = process.cpuUsage();
    wall = now();
    process.send!({ done: 'mark' });
    return;
  }
  if (msg.cmd === 'report') {
    if (msg.gc && global.gc) global.gc();
    const used = process.cpuUsage(cpu);
    const memory = process.memoryUsage();
    const report: StormReport = {
      arrived: arrived.splice(0),
      done: done.splice(0),
      enqueued: enqueued.splice(0),
      cpuMs: (used.user + used.system) / 1000,
      wallMs: now() - wall,
      rssMb: memory.rss / 2 ** 20,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      heapMb: memory.heapUsed / 2 ** 20,
    };
    process.send!({ done: 'report', report });
    return;
  }
  void app.stop().then(() => {
    process.send!({ done: 'stop' });
    process.disconnect();
    // Exit on our own (not killed) so that a --cpu-prof profile gets written.
    setTimeout(() => process.exit(0), 200);
  });
});

const connected = () => app.channels.every((c) => c.state().state === 'connected');
const deadline = Date.now() + 30_000;
while (!connected() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
process.send!({ done: 'start', connected: connected() });
