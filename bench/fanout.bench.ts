import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { NatsServer } from '../test/support/nats-server.js';
import { fmt, type BenchResult } from './measure.js';
import { stopAll } from './fanout-procs.js';
import { FanoutRig, FILE_LIMIT, SOCKETS_PER_DRIVER, SOCKETS_PER_SERVER } from './fanout-rig.js';
import { GAP_MS, HEADER, PURCHASES, row, step, type Step } from './fanout-step.js';

const STEPS = (process.env.FANOUT_STEPS ?? '1000,5000,10000,25000,50000').split(',').map(Number);
/** The one-process baseline stops after a step whose p99 passes this. */
const BASELINE_P99_BOUND_MS = 5_000;
/** Past this, no further step starts: the whole benchmark stays near ten minutes. */
const BUDGET_MS = 9 * 60_000;

/**
 * Fan-out of a purchase alert to web viewers: one core and web edges over a real nats-server
 * (issue 19), against one process serving the sockets itself. Readers are raw WebSockets held
 * by separate driver processes; at each step a few viewers buy, and the time from each `!buy` to
 * the alert line on every reader is taken. CPU and memory of each process come from /proc.
 */
export async function benchFanout(): Promise<BenchResult> {
  const began = Date.now();
  // Other work on the machine skews a fan-out on two cores: the load average is kept beside the figures.
  const load = { before: loadavg()[0]!, after: NaN };
  const nats = await NatsServer.start();
  const dir = mkdtempSync(join(tmpdir(), 'showcart-bench-fanout-'));
  const natsPid = nats.pid;
  const edges: Step[] = [];
  const single: Step[] = [];
  let singleStopped = '';
  try {
    let rig = await FanoutRig.start('edges', dir, nats.url);
    try {
      for (const readers of STEPS) {
        if (Date.now() - began > BUDGET_MS) break;
        edges.push(await step(rig, readers, natsPid));
        console.log(`  edges: ${row(edges.at(-1)!)}`);
      }
    } finally {
      await rig.stop();
    }
    rig = await FanoutRig.start('single', dir);
    try {
      for (const readers of STEPS) {
        if (readers > rig.capacity) {
          singleStopped = `${fmt(readers)} not run: one process holds at most ${fmt(SOCKETS_PER_SERVER + 1_000)} web sockets under this machine's open-file limit of ${fmt(FILE_LIMIT)} (hard limit; socketBudget keeps a quarter free)`;
          break;
        }
        if (Date.now() - began > BUDGET_MS) break;
        const s = await step(rig, readers);
        single.push(s);
        console.log(`  one process: ${row(s)}`);
        if (s.latency.p99 > BASELINE_P99_BOUND_MS || Object.keys(s.openFailed).length > 0) {
          singleStopped = `stopped after ${fmt(readers)}: p99 ${fmt(s.latency.p99)} ms or sockets failed to open`;
          break;
        }
      }
    } finally {
      await rig.stop();
    }
  } finally {
    // Whatever a failed start left running (a core whose edge never came up) ends here too.
    await stopAll(0);
    await nats.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  load.after = loadavg()[0]!;
  const lines = [
    `${PURCHASES} purchases per step, ${GAP_MS / 1000} s apart; latency = the buyer's \`!buy\` frame → the alert line on each reader (raw WebSockets in driver processes on the same 2 cores)`,
    `1-minute load average ${fmt(load.before, 1)} before, ${fmt(load.after, 1)} after (2 cores; anything above the benchmark's own processes is other work)`,
    `open-file limit ${fmt(FILE_LIMIT)} per process (hard): at most ${fmt(SOCKETS_PER_SERVER)} readers per edge and ${fmt(SOCKETS_PER_DRIVER)} per driver, so larger steps add edges (in pairs) and drivers`,
    HEADER,
    'one core + web edges over NATS:',
    ...edges.map(row),
    'one process without NATS (the core serves the sockets):',
    ...single.map(row),
    ...(singleStopped ? [`  ${singleStopped}`] : []),
  ];
  return {
    lines,
    figures: {
      loadAverage: load,
      purchases: PURCHASES,
      gapMs: GAP_MS,
      fileLimit: FILE_LIMIT,
      socketsPerServer: SOCKETS_PER_SERVER,
      edges,
      single,
      singleStopped,
    },
  };
}
