/**
 * The hostile mix of issue 15, one driver for test/reliability/hostile-mix.test.ts (behaviour) and
 * bench/hostile-mix.bench.ts (latency and memory, with and without the attack). showcart runs in
 * its own process (web chat, RTMP, moderation, one product with plenty of stock); 100 honest web
 * viewers chat and buy, each from its own loopback address; the attack comes from other loopback
 * addresses and runs in a process of its own, so the honest viewers' clocks are not slowed by the
 * attacker's work: re-hello and line floods, slow readers, 5,000 idle sockets, a malformed RTMP
 * connection every second and hoarding bots (new web identities from one network, each buying).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryTypes } from 'sequelize';
import WebSocket from 'ws';
import type { ServerMessage, WebLine } from '../../bots/web/web-protocol.js';
import { openStore } from '../../orchestrator/store/store.js';
import { RTMP_CASES } from '../fakes/rtmp-hostile.js';
import { exchange } from '../fakes/rtmp-raw.js';
import { freePort } from '../fakes/rtmp-target.js';
import { frameText } from '../fakes/ws-util.js';
import { startShowcartProcess } from './showcart-process.js';
import { waitFor } from './wait-for.js';

/** The show's limits, written into its file and checked against by the test. */
export const MIX = {
  viewers: 100,
  idleSockets: 5000,
  idleAddresses: 100,
  flooders: 16,
  slowReaders: 10,
  hoardAddresses: 3,
  hoardersPerAddress: 4,
  stock: 100_000,
  maxConnections: 2000,
  perAddressConnections: 32,
  newSessionsPerMinute: 30,
  holdsPerAddress: 5,
  pingIntervalMs: 5000,
} as const;
const ENV = {
  SHOWCART_STREAM_KEY: 'hostile-mix-stream-key-0123456789',
  SHOWCART_WEB_SECRET: 'hostile-mix-web-session-secret-0123456789',
  SHOWCART_PAYMENT_SECRET: 'whsec_hostile_mix_0123456789',
  SHOWCART_ADMIN_TOKEN: 'hostile-mix-admin-token-0123456789',
};
const ATTACK_FLAG = '--hostile-mix-attack';
/** A line reserved for the buyer: the cart it went into (a cart of three lines is told three times). */
const ORDER = /^(?:Reserved for you \(cart|Added to your cart) ([A-Z0-9]{8})/;
/** Addresses by role: honest viewers 127.0.0.2…, idle sockets 127.0.1.x, flooders 127.0.2.x, hoarders 127.0.3.x, slow readers 127.0.4.x, latecomers 127.0.5.x. */
const addr = (net: number, i: number) => `127.0.${net}.${net === 0 ? i + 2 : i + 1}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bump = (counts: Record<string, number>, key: string | number) => (counts[key] = (counts[key] ?? 0) + 1);

function showYaml(rtmpPort: number, httpPort: number): string {
  return `show: { id: hostile-mix, name: Hostile mix }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: LAMP, title: Lamp, price: 40, stock: ${MIX.stock} }
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 30m, limits: { holdsPerAddress: ${MIX.holdsPerAddress} } }
channels:
  web:
    limits:
      maxConnections: ${MIX.maxConnections}
      sharedAddresses: []
      perAddress: { connections: ${MIX.perAddressConnections}, newSessions: { count: ${MIX.newSessionsPerMinute}, per: 1m } }
      pingInterval: ${MIX.pingIntervalMs / 1000}s
moderation:
  enabled: true
  bannedWords: [scam]
  capsPercent: { max: 70, minLength: 12 }
  flood: { messages: 6, within: 10s }
media: { rtmpPort: ${rtmpPort}, httpPort: ${httpPort}, streamKeyEnv: SHOWCART_STREAM_KEY }
`;
}

/** A web chat tab from one loopback address: hands each message to whoever waits for one like it. */
class Peer {
  readonly closed: Promise<number>;
  private readonly waiting = new Set<(m: ServerMessage, at: number) => void>();
  private constructor(
    private readonly ws: WebSocket,
    onMessage?: (m: ServerMessage) => void,
  ) {
    ws.on('message', (data) => {
      const at = performance.now();
      const m = JSON.parse(frameText(data)) as ServerMessage;
      onMessage?.(m);
      for (const w of [...this.waiting]) w(m, at);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  /** The open tab, or the HTTP status the upgrade was refused with (0: the connection failed). */
  static open(base: string, localAddress: string, onMessage?: (m: ServerMessage) => void): Promise<Peer | number> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/ws/chat`, { localAddress, perMessageDeflate: false });
      ws.on('error', () => resolve(0));
      ws.once('open', () => resolve(new Peer(ws, onMessage)));
      ws.once('unexpected-response', (_req, res) => {
        res.resume();
        ws.terminate();
        resolve(res.statusCode ?? 0);
      });
    });
  }

  send(msg: object): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  /** The next message that matches and when it arrived; undefined once the socket closes or `ms` pass. */
  next(match: (m: ServerMessage) => boolean, ms: number): Promise<{ m: ServerMessage; at: number } | undefined> {
    return new Promise((resolve) => {
      const done = (v: { m: ServerMessage; at: number } | undefined) => {
        clearTimeout(timer);
        this.waiting.delete(w);
        resolve(v);
      };
      const w = (m: ServerMessage, at: number) => match(m) && done({ m, at });
      const timer = setTimeout(() => done(undefined), ms);
      this.waiting.add(w);
      void this.closed.then(() => done(undefined));
    });
  }

  close(): Promise<number> {
    this.ws.close();
    setTimeout(() => this.ws.terminate(), 1000).unref();
    return this.closed;
  }
}

/** A bot line that answers `name`: said to them in the room, or sent to them alone. */
const answerTo = (name: string) => (m: ServerMessage) =>
  m.type === 'error' || (m.type === 'line' && m.line.kind === 'bot' && (m.line.private === true || m.line.replyTo === name));
const orderIn = (m: ServerMessage | undefined) => (m?.type === 'line' && m.line.private ? ORDER.exec(m.line.text ?? '')?.[1] : undefined);

export interface HonestReport {
  joined: number;
  commands: number;
  answered: number;
  /** From send to answer, per command. */
  latencies: Array<{ command: string; ms: number }>;
  /** Bot lines the first viewer saw in the room, by whom they answered: honest viewers or the attack. */
  roomReplies: { honest: number; attack: number };
  /** Error messages or closes an honest viewer got: none expected. */
  trouble: string[];
  unanswered: string[];
  /** A new viewer trying to join every 2 s from a fresh address: "welcome", or the upgrade's HTTP status. */
  latecomers: Record<string, number>;
  orders: string[];
}

/** xorshift: the same viewer does the same thing run after run. */
function random(seed: number): () => number {
  let x = seed * 2654435761 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
}
const CHAT = [
  'hello from the south',
  'that lamp looks lovely',
  'is it dimmable?',
  'what a nice colour',
  'how warm is the light',
  'greetings to everyone',
  'nice show today',
  'ordering one for my mum',
];
const COMMANDS = ['!buy LAMP', '!stock LAMP', '!buy LAMP', '!price LAMP', '!buy LAMP'];

/** One honest viewer: joins once, then a chat line or a command every 2–4 s, each command awaited until answered. */
async function honestViewer(url: string, i: number, until: number, r: HonestReport): Promise<Peer | undefined> {
  const name = `honest${String(i).padStart(3, '0')}`;
  const rnd = random(i + 1);
  const peer = await Peer.open(url, addr(0, i), (m) => {
    if (i !== 0 || m.type !== 'line' || m.line.kind !== 'bot' || m.line.private || m.line.replyTo === undefined) return;
    r.roomReplies[m.line.replyTo.startsWith('honest') ? 'honest' : 'attack']++;
  });
  if (typeof peer === 'number') return void r.trouble.push(`${name}: upgrade answered ${peer}`);
  peer.send({ type: 'hello', name });
  const welcome = await peer.next((m) => m.type === 'welcome', 15_000);
  if (!welcome) return void r.trouble.push(`${name}: no welcome`);
  r.joined++;
  void peer.closed.then((code) => Date.now() < until && r.trouble.push(`${name}: closed ${code}`));
  for (let step = 0; Date.now() < until; step++) {
    await pause(2000 + rnd() * 2000);
    if (Date.now() >= until) break;
    if (step % 2 === 0) {
      peer.send({ type: 'say', text: `${CHAT[Math.floor(rnd() * CHAT.length)]} (${step})` });
      continue;
    }
    // Three buys at most: an honest viewer stays under every per-buyer and per-network cap.
    const text = COMMANDS[step >> 1] ?? '!stock LAMP';
    r.commands++;
    const sent = performance.now();
    peer.send({ type: 'say', text });
    const answer = await peer.next(answerTo(name), 30_000);
    if (!answer) {
      r.unanswered.push(`${name}: ${text}`);
      return peer;
    }
    if (answer.m.type === 'error') r.trouble.push(`${name}: ${answer.m.message}`);
    else r.answered++;
    r.latencies.push({ command: text, ms: answer.at - sent });
    const id = orderIn(answer.m);
    if (id) r.orders.push(id);
  }
  return peer;
}

/** Whether a viewer arriving during the run gets in: the total cap turns new viewers away while the chat is full. */
async function latecomers(url: string, until: number, r: HonestReport): Promise<undefined> {
  for (let n = 0; Date.now() < until; n++, await pause(2000)) {
    const peer = await Peer.open(url, addr(5, n));
    if (typeof peer === 'number') {
      bump(r.latecomers, peer);
      continue;
    }
    peer.send({ type: 'hello', name: `late${n}` });
    bump(r.latecomers, (await peer.next((m) => m.type === 'welcome', 5000)) ? 'welcome' : 'no welcome');
    await peer.close();
  }
}

// ── the attack ──────────────────────────────────────────────────────────────────────────────

export interface AttackReport {
  /** Every upgrade answer the attack got, by HTTP status (0: the connection failed). */
  statuses: Record<string, number>;
  /**
   * `maxOpen`, `maxOpenPerAddress`: most admitted sockets open at once. On a slow machine the wave
   * outlasts the hello timeout, and a slot freed by a closed socket is admitted again, so the
   * caps are held at every moment rather than by the total admitted.
   */
  idle: { admitted: number; refused: number; failed: number; closedByServer: number; maxOpen: number; maxOpenPerAddress: number };
  /** Close codes by kind of flooder, e.g. "rehello 4001". */
  flood: { closes: Record<string, number>; notClosed: number };
  slow: { admitted: number; refused: number; closedByServer: number };
  hoard: { identities: Record<string, number>; sessionRefused: number; orders: Record<string, string[]>; capped: number; other: string[] };
  rtmp: { sent: number; closed: number; reset: number; hung: string[] };
}

/** A WebSocket upgrade by hand over TCP from `localAddress`; reads only the response head, byte by byte. */
async function rawUpgrade(url: string, localAddress: string): Promise<{ socket: Socket; status: number }> {
  const { hostname, port } = new URL(url);
  const socket = connect({ port: Number(port), host: hostname, localAddress });
  socket.on('error', () => undefined);
  socket.write(
    `GET /ws/chat HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const head = await new Promise<string>((resolve) => {
    let text = '';
    const onReadable = () => {
      let chunk: Buffer | null;
      while (!text.endsWith('\r\n\r\n') && (chunk = socket.read(1) as Buffer | null) !== null) text += chunk.toString('latin1');
      if (text.endsWith('\r\n\r\n')) done();
    };
    const done = () => (socket.off('readable', onReadable), socket.off('close', done), resolve(text));
    socket.on('readable', onReadable);
    socket.once('close', done);
  });
  return { socket, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0) };
}

function maskedText(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, payload.map((b, i) => b ^ mask[i % 4]!)]);
}

/** Resolves true once the server has closed the socket (it reads and throws away whatever arrives); false if `ms` pass first. */
function closedByServer(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    socket.once('close', () => (clearTimeout(timer), resolve(true)));
    socket.resume();
  });
}

/** 5,000 upgrades from 100 addresses (50 each), 250 at a time, that then say nothing: admitted ones wait for the hello timeout. */
async function idleSockets(url: string, a: AttackReport): Promise<Array<Promise<void>>> {
  const perAddress = new Map<string, number>();
  let open = 0;
  const admitted: Array<Promise<void>> = [];
  const one = async (n: number) => {
    // Address by address, as an attacker with a few machines would: each address fills its share, then the chat fills.
    const from = addr(1, Math.floor((n * MIX.idleAddresses) / MIX.idleSockets));
    const { socket, status } = await rawUpgrade(url, from);
    bump(a.statuses, status);
    if (status !== 101) {
      if (status === 0) a.idle.failed++;
      else a.idle.refused++;
      return socket.destroy();
    }
    a.idle.admitted++;
    const here = (perAddress.get(from) ?? 0) + 1;
    perAddress.set(from, here);
    a.idle.maxOpen = Math.max(a.idle.maxOpen, ++open);
    a.idle.maxOpenPerAddress = Math.max(a.idle.maxOpenPerAddress, here);
    // Not awaited here: the wave goes on while these wait for their hello timeout.
    admitted.push(
      closedByServer(socket, 60_000).then((closed) => {
        if (!closed) return;
        a.idle.closedByServer++;
        open--;
        perAddress.set(from, perAddress.get(from)! - 1);
      }),
    );
  };
  for (let n = 0; n < MIX.idleSockets; n += 250) await Promise.all(Array.from({ length: 250 }, (_, k) => one(n + k)));
  return admitted;
}

/** Says hello and never reads again: the room's lines and the pings pile up unread. */
async function slowReader(url: string, n: number, a: AttackReport): Promise<Socket | undefined> {
  const { socket, status } = await rawUpgrade(url, addr(4, n));
  bump(a.statuses, status);
  if (status !== 101) return void (a.slow.refused++, socket.destroy());
  a.slow.admitted++;
  socket.write(maskedText(JSON.stringify({ type: 'hello', name: `slow${n}` })));
  return socket;
}

/** Connects again and again with its session: says hello twice, or sends 30 lines at once. */
async function flooder(url: string, k: number, until: number, a: AttackReport): Promise<void> {
  const kind = k % 2 === 0 ? 'rehello' : 'lines';
  let session: string | undefined;
  for (let n = 0; Date.now() < until; n++, await pause(300)) {
    const peer = await Peer.open(url, addr(2, Math.floor(k / 4)));
    bump(a.statuses, typeof peer === 'number' ? peer : 101);
    if (typeof peer === 'number') continue;
    peer.send({ type: 'hello', name: `flood${k}`, ...(session && { session }) });
    const welcome = await peer.next((m) => m.type === 'welcome', 5000);
    if (welcome?.m.type === 'welcome') session = welcome.m.session;
    if (kind === 'rehello') peer.send({ type: 'hello', name: `flood${k}` });
    else
      for (let i = 0; i < 30; i++)
        peer.send({ type: 'say', text: i % 3 ? `FREE LAMPS NOW at http://scam.example/${n}/${i} !!!` : `${'buy buy buy '.repeat(30)}${n}` });
    const code = await Promise.race([peer.closed, pause(5000).then(() => undefined)]);
    if (code === undefined) a.flood.notClosed++;
    bump(a.flood.closes, `${kind} ${code ?? 'still open'}`);
    if (code === undefined) await peer.close();
  }
}

/** A new web identity after another from one network, each sending !buy. */
async function hoarder(url: string, h: number, lane: number, until: number, a: AttackReport): Promise<void> {
  const from = addr(3, h);
  for (let n = 0; Date.now() < until; n++, await pause(200)) {
    const peer = await Peer.open(url, from);
    bump(a.statuses, typeof peer === 'number' ? peer : 101);
    if (typeof peer === 'number') continue;
    const name = `hoard${h}-${lane}-${n}`;
    peer.send({ type: 'hello', name });
    const welcome = await peer.next((m) => m.type === 'welcome', 5000);
    if (!welcome) {
      if ((await Promise.race([peer.closed, pause(5000).then(() => peer.close())])) === 4029) a.hoard.sessionRefused++;
      continue;
    }
    bump(a.hoard.identities, from);
    peer.send({ type: 'say', text: '!buy LAMP' });
    const answer = await peer.next(answerTo(name), 10_000);
    const id = orderIn(answer?.m);
    if (id) (a.hoard.orders[from] ??= []).push(id);
    else if (answer?.m.type === 'line' && answer.m.line.text?.startsWith('Too many items are already held from your network')) a.hoard.capped++;
    else a.hoard.other.push(answer?.m.type === 'error' ? answer.m.message : answer ? ((answer.m as { line: WebLine }).line.text ?? '') : 'no answer');
    await peer.close();
  }
}

/** One malformed RTMP connection a second, cycling through the hostile cases; each must be closed by the media server. */
async function malformedRtmp(port: number, until: number, a: AttackReport): Promise<void> {
  const sent: Array<Promise<void>> = [];
  // On the clock, not after a pause each: a loaded machine's late timers must not thin the attack out.
  const start = Date.now();
  for (let n = 0; start + n * 1000 < until; n++) {
    const wait = start + n * 1000 - Date.now();
    if (wait > 0) await pause(wait);
    const c = RTMP_CASES[n % RTMP_CASES.length]!;
    a.rtmp.sent++;
    sent.push(
      exchange(port, c.bytes(port), { timeoutMs: 15_000 }).then(
        (r) => void (r.error ? a.rtmp.reset++ : a.rtmp.closed++),
        () => void a.rtmp.hung.push(c.name),
      ),
    );
  }
  await Promise.all(sent);
}

/** The attack process: runs every part until `until`, then reports how each was refused or closed. */
async function runAttack(url: string, rtmpPort: number, until: number): Promise<AttackReport> {
  const a: AttackReport = {
    statuses: {},
    idle: { admitted: 0, refused: 0, failed: 0, closedByServer: 0, maxOpen: 0, maxOpenPerAddress: 0 },
    flood: { closes: {}, notClosed: 0 },
    slow: { admitted: 0, refused: 0, closedByServer: 0 },
    hoard: { identities: {}, sessionRefused: 0, orders: {}, capped: 0, other: [] },
    rtmp: { sent: 0, closed: 0, reset: 0, hung: [] },
  };
  const slow = await Promise.all(Array.from({ length: MIX.slowReaders }, (_, n) => slowReader(url, n, a)));
  const loops = [
    ...Array.from({ length: MIX.flooders }, (_, k) => flooder(url, k, until, a)),
    ...Array.from({ length: MIX.hoardAddresses * MIX.hoardersPerAddress }, (_, k) => hoarder(url, k % MIX.hoardAddresses, k, until, a)),
    malformedRtmp(rtmpPort, until, a),
  ];
  // A second wave of slow readers once the idle sockets have had their hello timeout and the chat has room again.
  await Promise.all(await idleSockets(url, a));
  if (Date.now() < until) slow.push(...(await Promise.all(Array.from({ length: MIX.slowReaders }, (_, n) => slowReader(url, MIX.slowReaders + n, a)))));
  await Promise.all(loops);
  // Read at last: a slow reader the server cut finds its connection closed after what was sent.
  for (const ok of await Promise.all(slow.flatMap((s) => (s ? [closedByServer(s, 3 * MIX.pingIntervalMs)] : [])))) if (ok) a.slow.closedByServer++;
  return a;
}

// This file is also the attack process's entry: it attacks when forked with the flag, and ends when its parent goes.
if (process.argv.includes(ATTACK_FLAG)) {
  process.once('disconnect', () => process.exit(0));
  process.once('message', (m: { url: string; rtmpPort: number; until: number }) => {
    void runAttack(m.url, m.rtmpPort, m.until).then((report) => process.send!(report));
  });
}

function startAttack(url: string, rtmpPort: number, until: number): { report: Promise<AttackReport>; kill(): void } {
  const child = fork(fileURLToPath(import.meta.url), [ATTACK_FLAG], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  child.send({ url, rtmpPort, until });
  const report = new Promise<AttackReport>((resolve, reject) => {
    child.once('message', (r) => resolve(r as AttackReport));
    child.once('exit', (code) => reject(new Error(`the attack process ended (${code}) without a report`)));
  });
  return { report, kill: () => child.kill('SIGKILL') };
}

// ── the run ─────────────────────────────────────────────────────────────────────────────────

export interface LedgerRow {
  stock_total: number;
  stock_available: number;
  held: number;
  paid: number;
}
/** The web chat's own totals, from its log line. */
export interface WebTotals {
  refused: { path: number; full: number; address: number };
  slowReaders: number;
  open: number;
}

export interface HostileMixReport {
  honest: HonestReport;
  attack: AttackReport | undefined;
  mediaStarted: boolean;
  mediaCrashed: boolean;
  /** GET /api/health once a second through the run: answers other than 200 (or none). */
  health: { probes: number; failed: number; latenciesMs: number[] };
  aliveAtEnd: boolean;
  web: WebTotals | undefined;
  /** Upgrades refused as the clients saw them (attack and latecomers): 429 per address, 503 full. */
  refusedSeen: { address: number; full: number };
  adminOrderIds: string[];
  /** The outbox's figures for the web chat at the end, from /api/health. */
  outbox: Record<string, unknown> | undefined;
  /** Log lines at level error or worse. */
  errors: string[];
  exit: number | string | null;
  store: { orderIds: string[]; orderCarts: string[]; honestOrderCarts: string[]; maxHeldPerOrigin: number; ledger: LedgerRow };
  rss: { peakMb: number; peakMediaMb: number };
}

const vmRssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
function childPids(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number));
}

/** Samples showcart's resident memory and its media process's (found by its command line) every 200 ms. */
function sampleRss(pid: number): { stop(): { peakMb: number; peakMediaMb: number } } {
  const peak = { peakMb: 0, peakMediaMb: 0 };
  const timer = setInterval(() => {
    try {
      peak.peakMb = Math.max(peak.peakMb, vmRssMb(pid));
      for (const c of childPids(pid))
        if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('media-child')) peak.peakMediaMb = Math.max(peak.peakMediaMb, vmRssMb(c));
    } catch {
      // a process ended between two reads
    }
  }, 200);
  return { stop: () => (clearInterval(timer), peak) };
}

function webTotals(output: string): WebTotals | undefined {
  const line = output
    .split('\n')
    .filter((l) => l.includes('web chat refused or cut connections'))
    .at(-1);
  return line ? (JSON.parse(line) as WebTotals) : undefined;
}

/** Runs showcart, the honest viewers for `durationMs` and, with `attack`, the hostile mix beside them; then checks the store. */
export async function runHostileMix(o: { durationMs: number; attack: boolean }): Promise<HostileMixReport> {
  // 5,000 sockets here and 2,000 in showcart: with fewer descriptors the caps would be the machine's, not the show's.
  const files = Number(/^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? Infinity);
  if (o.attack && files < 4 * MIX.maxConnections) throw new Error(`the hostile mix needs ulimit -n ${4 * MIX.maxConnections} or more (it is ${files})`);
  const dir = mkdtempSync(join(tmpdir(), 'showcart-hostile-mix-'));
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  writeFileSync(join(dir, 'show.yaml'), showYaml(rtmpPort, httpPort));
  const sqlite = join(dir, 'showcart.sqlite');
  const proc = startShowcartProcess(join(dir, 'show.yaml'), { ...ENV, SHOWCART_SQLITE: sqlite, SHOWCART_MEDIA: 'on' });
  const honest: HonestReport = {
    joined: 0,
    commands: 0,
    answered: 0,
    latencies: [],
    roomReplies: { honest: 0, attack: 0 },
    trouble: [],
    unanswered: [],
    orders: [],
    latecomers: {},
  };
  const health = { probes: 0, failed: 0, latenciesMs: [] as number[] };
  let attack: ReturnType<typeof startAttack> | undefined;
  let prober: NodeJS.Timeout | undefined;
  const rss = sampleRss(proc.child.pid!);
  try {
    const url = await proc.url(60_000);
    const probe = async () => {
      const at = performance.now();
      health.probes++;
      const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) health.latenciesMs.push(performance.now() - at);
      else health.failed++;
    };
    prober = setInterval(() => void probe(), 1000);
    // 3 s for the viewers to join, then the run.
    const until = Date.now() + 3000 + o.durationMs;
    const viewers = Array.from({ length: MIX.viewers }, (_, i) => honestViewer(url, i, until, honest));
    attack = o.attack ? startAttack(url, rtmpPort, until) : undefined;
    const peers = await Promise.all([...viewers, latecomers(url, until, honest)]);
    const attacked = await attack?.report;
    attack?.kill();
    clearInterval(prober);
    const failedBefore = health.failed;
    await probe();
    const aliveAtEnd = proc.child.exitCode === null && health.failed === failedBefore;
    const outbox = ((await (await fetch(`${url}/api/health`)).json()) as { outbox: Record<string, Record<string, unknown>> }).outbox.web;
    const res = await fetch(`${url}/api/admin/orders?limit=5000`, { headers: { authorization: `Bearer ${ENV.SHOWCART_ADMIN_TOKEN}` } });
    const adminOrderIds = ((await res.json()) as { orders: Array<{ id: string }> }).orders.map((r) => r.id);
    // The chat logs its totals at each ping round when they changed: wait for the round that counted the last refusal seen.
    const seen = (status: number) => (attacked?.statuses[status] ?? 0) + (honest.latecomers[status] ?? 0);
    const refusedSeen = { address: seen(429), full: seen(503) };
    const counted = () => webTotals(proc.output())?.refused;
    await waitFor(
      () => refusedSeen.address + refusedSeen.full === 0 || (counted()?.address === refusedSeen.address && counted()?.full === refusedSeen.full),
      3 * MIX.pingIntervalMs,
    ).catch(() => undefined);
    const web = webTotals(proc.output());
    const { peakMb, peakMediaMb } = rss.stop();
    await Promise.all(peers.flatMap((p) => (p ? [p.close()] : [])));
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    const output = proc.output();
    const errors = output.split('\n').filter((l) => /^\{"level":(5|6)\d/.test(l));
    const result = {
      honest,
      attack: attacked,
      refusedSeen,
      mediaStarted: /OBS\s+rtmp:\/\//.test(output),
      mediaCrashed: output.includes('the media process crashed'),
      health,
      aliveAtEnd,
      web,
      adminOrderIds,
      outbox,
      errors,
      exit,
    };
    return { ...result, store: await readStore(sqlite), rss: { peakMb, peakMediaMb } };
  } finally {
    clearInterval(prober);
    rss.stop();
    attack?.kill();
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    await proc.exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readStore(sqlitePath: string): Promise<HostileMixReport['store']> {
  const store = await openStore({ sqlitePath });
  try {
    const select = <T extends object>(sql: string) => store.db.query<T>(sql, { type: QueryTypes.SELECT });
    const orders = await select<{ public_id: string; cart: string; name: string }>(
      'SELECT o.public_id, c.public_id AS cart, i.display_name AS name FROM orders o JOIN identities i ON i.id = o.identity_id JOIN carts c ON c.id = o.cart_id',
    );
    const [held] = await select<{ n: number }>(
      "SELECT COALESCE(MAX(n), 0) AS n FROM (SELECT COUNT(*) AS n FROM orders WHERE status = 'held' AND origin IS NOT NULL GROUP BY origin)",
    );
    const [ledger] = await select<LedgerRow>(
      `SELECT p.stock_total, p.stock_available,
              COALESCE(SUM(CASE WHEN o.status IN ('held', 'pending') THEN l.qty END), 0) AS held,
              COALESCE(SUM(CASE WHEN o.status = 'paid' THEN l.qty END), 0) AS paid
         FROM products p LEFT JOIN order_lines l ON l.product_id = p.id LEFT JOIN orders o ON o.id = l.order_id
        GROUP BY p.id`,
    );
    return {
      orderIds: orders.map((r) => r.public_id),
      orderCarts: orders.map((r) => r.cart),
      honestOrderCarts: orders.filter((r) => r.name.startsWith('honest')).map((r) => r.cart),
      maxHeldPerOrigin: held!.n,
      ledger: ledger!,
    };
  } finally {
    await store.close();
  }
}
