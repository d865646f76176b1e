import type { Logger } from 'pino';
import type { Models } from './models.js';

/** Rows per INSERT statement at most, so a backlog after a stall never becomes one huge statement. */
const MAX_ROWS_PER_INSERT = 2_000;

/**
 * One multi-row INSERT without building a model instance per row (bulkCreate's cost per row is
 * several times the database's). Column names as the migrations create them; `data` as JSON text,
 * which is how the JSON attribute stores it and reads it back.
 */
function insertRows(LoggedEvent: Models['LoggedEvent'], rows: readonly LiveEvent[]): Promise<unknown> {
  const records = rows.map((r) => ({
    show_id: r.showId,
    run_id: r.runId,
    type: r.type,
    at: r.at,
    show_ms: r.showMs,
    platform: r.platform,
    viewer_id: r.viewerId,
    data: JSON.stringify(r.data),
  }));
  return LoggedEvent.sequelize!.getQueryInterface().bulkInsert(LoggedEvent.getTableName() as string, records);
}

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
  /** Batches handed to the database and not yet written. */
  private inFlight = 0;
  private written = 0;
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  constructor(
    private readonly table: Models['LoggedEvent'],
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
    // While a batch is being written the next one grows instead of queueing behind it: under load
    // batches get bigger and each costs one statement, not one per 200 rows.
    if (this.buffer.length >= this.batchSize && this.inFlight === 0) void this.flush();
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
    this.inFlight++;
    // Batches are written one after another so the log keeps its order.
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < rows.length; i += MAX_ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + MAX_ROWS_PER_INSERT);
        try {
          await insertRows(this.table, chunk);
          this.written += chunk.length;
        } catch (err) {
          this.log.error({ err, lost: chunk.length }, 'event log write failed');
        }
      }
      this.inFlight--;
      if (this.buffer.length >= this.batchSize && this.inFlight === 0) void this.flush();
    });
    return this.writing;
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  get count(): number {
    return this.written;
  }
}
