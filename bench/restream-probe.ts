import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import RtmpClient from 'node-media-server/src/protocol/rtmp_client.js';
import nmsLogger from 'node-media-server/src/core/logger.js';

nmsLogger.log = () => undefined; // the RTMP client below logs through the library's console logger

/**
 * An RTMP player (node-media-server's client) that reports each video frame it receives with its
 * content hash. Restreamers may rebase timestamps (ffmpeg does), so frames are matched by
 * content: the same frame seen at the ingest and at a target gives the added latency.
 */
export class Tap {
  frames = 0;
  private constructor(private readonly client: RtmpClient) {}

  static async open(url: string, onFrame: (hash: string, at: number) => void): Promise<Tap> {
    const client = new RtmpClient();
    const tap = new Tap(client);
    client.onPacketCallback = (p) => {
      if (p.codec_type !== 9 || (p.flags !== 3 && p.flags !== 4)) return;
      tap.frames++;
      // skip the 5-byte FLV video header (its composition time may be rewritten); hash the frame itself
      onFrame(createHash('sha1').update(p.data.subarray(5, p.size)).digest('base64'), performance.now());
    };
    await client.connect(url);
    await client.sendConnect();
    await client.sendCreateStream();
    await client.sendPlay(url.split('/').pop()!);
    return tap;
  }

  close(): void {
    this.client.disconnect();
  }
}

/** When each frame was first seen at the ingest, and how much later each target saw it. */
export class LatencyBook {
  recording = false;
  readonly samples: number[] = [];
  private readonly seen = new Map<string, number>();

  ingest(hash: string, at: number): void {
    this.seen.delete(hash);
    this.seen.set(hash, at);
    if (this.seen.size > 4000) this.seen.delete(this.seen.keys().next().value!);
  }

  target(hash: string, at: number): void {
    const t = this.seen.get(hash);
    if (this.recording && t !== undefined) this.samples.push(at - t);
  }
}

/** CPU time of a process in ns: the sum over its threads of /proc/<pid>/task/<tid>/schedstat (ns, not 10 ms ticks). */
export function cpuNs(pid: number): number {
  let total = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    // the process ended
  }
  return total;
}

/**
 * % of one core used by each group of pids (summed within a group), sampled every second for
 * `seconds`; the median second is returned, so one garbage collection or one scheduler hiccup on
 * a small VM does not decide the figure.
 */
export async function cpuPercent(groups: number[][], seconds: number): Promise<number[]> {
  const read = () => groups.map((pids) => pids.reduce((sum, pid) => sum + cpuNs(pid), 0));
  const perSecond: number[][] = groups.map(() => []);
  let before = read();
  let t0 = performance.now();
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = read();
    const t1 = performance.now();
    now.forEach((ns, g) => perSecond[g]!.push((Math.max(0, ns - before[g]!) / ((t1 - t0) * 1e6)) * 100));
    before = now;
    t0 = t1;
  }
  return perSecond.map((xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);
}
