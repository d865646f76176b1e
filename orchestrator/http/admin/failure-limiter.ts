/**
 * Counts failed admin credentials per client in a sliding window: after `limit` failures the
 * client waits until the oldest one ages out. Successes are never counted. Memory only.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 60_000,
  ) {}

  /** Milliseconds until this client may try again; 0 when it may try now. */
  retryAfterMs(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.limit) return 0;
    return recent[recent.length - this.limit]! + this.windowMs - now;
  }

  fail(key: string, now: number): void {
    this.failures.set(key, [...this.recent(key, now), now]);
    // Clients that stopped trying are forgotten, so a spray of addresses cannot grow the map for ever.
    if (this.failures.size > 1000) for (const k of [...this.failures.keys()]) if (this.recent(k, now).length === 0) this.failures.delete(k);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }
}
