import type { Logger } from 'pino';
import type { OrderSummary, ReleaseResult } from '../../commerce/order-types.js';

export interface HoldTimerActions {
  remind(order: OrderSummary): Promise<void>;
  expire(order: OrderSummary): Promise<ReleaseResult | undefined>;
}

/**
 * One timer pair per held order: a reminder before the hold ends, and the release when it does.
 * The database is the truth; after a restart the timers are rebuilt from the held orders.
 */
export class HoldTimers {
  private readonly timers = new Map<number, NodeJS.Timeout[]>();

  constructor(
    /** Read when a hold is scheduled, so a reloaded show file's reminder time applies to new holds. */
    private readonly remindBefore: number | (() => number),
    private readonly actions: HoldTimerActions,
    private readonly log: Logger,
  ) {}

  schedule(order: OrderSummary, alreadyReminded = false): void {
    if (order.status !== 'held' || order.holdExpiresAt === undefined) return;
    this.cancel(order.id);
    const now = Date.now();
    const list: NodeJS.Timeout[] = [];
    const remindBeforeMs = typeof this.remindBefore === 'number' ? this.remindBefore : this.remindBefore();
    const remindAt = order.holdExpiresAt - remindBeforeMs;
    if (!alreadyReminded && remindBeforeMs > 0 && remindAt > now) {
      list.push(setTimeout(() => this.run('reminder', order, () => this.actions.remind(order)), remindAt - now));
    }
    list.push(
      setTimeout(
        () =>
          this.run('expiry', order, async () => {
            this.timers.delete(order.id);
            await this.actions.expire(order);
          }),
        Math.max(0, order.holdExpiresAt - now),
      ),
    );
    this.timers.set(order.id, list);
  }

  cancel(orderId: number): void {
    for (const t of this.timers.get(orderId) ?? []) clearTimeout(t);
    this.timers.delete(orderId);
  }

  stop(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.timers.size;
  }

  private run(what: string, order: OrderSummary, fn: () => Promise<unknown>): void {
    fn().catch((err: unknown) => this.log.error({ err, order: order.publicId }, `hold ${what} failed`));
  }
}
