/**
 * Append-only log with condition waits, so tests wait on what the client did
 * instead of sleeping.
 */
import { EventEmitter } from 'node:events';

/** Default wait before `waitFor` gives up. */
export const DEFAULT_WAIT_MS = 5_000;

/** An append-only list of records that can be awaited. */
export class Recorder<T> {
  /** Every record so far, oldest first. The array is stable: it is never replaced. */
  readonly items: T[] = [];
  private readonly events = new EventEmitter();

  constructor(private readonly label: string) {
    // many concurrent waits are normal in benchmarks
    this.events.setMaxListeners(0);
  }

  /** Appends a record and wakes the waits it satisfies. */
  push(item: T): void {
    this.items.push(item);
    this.events.emit('item', item);
  }

  /**
   * Resolves with the first record, past or future, that matches; rejects
   * after `timeoutMs` with the number of records seen, to ease debugging.
   */
  waitFor(predicate: (item: T) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<T> {
    const found = this.items.find(predicate);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onItem = (item: T): void => {
        if (!predicate(item)) return;
        cleanup();
        resolve(item);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.label}: no matching record within ${timeoutMs} ms (${this.items.length} recorded)`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.events.off('item', onItem);
      };
      this.events.on('item', onItem);
    });
  }

  /** Forgets past records (waits in progress keep waiting for new ones). */
  clear(): void {
    this.items.length = 0;
  }
}
