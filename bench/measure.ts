/** Runs `fn` for at least `minMs` after a warm-up and returns operations per second. */
export async function opsPerSecond(fn: () => unknown, minMs = 500): Promise<number> {
  for (let i = 0; i < 1000; i++) await fn();
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 100; i++) await fn();
    ops += 100;
  }
  return ops / ((performance.now() - start) / 1000);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** What a benchmark returns: lines for the printed table, figures for bench/results/latest.json. */
export interface BenchResult {
  lines: string[];
  figures: Record<string, unknown>;
}

/** p50 / p99 / max of unsorted samples, in the samples' unit. */
export function spread(samples: number[]): { n: number; p50: number; p99: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/**
 * The node flags `npm start` and the Docker image run showcart with (keep the three in step): a
 * young generation of 8 MB semi-spaces instead of V8's 16 MB, which keeps ~10-20 MB of resident
 * memory off a small VPS for a few percent more scavenges under a storm.
 */
export const PRODUCTION_NODE_FLAGS = ['--max-semi-space-size=8'];
