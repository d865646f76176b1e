/**
 * Per-key timestamps of accepted sends, used both to enforce platform rate
 * limits and to let tests assert that our outbound queues stayed under them.
 */

/** Timestamps per key (a chat, a channel, a connection). */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  /** Records one event for `key` at `at` (ms since epoch). */
  hit(key: string, at = Date.now()): void {
    const list = this.hits.get(key);
    if (list === undefined) this.hits.set(key, [at]);
    else list.push(at);
  }

  /** Event times for `key`, oldest first. */
  times(key: string): readonly number[] {
    return this.hits.get(key) ?? [];
  }

  /** Events for `key` in the `windowMs` ending at `now`. */
  count(key: string, windowMs: number, now = Date.now()): number {
    return this.times(key).filter((t) => t > now - windowMs).length;
  }

  /**
   * Milliseconds until the window ending at `now` holds fewer than `limit`
   * events for `key` (0 if it already does).
   */
  waitUntilBelow(key: string, limit: number, windowMs: number, now = Date.now()): number {
    const inWindow = this.times(key).filter((t) => t > now - windowMs);
    if (inWindow.length < limit) return 0;
    const blocker = inWindow[inWindow.length - limit];
    return blocker === undefined ? 0 : blocker + windowMs - now;
  }

  /** Most events for `key` in any window of `windowMs`, over the whole history. */
  maxPerWindow(key: string, windowMs: number): number {
    const list = this.times(key);
    let best = 0;
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while ((list[end] ?? 0) - (list[start] ?? 0) >= windowMs) start++;
      best = Math.max(best, end - start + 1);
    }
    return best;
  }

  /** Forgets every key. */
  clear(): void {
    this.hits.clear();
  }
}
