import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { codec } from '../../../bots/web/web-nats.js';
import type { CoreStatus } from '../../../bots/web/web-protocol.js';
import { withOverlayEvent } from '../live/overlay-live.js';
import type { SseStream } from '../live/sse-stream.js';
import { coreSubjects, type CoreState, type OverlayFeedEvent } from './edge-subjects.js';

export interface CoreLinkOptions {
  nc: NatsConnection;
  showId: string;
  log: Logger;
  /** Called when the core stops answering and when it is back. */
  onChange: (status: CoreStatus) => void;
  /** No heartbeat for this long and the core counts as away (default 3.5 s: three missed beats). */
  awayAfterMs?: number;
}

/**
 * What a web edge knows of its core: the last heartbeat (the storefront and overlay every viewer
 * on this edge is served from memory), whether the core answers, and the overlay streams this
 * edge feeds. Nothing here is state a viewer needs: another edge has the same.
 */
export class CoreLink {
  private last: CoreState | undefined;
  private seenAt = 0;
  private status: CoreStatus = 'reconnecting';
  private readonly timer: NodeJS.Timeout;
  private readonly awayAfterMs: number;
  private firstBeat: (() => void) | undefined;
  readonly overlayStreams = new Set<SseStream>();

  constructor(private readonly o: CoreLinkOptions) {
    this.awayAfterMs = o.awayAfterMs ?? 3500;
    const subjects = coreSubjects(o.showId);
    o.nc.subscribe(subjects.state, { callback: (_err, m) => this.beat(m.data) });
    o.nc.subscribe(subjects.overlay, { callback: (_err, m) => this.overlayEvent(m.data) });
    this.timer = setInterval(() => this.check(), 250);
    this.timer.unref();
  }

  /** Resolves at the first heartbeat, or after `ms` when the core is away (the edge opens anyway). */
  firstHeartbeat(ms: number): Promise<void> {
    if (this.last) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.firstBeat = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  get away(): boolean {
    return this.status !== 'live';
  }

  get state(): CoreState | undefined {
    return this.last;
  }

  stop(): void {
    clearInterval(this.timer);
    for (const stream of this.overlayStreams) stream.close();
  }

  private beat(data: Uint8Array): void {
    let state: CoreState;
    try {
      state = codec.decode(data) as CoreState;
    } catch {
      return void this.o.log.warn('an unreadable heartbeat from the core was dropped');
    }
    if (typeof state?.at !== 'number' || typeof state.storefront !== 'object' || typeof state.overlay !== 'object') return;
    const restarted = this.last !== undefined && this.last.startedAt !== state.startedAt;
    this.last = state;
    this.seenAt = Date.now();
    this.firstBeat?.();
    this.firstBeat = undefined;
    if (this.status !== 'live' || restarted) {
      this.status = 'live';
      this.o.log.info({ restarted }, 'the core answers');
      this.o.onChange('live');
      // The overlays on this edge start again from the core's picture.
      for (const stream of this.overlayStreams) stream.send('state', state.overlay);
    }
  }

  private overlayEvent(data: Uint8Array): void {
    let e: OverlayFeedEvent;
    try {
      e = codec.decode(data) as OverlayFeedEvent;
    } catch {
      return;
    }
    if (e?.event !== 'state' && e?.event !== 'alert') return;
    if (this.last) this.last.overlay = withOverlayEvent(this.last.overlay, e);
    for (const stream of this.overlayStreams) stream.send(e.event, e.data);
  }

  private check(): void {
    if (this.status === 'live' && Date.now() - this.seenAt > this.awayAfterMs) {
      this.status = 'reconnecting';
      this.o.log.warn('the core stopped answering; the page stays up and says so');
      this.o.onChange('reconnecting');
    }
  }
}
