/** Exponential backoff with jitter, so many bots reconnecting after one outage do not all hit the platform at once. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: { baseMs?: number; maxMs?: number; random?: () => number } = {}) {}

  /** The delay before the next attempt: base·2^n capped at max, then scaled by a random 0.5–1.5. */
  next(): number {
    const base = this.options.baseMs ?? 1000;
    const max = this.options.maxMs ?? 60_000;
    const raw = Math.min(max, base * 2 ** this.attempt++);
    return Math.round(raw * (0.5 + (this.options.random ?? Math.random)()));
  }

  get attempts(): number {
    return this.attempt;
  }

  reset(): void {
    this.attempt = 0;
  }
}
