import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/fakes/rtmp-target.js';
import { fmt, type BenchResult } from './measure.js';
import { StormRig } from './storm-driver.js';
import type { StormReport } from './storm-protocol.js';

const VIEWERS = 10_000;
const RATE = 2_000;
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

interface Figures {
  idle: StormReport;
  loaded: StormReport;
  processed: number;
}

/**
 * Resident memory of showcart with all three bots, the RTMP server and 10,000 distinct viewers who
 * each said something: as `npm start` runs it (compiled to dist/, plain node), then the same code
 * through tsx (how the tests and scripts run it) for comparison.
 */
export async function benchMemory(): Promise<BenchResult> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', root('tsconfig.bench.json')], { stdio: 'inherit' });
  const compiled = await measure(true);
  const tsx = await measure(false);
  const lines = (f: Figures) =>
    `idle RSS ${fmt(f.idle.rssMb)} MB (heap ${fmt(f.idle.heapMb)} MB) → after ${fmt(f.processed)} lines from ${fmt(VIEWERS)} distinct viewers: ` +
    `RSS ${fmt(f.loaded.rssMb)} MB after GC, peak ${fmt(f.loaded.maxRssMb)} MB (heap ${fmt(f.loaded.heapMb)} MB)`;
  return {
    lines: [`bots + RTMP server, compiled (npm start): ${lines(compiled)}; target ≤ 200 MB`, `same code through tsx:                   ${lines(tsx)}`],
    figures: {
      viewers: VIEWERS,
      idleRssMb: compiled.idle.rssMb,
      rssMb: compiled.loaded.rssMb,
      peakRssMb: compiled.loaded.maxRssMb,
      heapMb: compiled.loaded.heapMb,
      processed: compiled.processed,
      tsx: { idleRssMb: tsx.idle.rssMb, rssMb: tsx.loaded.rssMb, peakRssMb: tsx.loaded.maxRssMb, heapMb: tsx.loaded.heapMb, processed: tsx.processed },
    },
  };
}

/** One showcart host over the storm fakes: idle figures, one line from each of 10,000 new viewers, figures after GC. */
async function measure(compiled: boolean): Promise<Figures> {
  const rig = new StormRig();
  try {
    await rig.start('storm-host.ts', { compiled, media: { rtmpPort: await freePort(), httpPort: await freePort() }, execArgv: ['--expose-gc'] });
    const idle = await rig.report(true);
    // One line from each of 10,000 viewers spread over the three platforms (each viewer index is new).
    const { byKey } = await rig.send(RATE, VIEWERS, Math.ceil(VIEWERS / 3));
    const done = new Set<string>();
    for (let progressAt = Date.now(); done.size < byKey.size && Date.now() - progressAt < 5000;) {
      await new Promise((r) => setTimeout(r, 250));
      const before = done.size;
      for (const [key] of (await rig.report()).done) if (byKey.has(key)) done.add(key);
      if (done.size > before) progressAt = Date.now();
    }
    const loaded = await rig.report(true);
    return { idle, loaded, processed: done.size };
  } finally {
    await rig.stop();
  }
}
