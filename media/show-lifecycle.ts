import type { IngestState } from './types.js';

export interface LifecycleHooks {
  /** The show starts: the first accepted publish after being offline. */
  onLive(at: number): void;
  /** The show really ended: the publisher left and did not come back within the grace. */
  onOffline(at: number): void;
}

/**
 * The show's life as the ingest sees it: offline → live → (publisher drops) reconnecting → live
 * again if it returns within the grace, offline if not. A brief OBS drop is not the end of a show,
 * so the show clock, the restreams and the viewers stay as they are through it.
 */
export class ShowLifecycle {
  private current: IngestState = 'offline';
  private liveSince: number | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly graceMs: number,
    private readonly hooks: LifecycleHooks,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): IngestState {
    return this.current;
  }

  get since(): number | null {
    return this.liveSince;
  }

  /** An accepted publish: starts the show, or continues it when it comes back within the grace. */
  published(at: number): 'started' | 'resumed' {
    if (this.current === 'offline') {
      this.current = 'live';
      this.liveSince = at;
      this.hooks.onLive(at);
      return 'started';
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    this.current = 'live';
    return 'resumed';
  }

  /** The publisher's connection is gone; the show ends unless it returns within the grace. */
  dropped(): void {
    if (this.current !== 'live') return;
    this.current = 'reconnecting';
    if (this.graceMs <= 0) return this.end(this.now());
    this.timer = setTimeout(() => this.end(this.now()), this.graceMs);
  }

  /** Ends the show now (grace over, or media stopping); a no-op when already offline. */
  end(at: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.current === 'offline') return;
    this.current = 'offline';
    this.liveSince = null;
    this.hooks.onOffline(at);
  }
}
