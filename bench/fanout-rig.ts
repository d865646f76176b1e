/**
 * One set-up of the fan-out benchmark: a showcart core on a SQLite file and either web edges over
 * NATS serving the readers (`edges`), or the core serving them itself (`single`), plus the socket
 * drivers that hold the readers. It grows to a number of readers and times purchases' alerts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { openFileLimit, socketBudget } from '../bots/web/web-admission.js';
import { BUYER_PREFIX } from './fanout-protocol.js';
import { Driver, kill, rssMb, startNode, stopAll, type NodeProcess } from './fanout-procs.js';

const SECRET = 'fanout-bench-web-session-secret-0123456789';
const HOST = '127.0.0.1';
/** How long after the buyer's own socket had the alert the others may take before they count as missed. */
const STRAGGLERS_MS = 10_000;

/**
 * Readers one server process may hold: the web chat keeps a quarter of the open-file limit free
 * (socketBudget), and a child cannot raise its hard limit here, so this bounds every process.
 */
export const FILE_LIMIT = openFileLimit() ?? 1_048_576;
export const SOCKETS_PER_SERVER = socketBudget(FILE_LIMIT) - 1_000;
/** A driver holds one descriptor per reader, and a few for itself. */
export const SOCKETS_PER_DRIVER = FILE_LIMIT - 2_500;

export function showYaml(nats: string | undefined): string {
  return `show: { id: fanout, name: Fan-out bench }
server: { host: ${HOST}, port: 0 }
channels:
  web:
    # The readers all come from 127.0.0.1, a shared address (no per-address caps); the total is
    # raised past the benchmark's largest step (each process still stops at its socketBudget).
    limits: { maxConnections: 200000 }
products:
  - { sku: VAN, title: Vanilla candle, price: 12, stock: 1000000 }
checkout: { provider: builtin, builtin: { mode: test }, limits: { holdsPerAddress: 100000 } }
# Announced when placed and never merged with the next: the time measured is the fan-out's.
alerts: { on: placed, mergeWithin: 0 }
${nats ? `scale: { nats: "${nats}" }\n` : ''}`;
}

/** A process serving readers: an edge, or the core in `single`. */
export interface Server {
  proc: NodeProcess;
  port: number;
  idleRssMb: number;
  readers: number;
}

export interface Purchase {
  /** ms from the `!buy` frame sent to the alert on each reader that got it. */
  latencies: number[];
  missed: number;
  /** The purchase itself went wrong (no alert even on the buyer's socket). */
  error?: string;
}

export class FanoutRig {
  readonly servers: Server[] = [];
  readonly drivers: Driver[] = [];
  private purchases = 0;

  private constructor(
    readonly mode: 'edges' | 'single',
    readonly core: NodeProcess,
    private readonly showFile: string,
  ) {}

  static async start(mode: 'edges' | 'single', dir: string, natsUrl?: string): Promise<FanoutRig> {
    const showFile = join(dir, `${mode}.yaml`);
    writeFileSync(showFile, showYaml(mode === 'edges' ? natsUrl : undefined));
    const env = { SHOWCART_SQLITE: join(dir, `${mode}.sqlite`), SHOWCART_WEB_SECRET: SECRET };
    const core = await startNode('orchestrator/main.ts', ['--show', showFile], env, /web chat\s+http:\/\/[^:/\s]+:(\d+)\//);
    const rig = new FanoutRig(mode, core, showFile);
    if (mode === 'single') rig.servers.push({ proc: core, port: Number(core.match), idleRssMb: rssMb(core.pid), readers: 0 });
    else await Promise.all([rig.addEdge(), rig.addEdge()]);
    return rig;
  }

  get readers(): number {
    return this.servers.reduce((n, s) => n + s.readers, 0);
  }

  /** Most readers this set-up can hold on this machine. */
  get capacity(): number {
    return this.mode === 'single' ? SOCKETS_PER_SERVER : Number.POSITIVE_INFINITY;
  }

  /** Opens readers until `total` are watching, spread evenly over the servers (edges are added when the open-file limit needs them). */
  async grow(total: number): Promise<{ opened: number; failed: Record<string, number> }> {
    if (this.mode === 'edges') {
      const wanted = Math.max(2, 2 * Math.ceil(total / SOCKETS_PER_SERVER / 2));
      await Promise.all(Array.from({ length: wanted - this.servers.length }, () => this.addEdge()));
    }
    while (this.drivers.length < Math.ceil(total / SOCKETS_PER_DRIVER)) this.drivers.push(new Driver());
    const per = Math.ceil(total / this.servers.length);
    let left = total - this.readers;
    const orders: Array<Promise<{ server: Server; opened: number; failed: Record<string, number> }>> = [];
    for (const server of this.servers) {
      let want = Math.min(left, Math.max(0, per - server.readers));
      left -= want;
      for (const driver of this.drivers) {
        const count = Math.min(want, SOCKETS_PER_DRIVER - driver.assigned);
        if (count <= 0) continue;
        driver.assigned += count;
        want -= count;
        orders.push(driver.ask({ cmd: 'open', host: HOST, port: server.port, count }).then((r) => ({ server, opened: r.opened!, failed: r.failed! })));
      }
    }
    let opened = 0;
    const failed: Record<string, number> = {};
    for (const r of await Promise.all(orders)) {
      r.server.readers += r.opened;
      opened += r.opened;
      for (const [k, n] of Object.entries(r.failed)) failed[k] = (failed[k] ?? 0) + n;
    }
    return { opened, failed };
  }

  /** Readers still open, as the drivers count them. */
  async open(): Promise<number> {
    const replies = await Promise.all(this.drivers.map((d) => d.ask({ cmd: 'take', tag: '-', peek: true })));
    return replies.reduce((n, r) => n + r.open, 0);
  }

  /**
   * A new viewer on one of the servers buys one candle: the time from its `!buy` frame to the
   * alert line on every reader. Done once the buyer's own socket had it and every reader did (or
   * STRAGGLERS_MS passed).
   */
  async purchase(): Promise<Purchase> {
    const n = ++this.purchases;
    const tag = `${BUYER_PREFIX}${n}`;
    const server = this.servers[n % this.servers.length]!;
    const ws = new WebSocket(`ws://${HOST}:${server.port}/ws/chat`, { perMessageDeflate: false });
    try {
      const seen: string[] = [];
      ws.on('message', (data: Buffer) => void seen.push(data.toString()));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.send(JSON.stringify({ type: 'hello', name: tag }));
      await until(() => seen.some((m) => m.includes('"type":"welcome"')), 10_000);
      await Promise.all(this.drivers.map((d) => d.ask({ cmd: 'arm', tag })));
      const t0 = performance.timeOrigin + performance.now();
      ws.send(JSON.stringify({ type: 'say', text: '!buy VAN' }));
      const alerted = await until(() => seen.some((m) => m.includes('just bought') && m.includes(tag)), 30_000);
      const deadline = Date.now() + STRAGGLERS_MS;
      let open = 0;
      while (alerted && Date.now() < deadline) {
        const counts = await Promise.all(this.drivers.map((d) => d.ask({ cmd: 'take', tag, peek: true })));
        open = counts.reduce((s, r) => s + r.open, 0);
        if (counts.reduce((s, r) => s + r.got!, 0) >= open) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const taken = await Promise.all(this.drivers.map((d) => d.ask({ cmd: 'take', tag })));
      open = taken.reduce((s, r) => s + r.open, 0);
      const latencies = taken.flatMap((r) => r.stamps!.map((at) => at - t0));
      return { latencies, missed: open - latencies.length, ...(!alerted && { error: `no alert on the buyer's socket; it saw ${seen.slice(-3).join(' | ')}` }) };
    } finally {
      ws.terminate();
    }
  }

  /** Ends the drivers and servers hard (their sockets need no goodbye), the core gently. */
  async stop(): Promise<void> {
    await Promise.all(this.drivers.map((d) => kill(d.child)));
    await Promise.all(this.servers.filter((s) => s.proc !== this.core).map((s) => kill(s.proc.child)));
    await stopAll(5_000);
  }

  private async addEdge(): Promise<void> {
    const proc = await startNode(
      'orchestrator/edge-main.ts',
      ['--show', this.showFile, '--port', '0', '--host', HOST],
      { SHOWCART_WEB_SECRET: SECRET },
      /the viewer page at http:\/\/[^:/\s]+:(\d+)/,
    );
    const port = Number(proc.match);
    // Readers are opened once the edge hears its core (its heartbeat), as a viewer would find it.
    const live = await until(async () => {
      const health = (await fetch(`http://${HOST}:${port}/api/health`).then((r) => r.json())) as { core?: string };
      return health.core === 'live';
    }, 15_000);
    if (!live) throw new Error(`edge on port ${port} never heard its core:\n${proc.output()}`);
    this.servers.push({ proc, port, idleRssMb: rssMb(proc.pid), readers: 0 });
  }
}

/** Polls `check` every 50 ms until it holds (true) or `ms` pass (false). */
async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
