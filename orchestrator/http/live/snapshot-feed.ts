export interface SnapshotFeedOptions {
  /** At most one build per this many ms. */
  throttleMs?: number;
  /** Rebuild this often even without a touch, while anyone listens: some changes have no event. */
  pollMs?: number;
  onError: (err: unknown) => void;
}

/**
 * A snapshot (the dashboard's state, the overlay's state) shared by every open stream: rebuilt at
 * most once per `throttleMs` after something may have changed, and passed on only when it did.
 * One build serves all listeners, so ten open dashboards cost what one does.
 */
export class SnapshotFeed<T> {
  private readonly listeners = new Set<(snapshot: T) => void>();
  private last: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastBuild = 0;
  private building = false;
  private again = false;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly build: () => T | Promise<T>,
    private readonly options: SnapshotFeedOptions,
  ) {}

  /** Listens from now on; returns how to stop. The caller sends the current snapshot itself. */
  subscribe(listener: (snapshot: T) => void): () => void {
    this.listeners.add(listener);
    if (this.options.pollMs && !this.idle) {
      this.idle = setInterval(() => this.touch(), this.options.pollMs);
      this.idle.unref();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  }

  /**
   * The snapshot now, for a stream that just opened. The others are brought up to date by the
   * next publish if it differs from what they last got.
   */
  async current(): Promise<T> {
    const snapshot = await this.build();
    this.touch();
    return snapshot;
  }

  /** Something may have changed. */
  touch(): void {
    if (this.listeners.size === 0 || this.timer) return;
    if (this.building) {
      this.again = true;
      return;
    }
    const wait = Math.max(0, this.lastBuild + (this.options.throttleMs ?? 1000) - Date.now());
    this.timer = setTimeout(() => void this.publish(), wait);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    clearInterval(this.idle);
    this.timer = undefined;
    this.idle = undefined;
  }

  private async publish(): Promise<void> {
    this.timer = undefined;
    this.building = true;
    this.lastBuild = Date.now();
    try {
      const snapshot = await this.build();
      const text = JSON.stringify(snapshot);
      if (text !== this.last) {
        this.last = text;
        for (const listener of this.listeners) listener(snapshot);
      }
    } catch (err) {
      this.options.onError(err);
    } finally {
      this.building = false;
      if (this.again) {
        this.again = false;
        this.touch();
      }
    }
  }
}
