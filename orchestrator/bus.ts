import type { ShowEvent, ShowEventName, ShowEvents } from './events/show-events.js';

export type { ShowEvents, ShowEventName, ShowEvent } from './events/show-events.js';

type Handler<T> = (payload: T) => void | Promise<void>;
type Tap = (event: ShowEvent) => void;

const DONE: Promise<void> = Promise.resolve();

/**
 * The one typed stream of show facts: a fact is emitted once and every subscriber (features, the
 * event log, live views) hears it. One failing subscriber never stops the others, and is reported.
 * The bus counts the handlers still running, so `settled()` can tell tests and shutdown when the
 * consequences of everything emitted so far have played out.
 */
export class Bus {
  // Copied on subscribe and unsubscribe (rare), so an emit (every chat line) iterates without a copy.
  private readonly handlers = new Map<ShowEventName, ReadonlyArray<Handler<never>>>();
  private taps: readonly Tap[] = [];
  private running = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly onError: (event: string, err: unknown) => void) {}

  on<K extends ShowEventName>(event: K, handler: Handler<ShowEvents[K]>): () => void {
    const h = handler as Handler<never>;
    const list = this.handlers.get(event) ?? [];
    // A handler subscribed twice runs once, as in a set.
    if (!list.includes(h)) this.handlers.set(event, [...list, h]);
    return () => {
      const now = this.handlers.get(event);
      if (now?.includes(h))
        this.handlers.set(
          event,
          now.filter((x) => x !== h),
        );
    };
  }

  /** Hears every event, synchronously, before its handlers run: the event log and live feeds. */
  tap(listener: Tap): () => void {
    this.taps = [...this.taps, listener];
    return () => {
      this.taps = this.taps.filter((t) => t !== listener);
    };
  }

  /** Runs every subscriber; resolves when all have finished. */
  emit<K extends ShowEventName>(event: K, payload: ShowEvents[K]): Promise<void> {
    if (this.taps.length > 0) {
      const value = { type: event, payload } as ShowEvent;
      for (const tap of this.taps) {
        try {
          tap(value);
        } catch (err) {
          this.onError(event, err);
        }
      }
    }
    const list = this.handlers.get(event);
    if (!list) return DONE;
    // Most subscribers finish synchronously (relay, counters): only the promises of the others are waited for.
    let pending: Array<Promise<void>> | undefined;
    for (const handler of list) {
      try {
        const result = (handler as Handler<ShowEvents[K]>)(payload);
        if (result && typeof result.then === 'function') (pending ??= []).push(this.track(event, result));
      } catch (err) {
        this.onError(event, err);
      }
    }
    if (!pending) return DONE;
    return pending.length === 1 ? pending[0]! : Promise.all(pending).then(() => undefined);
  }

  /**
   * Work a handler starts and does not wait for (a reply that must not hold up the one before it):
   * `emit` does not wait for it, `settled()` does, and its failure is reported like a handler's.
   */
  detach(event: ShowEventName, work: Promise<unknown>): void {
    void this.track(
      event,
      work.then(() => undefined),
    );
  }

  /** Resolves once no handler is running (handlers started meanwhile are waited for too). */
  settled(): Promise<void> {
    if (this.running === 0) return DONE;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get busy(): boolean {
    return this.running > 0;
  }

  private track(event: string, result: Promise<void>): Promise<void> {
    this.running++;
    return Promise.resolve(result)
      .catch((err: unknown) => this.onError(event, err))
      .finally(() => {
        if (--this.running === 0) for (const w of this.waiters.splice(0)) w();
      });
  }
}
