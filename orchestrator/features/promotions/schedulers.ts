import type { Cancel } from '../../shared/cron.js';

export type { Cancel, CronScheduler } from '../../shared/cron.js';

/** A one-off timer as a `Cancel`. */
export function after(ms: number, run: () => void): Cancel {
  const timer = setTimeout(run, Math.max(0, ms));
  return { stop: () => clearTimeout(timer) };
}

/**
 * One moment in `[from, to]` (either order) from a random number in [0, 1); a window that has
 * already begun by `notBefore` is narrowed to what is left of it, and undefined once it is over.
 */
export function randomMoment(window: readonly [number, number], random: () => number, notBefore = 0): number | undefined {
  const lo = Math.max(Math.min(window[0], window[1]), notBefore);
  const hi = Math.max(window[0], window[1]);
  if (lo > hi) return undefined;
  return Math.min(hi, lo + Math.floor(random() * (hi - lo + 1)));
}
