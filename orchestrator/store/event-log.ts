import type { Logger } from 'pino';
import { LoggedEvent } from './models-core.js';

export interface ShowClockReading {
  runId: number | null;
  showMs: number | null;
}

export interface EventInput {
  type: string;
  platform?: string;
  viewerId?: number;
  data: Record<string, unknown>;
  at?: number;
}

/** One event as appended: what live views (dashboard, overlay) receive the moment it happens. */
export type LiveEvent = { showId: string; runId: number | null; type: string; at: number; showMs: number | null; platform: string | null; viewerId: number | null; data: Record<string, unknown> };

/**
 * The append-only history analytics reads. Chat can bring hundreds of lines a second, so rows are
 * written in small batches; anything that must survive a crash at once (an order) is written by
 * its own transaction, not through here.
 */
export class EventLog {
  private buffer: LiveEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private written = 0;
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  constructor(
    private readonly showId: string,
    private readonly clock: (at: number) => ShowClockReading,
    private readonly log: Logger,
    private readonly options: { batchSize?: number; flushMs?: number } = {},
  ) {}

  append(event: EventInput): void {
    const at = event.at ?? Date.now();
    const { runId, showMs } = this.clock(at);
    const row: LiveEvent = {
      showId: this.showId,
      runId,
      type: event.type,
      at,
      showMs,
      platform: event.platform ?? null,
      viewerId: event.viewerId ?? null,
      data: event.data,
    };
    this.buffer.push(row);
    for (const listener of this.listeners) {
      // A broken live view must never cost the log its row.
      try {
        listener(row);
      } catch (err) {
        this.log.error({ err }, 'a live event listener failed');
      }
    }
    if (this.buffer.length >= (this.options.batchSize ?? 200)) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 50);
  }

  /** Every event from now on, as it is appended (before it is on disk); returns how to stop. */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes everything buffered; resolves when it is on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return this.writing;
    const rows = this.buffer;
    this.buffer = [];
    // Batches are written one after another so the log keeps its order.
    this.writing = this.writing.then(async () => {
      try {
        await LoggedEvent.bulkCreate(rows);
        this.written += rows.length;
      } catch (err) {
        this.log.error({ err, lost: rows.length }, 'event log write failed');
      }
    });
    return this.writing;
  }

  get count(): number {
    return this.written;
  }
}
