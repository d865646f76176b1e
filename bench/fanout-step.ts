/** One step of the fan-out benchmark: grow to N readers, time a few purchases' alerts, read CPU and memory. */
import { fmt, spread } from './measure.js';
import { Sampler } from './fanout-procs.js';
import type { FanoutRig, Purchase } from './fanout-rig.js';

export const PURCHASES = Number(process.env.FANOUT_PURCHASES ?? 5);
/** Purchases start this far apart (or later, once the last one's alert reached every reader). */
export const GAP_MS = 3_000;
/** The readers at rest (pings, the core's heartbeat) before the purchases: what a purchase adds is the rest. */
const REST_MS = 3_000;

export interface Load {
  cpuMs: number;
  /** Of one core. */
  cpuPercent: number;
  /** Peak over the window. */
  rssMb: number;
}

/** Processes of one kind (the edges, the drivers…): at rest, over the purchases, and per purchase beyond rest. */
export interface Share {
  rest: Load;
  purchases: Load;
  /** CPU ms one purchase cost above rest, and that per 1,000 readers. */
  cpuMsPerPurchase: number;
  cpuMsPerPurchasePer1000: number;
}

export interface Step {
  readers: number;
  /** Processes serving the readers: edges, or 1 (the core) in the baseline. */
  servers: number;
  drivers: number;
  openSeconds: number;
  openFailed: Record<string, number>;
  /** Over every reader and purchase: ms from the `!buy` to the alert on that reader. */
  latency: ReturnType<typeof spread>;
  /** Per purchase: ms until the first reader had it (the way through the core) and until the last did. */
  firstReaderMs: number[];
  lastReaderMs: number[];
  missed: number;
  errors: string[];
  /** The processes holding the readers (edges; the core in the baseline). */
  serving: Share & { idleRssMb: number; mbPer1000: number; restCpuPercentPer1000: number };
  core: Share;
  nats?: Share;
  load: Share;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function step(rig: FanoutRig, readers: number, natsPid?: number): Promise<Step> {
  const opening = performance.now();
  const { failed } = await rig.grow(readers);
  const openSeconds = (performance.now() - opening) / 1000;
  // Let the upgrades' garbage go before anything is measured.
  await sleep(1_000);
  const edges = rig.servers.filter((s) => s.proc !== rig.core);
  const serving = rig.mode === 'single' ? [rig.core.pid] : edges.map((s) => s.proc.pid);
  const drivers = rig.drivers.map((d) => d.pid);
  const pids = [rig.core.pid, ...edges.map((s) => s.proc.pid), ...drivers, ...(natsPid ? [natsPid] : [])];
  const atRest = new Sampler(pids);
  await sleep(REST_MS);
  const rest = atRest.stop();
  const busy = new Sampler(pids);
  const purchases: Purchase[] = [];
  for (let i = 0; i < PURCHASES; i++) {
    const started = performance.now();
    purchases.push(await rig.purchase());
    if (i < PURCHASES - 1) await sleep(Math.max(0, GAP_MS - (performance.now() - started)));
  }
  const load = busy.stop();
  const open = await rig.open();
  const k = open / 1000;
  const share = (ps: number[]): Share => {
    const sum = (m: typeof load): Load => ({
      cpuMs: ps.reduce((n, p) => n + m.get(p)!.cpuMs, 0),
      cpuPercent: ps.reduce((n, p) => n + m.get(p)!.cpuPercent, 0),
      rssMb: ps.reduce((n, p) => n + m.get(p)!.rssMb, 0),
    });
    const r = sum(rest);
    const p = sum(load);
    const wallMs = load.get(ps[0]!)!.wallMs;
    const perPurchase = (p.cpuMs - (r.cpuPercent / 100) * wallMs) / PURCHASES;
    return { rest: r, purchases: p, cpuMsPerPurchase: perPurchase, cpuMsPerPurchasePer1000: perPurchase / k };
  };
  const served = share(serving);
  const idleRssMb = rig.servers.reduce((n, s) => n + s.idleRssMb, 0);
  return {
    readers: open,
    servers: rig.mode === 'single' ? 1 : edges.length,
    drivers: drivers.length,
    openSeconds,
    openFailed: failed,
    latency: spread(purchases.flatMap((p) => p.latencies)),
    firstReaderMs: purchases.map((p) => Math.min(...p.latencies)),
    lastReaderMs: purchases.map((p) => Math.max(...p.latencies)),
    missed: purchases.reduce((n, p) => n + p.missed, 0),
    errors: purchases.flatMap((p) => (p.error ? [p.error] : [])),
    serving: { ...served, idleRssMb, mbPer1000: (served.purchases.rssMb - idleRssMb) / k, restCpuPercentPer1000: served.rest.cpuPercent / k },
    core: share([rig.core.pid]),
    ...(natsPid && { nats: share([natsPid]) }),
    load: share(drivers),
  };
}

export const HEADER =
  'readers servers  p50 / p99 / max ms  first / last reader p50 ms  missed │ serving: CPU % at rest (per 1k)  CPU ms per purchase per 1k  RSS MB (MB per 1k) │ core CPU % during purchases  nats CPU % during purchases │ drivers: CPU ms per purchase per 1k';

export function row(s: Step): string {
  const first = spread(s.firstReaderMs);
  const last = spread(s.lastReaderMs);
  const failed = Object.entries(s.openFailed)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
  const v = s.serving;
  return (
    `${fmt(s.readers).padStart(7)} ${String(s.servers).padStart(7)}  ${`${fmt(s.latency.p50)} / ${fmt(s.latency.p99)} / ${fmt(s.latency.max)}`.padStart(19)}  ` +
    `${`${fmt(first.p50)} / ${fmt(last.p50)}`.padStart(26)}  ${fmt(s.missed).padStart(6)} │ ` +
    `${`${fmt(v.rest.cpuPercent, 1)} (${fmt(v.restCpuPercentPer1000, 2)})`.padStart(31)}  ${fmt(v.cpuMsPerPurchasePer1000, 1).padStart(26)}  ` +
    `${`${fmt(v.purchases.rssMb)} (${fmt(v.mbPer1000, 1)})`.padStart(18)} │ ${fmt(s.core.purchases.cpuPercent, 1).padStart(29)}  ${(s.nats ? fmt(s.nats.purchases.cpuPercent, 1) : '–').padStart(29)} │ ` +
    `${fmt(s.load.cpuMsPerPurchasePer1000, 1).padStart(34)}; opened in ${fmt(s.openSeconds, 1)} s${failed ? `, failed: ${failed}` : ''}` +
    `${s.errors.length ? `; ${s.errors.length} purchases failed: ${s.errors[0]}` : ''}`
  );
}
