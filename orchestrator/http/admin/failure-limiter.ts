/**
 * Counts failed admin credentials per client in a sliding window: after `limit` failures the
 * client's further failures are refused until the oldest one ages out. Only failures are counted,
 * and a refused try is not stored, so a client never holds more than `limit` timestamps. Memory only.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until this client's failures fall below the limit; 0 when they already are. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return recent[recent.length - this.limit]! + this.windowMs - now;
  }

  /** Records one failure; a client already at the limit is not recorded again (it is being refused). */
  fail(key: string, now: number): void {
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) return;
    this.failures.set(key, [...recent, now]);
    // Clients that stopped trying are forgotten, so a spray of addresses cannot grow the map for ever.
    if (this.failures.size > 1000) for (const k of [...this.failures.keys()]) if (this.recent(k, now).length === 0) this.failures.delete(k);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }
}
