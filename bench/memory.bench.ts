import { freePort } from '../test/fakes/rtmp-target.js';
import { fmt, type BenchResult } from './measure.js';
import { StormRig } from './storm-driver.js';

const VIEWERS = 10_000;

/** Resident memory of showcart with all three bots, the RTMP server and 10,000 distinct viewers who each said something. */
export async function benchMemory(): Promise<BenchResult> {
  const rig = new StormRig();
  try {
    await rig.start('storm-host.ts', { media: { rtmpPort: await freePort(), httpPort: await freePort() }, execArgv: ['--expose-gc'] });
    const idle = await rig.report(true);
    // One line from each of 10,000 viewers spread over the three platforms (each viewer index is new).
    await rig.step(2_000, VIEWERS / 2_000, Math.ceil(VIEWERS / 3), 'done');
    const loaded = await rig.report(true);
    return {
      lines: [
        `bots + RTMP server, idle: RSS ${fmt(idle.rssMb)} MB (heap ${fmt(idle.heapMb)} MB)`,
        `after ${fmt(VIEWERS)} distinct viewers: RSS ${fmt(loaded.rssMb)} MB after GC, peak ${fmt(loaded.maxRssMb)} MB (heap ${fmt(loaded.heapMb)} MB); target ≤ 200 MB`,
      ],
      figures: { viewers: VIEWERS, idleRssMb: idle.rssMb, rssMb: loaded.rssMb, peakRssMb: loaded.maxRssMb, heapMb: loaded.heapMb },
    };
  } finally {
    await rig.stop();
  }
}
