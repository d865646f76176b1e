/**
 * Counts wrong link codes per account in a sliding window, so nobody can try codes until one
 * fits: five misses in ten minutes and that account waits. Memory only; a restart forgives.
 */
export class FailedAttempts {
  private readonly misses = new Map<string, number[]>();

  constructor(
    private readonly limit = 5,
    private readonly windowMs = 10 * 60_000,
  ) {}

  blocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.limit;
  }

  fail(key: string, now: number): void {
    this.misses.set(key, [...this.recent(key, now), now]);
    // Accounts that stopped trying are forgotten, so the map does not grow with the audience.
    if (this.misses.size > 1000) for (const k of [...this.misses.keys()]) if (this.recent(k, now).length === 0) this.misses.delete(k);
  }

  private recent(key: string, now: number): number[] {
    return (this.misses.get(key) ?? []).filter((at) => now - at < this.windowMs);
  }
}
