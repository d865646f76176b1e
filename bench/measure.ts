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
