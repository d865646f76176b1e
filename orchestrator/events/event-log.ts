import type { Logger } from 'pino';
import type { Bus } from '../bus.js';
import type { ShowClockReading } from '../show.js';
import { insertEventRows, type EventRow } from '../store/event-rows.js';
import type { Models } from '../store/models.js';
import { onLiveRows } from './live-rows.js';

/** Rows per INSERT statement at most, so a backlog after a stall never becomes one huge statement. */
const MAX_ROWS_PER_INSERT = 2_000;

export interface EventLogOptions {
  batchSize?: number;
  flushMs?: number;
}

/**
 * The append-only history analytics reads: it listens to the bus and persists every fact that has
 * a log row (`log-rows.ts`). Chat can bring hundreds of lines a second, so rows are written in
 * small batches; anything that must survive a crash at once (an order) is written by its own
 * transaction, not through here.
 */
export class EventLog {
  private buffer: EventRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Batches handed to the database and not yet written. */
  private inFlight = 0;
  private written = 0;
  private readonly off: () => void;

  constructor(
    bus: Bus,
    private readonly table: Models['LoggedEvent'],
    showId: () => string,
    clock: (at: number) => ShowClockReading,
    private readonly log: Logger,
    private readonly options: EventLogOptions = {},
  ) {
    this.off = onLiveRows(bus, showId, clock, (row) => this.add(row));
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
          await insertEventRows(this.table, chunk);
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

  /** Stops listening (what is buffered stays until `flush`). */
  close(): void {
    this.off();
  }

  get count(): number {
    return this.written;
  }

  private add(row: EventRow): void {
    this.buffer.push(row);
    // While a batch is being written the next one grows instead of queueing behind it: under load
    // batches get bigger and each costs one statement, not one per 200 rows.
    if (this.buffer.length >= this.batchSize && this.inFlight === 0) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? 50);
  }

  private get batchSize(): number {
    return this.options.batchSize ?? 200;
  }
}
