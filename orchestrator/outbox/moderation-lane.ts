import type { Logger } from 'pino';
import { PermanentSendError, RateLimitError, type Channel } from '../channel.js';
import type { ModerationAction } from '../chat-types.js';
import type { SlidingWindow } from '../shared/sliding-window.js';
import type { PlatformStats } from './outbox-stats.js';

/** Moderation actions waiting per platform at most; past it the oldest are dropped (and counted). */
const MAX_WAITING = 500;
/** A failing delete or timeout is tried this often, then dropped: it must never hold anything up. */
const MAX_ATTEMPTS = 3;
const NOT_CONNECTED_RECHECK_MS = 500;

interface Waiting {
  action: ModerationAction;
  attempts: number;
}

/**
 * Deletes and timeouts of one platform, in their own lane: they go out in order within the
 * platform's bot-wide window, but a failing one (Helix answering 503) pauses only this lane, for a
 * bounded number of tries, so replies and relay lines in the rooms never wait for it. A timeout of
 * a viewer already timed out (or about to be) collapses into the one already given.
 */
export class ModerationLane {
  private readonly waiting: Waiting[] = [];
  private inFlight = false;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Viewers timed out, by room and user, until when: another timeout for them adds nothing. */
  private readonly mutedUntil = new Map<string, number>();

  constructor(
    private readonly channel: Channel,
    private readonly window: SlidingWindow,
    private readonly stats: PlatformStats,
    private readonly log: Logger,
    private readonly onIdle: () => void,
    private readonly random: () => number = Math.random,
  ) {}

  push(action: ModerationAction): void {
    if (action.kind === 'timeout') {
      const key = `${action.channelId}\u0000${action.userId}`;
      const now = Date.now();
      if ((this.mutedUntil.get(key) ?? 0) > now) {
        this.stats.collapsed++;
        return;
      }
      this.mutedUntil.set(key, now + action.seconds * 1000);
      if (this.mutedUntil.size > 5000) for (const [k, until] of this.mutedUntil) if (until <= now) this.mutedUntil.delete(k);
    }
    this.waiting.push({ action, attempts: 0 });
    if (this.waiting.length > MAX_WAITING) {
      this.waiting.shift();
      this.stats.dropped.overflow++;
    }
    this.pump();
  }

  get idle(): boolean {
    return !this.inFlight && this.waiting.length === 0;
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Shutdown: what waits is dropped and counted. */
  discard(): number {
    clearTimeout(this.timer);
    this.timer = undefined;
    const n = this.waiting.splice(0).length;
    this.stats.dropped.shutdown += n;
    return n;
  }

  private pump(): void {
    if (this.inFlight) return;
    const next = this.waiting[0];
    if (!next) return this.onIdle();
    const state = this.channel.state().state;
    if (state === 'disabled') {
      this.stats.dropped.disabled += this.waiting.splice(0).length;
      return this.onIdle();
    }
    const now = Date.now();
    if (state !== 'connected') return this.schedule(now + NOT_CONNECTED_RECHECK_MS);
    const at = Math.max(this.pausedUntil, this.window.nextAllowed(now));
    if (at > now) return this.schedule(at);
    this.waiting.shift();
    this.window.record(now);
    this.inFlight = true;
    this.channel.moderate(next.action).then(
      () => {
        this.inFlight = false;
        this.stats.sent++;
        this.pump();
      },
      (err: unknown) => {
        this.inFlight = false;
        this.failed(next, err);
        this.pump();
      },
    );
  }

  private failed(item: Waiting, err: unknown): void {
    const where = { platform: this.channel.platform, channelId: item.action.channelId, action: item.action.kind };
    if (err instanceof RateLimitError) {
      this.stats.rateLimited++;
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + err.retryAfterMs);
      this.waiting.unshift(item);
      return;
    }
    if (err instanceof PermanentSendError || item.attempts + 1 >= MAX_ATTEMPTS) {
      this.log.warn({ ...where, err }, 'moderation action could not be carried out and is dropped');
      this.stats.dropped.failed++;
      return;
    }
    this.stats.retries++;
    const attempts = item.attempts + 1;
    this.pausedUntil = Date.now() + Math.min(1000 * 2 ** (attempts - 1), 10_000) * (0.5 + this.random());
    this.log.warn({ ...where, err, attempts }, 'moderation action failed, will retry');
    this.waiting.unshift({ ...item, attempts });
  }

  private schedule(at: number): void {
    if (this.timer) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
  }
}
