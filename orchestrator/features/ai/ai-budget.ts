const MINUTE = 60_000;

/**
 * Requests and tokens per minute the show may spend on its model: a request is refused before it
 * is made when either is spent, so a busy chat costs at most what the show file allows.
 */
export class AiBudget {
  private readonly requests: number[] = [];
  private readonly tokens: Array<{ at: number; n: number }> = [];

  constructor(
    private readonly limits: () => { requestsPerMinute: number; tokensPerMinute: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from this minute's budget, or says there is none left. */
  take(): boolean {
    const now = this.now();
    while (this.requests.length > 0 && this.requests[0]! <= now - MINUTE) this.requests.shift();
    while (this.tokens.length > 0 && this.tokens[0]!.at <= now - MINUTE) this.tokens.shift();
    const { requestsPerMinute, tokensPerMinute } = this.limits();
    if (this.requests.length >= requestsPerMinute) return false;
    if (this.tokens.reduce((sum, t) => sum + t.n, 0) >= tokensPerMinute) return false;
    this.requests.push(now);
    return true;
  }

  /** What the server reported a request used. */
  used(tokens: number): void {
    if (tokens > 0) this.tokens.push({ at: this.now(), n: tokens });
  }
}
