import type { ChatEvent } from './chat-types.js';
import type { ParsedCommand } from './commands/parse-command.js';
import type { ViewerRef } from './store/viewer-directory.js';
import type { OrderSummary } from './commerce/order-types.js';
import type { TipSummary } from './commerce/tips.js';
import type { PollView } from './features/polls/poll-types.js';

/** Everything features can subscribe to. */
export interface BusEvents {
  /** A viewer line that passed moderation and is not a command. */
  'chat.message': { event: ChatEvent; viewer: ViewerRef };
  /** A viewer line that parsed as a known command. */
  'chat.command': { event: ChatEvent; viewer: ViewerRef; command: ParsedCommand };
  'stream.live': { at: number };
  'order.placed': { order: OrderSummary };
  'order.paid': { order: OrderSummary };
  'tip.paid': { tip: TipSummary };
  /** Social proof as shown everywhere (chats now, the OBS overlay too). */
  'alert.purchase': { text: string; title: string; buyers: string[] };
  /** A hold ended without payment: the buyer passed or time ran out. */
  'order.released': { order: OrderSummary; reason: 'expired' | 'cancelled' };
  'show.featured': { sku: string; by: string };
  'stream.offline': { at: number };
  /** A poll opened, its totals changed (throttled), or it closed with its result. */
  'poll.started': { poll: PollView };
  'poll.updated': { poll: PollView };
  'poll.ended': { poll: PollView };
  /** An answer in a platform's native poll (Telegram poll_answer) for our poll `pollKey`; options 0-based, none = retracted. */
  'poll.answer': { event: ChatEvent; viewer: ViewerRef; pollKey: string; options: number[] };
}

type Handler<T> = (payload: T) => void | Promise<void>;

const DONE: Promise<void> = Promise.resolve();

/** A small typed event bus: one failing subscriber never stops the others, and is reported. */
export class Bus {
  // Copied on subscribe and unsubscribe (rare), so an emit (every chat line) iterates without a copy.
  private readonly handlers = new Map<keyof BusEvents, ReadonlyArray<Handler<never>>>();

  constructor(private readonly onError: (event: string, err: unknown) => void) {}

  on<K extends keyof BusEvents>(event: K, handler: Handler<BusEvents[K]>): () => void {
    const h = handler as Handler<never>;
    const list = this.handlers.get(event) ?? [];
    // A handler subscribed twice runs once, as in a set.
    if (!list.includes(h)) this.handlers.set(event, [...list, h]);
    return () => {
      const now = this.handlers.get(event);
      if (now?.includes(h)) this.handlers.set(event, now.filter((x) => x !== h));
    };
  }

  /** Runs every subscriber; resolves when all have finished, so tests and shutdown can wait. */
  emit<K extends keyof BusEvents>(event: K, payload: BusEvents[K]): Promise<void> {
    const list = this.handlers.get(event);
    if (!list) return DONE;
    // Most subscribers finish synchronously (relay, counters): only the promises of the others are waited for.
    let pending: Array<Promise<void>> | undefined;
    for (const handler of list) {
      try {
        const result = (handler as Handler<BusEvents[K]>)(payload);
        if (result && typeof result.then === 'function') (pending ??= []).push(Promise.resolve(result).catch((err: unknown) => this.onError(event, err)));
      } catch (err) {
        this.onError(event, err);
      }
    }
    if (!pending) return DONE;
    return pending.length === 1 ? pending[0]! : Promise.all(pending).then(() => undefined);
  }
}
