/** A sliding-window limit: at most `limit` messages in any `windowMs`. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Send times kept per limit, so "at most N in any window" holds exactly (a token bucket would
 * allow a double burst at a window edge, which is what gets Twitch bots muted for 30 minutes).
 */
export class SlidingWindow {
  private readonly sent: number[] = [];
  private readonly longest: number;
  /**
   * This process's part of every limit (1: all of it). Several processes sending with one bot
   * token each keep to their part, so together they stay within the platform's limit.
   */
  scale = 1;

  constructor(private readonly windows: readonly RateWindow[]) {
    this.longest = Math.max(0, ...windows.map((w) => w.windowMs));
  }

  /**
   * The earliest time a message may go. `share` below 1 keeps part of every window free
   * (relay lines use 0.75 so replies and moderation always find room).
   */
  nextAllowed(now: number, share = 1): number {
    this.prune(now);
    let at = now;
    for (const w of this.windows) {
      const allowed = Math.max(1, Math.floor(w.limit * share * this.scale));
      const inWindow = this.countSince(now - w.windowMs);
      if (inWindow >= allowed) {
        // The (inWindow - allowed + 1)-th oldest send in the window must age out first.
        const oldestIndex = this.sent.length - inWindow + (inWindow - allowed);
        at = Math.max(at, this.sent[oldestIndex]! + w.windowMs);
      }
    }
    return at;
  }

  record(now: number): void {
    this.sent.push(now);
  }

  private countSince(since: number): number {
    let n = 0;
    for (let i = this.sent.length - 1; i >= 0 && this.sent[i]! > since; i--) n++;
    return n;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.sent.length && this.sent[drop]! <= now - this.longest) drop++;
    if (drop > 0) this.sent.splice(0, drop);
  }
}
