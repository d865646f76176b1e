import type { Cancel } from './cron.js';

/** A one-off timer as a `Cancel`. */
export function after(ms: number, run: () => void): Cancel {
  const timer = setTimeout(run, Math.max(0, ms));
  return { stop: () => clearTimeout(timer) };
}
