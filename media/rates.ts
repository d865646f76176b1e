/** kbit/s over a sliding window of (time, total bytes) samples (three sampling periods, in use). */
export class RateMeter {
  private samples: Array<{ at: number; bytes: number }> = [];

  constructor(private readonly windowMs = 3000) {}

  sample(at: number, totalBytes: number): void {
    this.samples.push({ at, bytes: totalBytes });
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
  }

  get kbps(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at <= first.at) return 0;
    // bytes·8 per ms is kbit per s
    return Math.max(0, Math.round(((last.bytes - first.bytes) * 8) / (last.at - first.at)));
  }

  reset(): void {
    this.samples = [];
  }
}

export interface StallClock {
  /** How long the target has moved no bytes while the ingest did. */
  stalledMs: number;
  lastBytes: number;
}

/**
 * One sampling step of the "claims to stream but moves nothing" check. Time only counts while
 * the ingest itself moves bytes: during an OBS drop every target is quiet, and that is no stall.
 */
export function stallStep(prev: StallClock, elapsedMs: number, targetBytes: number, ingestMoved: boolean): StallClock {
  if (targetBytes > prev.lastBytes) return { stalledMs: 0, lastBytes: targetBytes };
  if (!ingestMoved) return prev;
  return { stalledMs: prev.stalledMs + elapsedMs, lastBytes: prev.lastBytes };
}
