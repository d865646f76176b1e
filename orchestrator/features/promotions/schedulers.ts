import cron from 'node-cron';

/** Something scheduled that can be called off. */
export interface Cancel {
  stop(): void;
}

/** Runs `run` on a cron expression read in `timezone` until stopped; injectable for tests. */
export type CronScheduler = (expression: string, timezone: string, run: () => void, name: string) => Cancel;

/** The real scheduler: node-cron, which follows the timezone's daylight-saving changes. */
export const nodeCronScheduler: CronScheduler = (expression, timezone, run, name) => {
  const task = cron.schedule(expression, run, { timezone, name, noOverlap: true });
  // destroy() also removes the task from node-cron's registry, so show runs do not pile tasks up.
  return { stop: () => void task.destroy() };
};

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
