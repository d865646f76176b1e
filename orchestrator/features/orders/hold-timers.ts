import type { Logger } from 'pino';

/** A cart as its hold timers need it. */
export interface HeldCart {
  id: number;
  publicId: string;
  holdExpiresAt: number | undefined;
  remindedAt?: number | undefined;
}

export interface HoldTimerActions {
  remind(cart: HeldCart): Promise<void>;
  expire(cart: HeldCart): Promise<void>;
}

/**
 * One timer pair per held cart: a reminder before the hold ends, and the release when it does.
 * Scheduling a cart again (it got a new item and a longer hold) replaces its timers. The database
 * is the truth; after a restart the timers are rebuilt from the held carts.
 */
export class HoldTimers {
  private readonly timers = new Map<number, NodeJS.Timeout[]>();

  constructor(
    /** Read when a hold is scheduled, so a reloaded show file's reminder time applies to new holds. */
    private readonly remindBefore: number | (() => number),
    private readonly actions: HoldTimerActions,
    private readonly log: Logger,
  ) {}

  schedule(cart: HeldCart): void {
    this.cancel(cart.id);
    if (cart.holdExpiresAt === undefined) return;
    const now = Date.now();
    const list: NodeJS.Timeout[] = [];
    const remindBeforeMs = typeof this.remindBefore === 'number' ? this.remindBefore : this.remindBefore();
    const remindAt = cart.holdExpiresAt - remindBeforeMs;
    // A cart extended after its reminder gets another one before its new end.
    const reminded = cart.remindedAt !== undefined && cart.remindedAt >= remindAt;
    if (!reminded && remindBeforeMs > 0 && remindAt > now) {
      list.push(setTimeout(() => this.run('reminder', cart, () => this.actions.remind(cart)), remindAt - now));
    }
    list.push(
      setTimeout(
        () =>
          this.run('expiry', cart, async () => {
            this.timers.delete(cart.id);
            await this.actions.expire(cart);
          }),
        Math.max(0, cart.holdExpiresAt - now),
      ),
    );
    this.timers.set(cart.id, list);
  }

  cancel(cartId: number): void {
    for (const t of this.timers.get(cartId) ?? []) clearTimeout(t);
    this.timers.delete(cartId);
  }

  stop(): void {
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }

  get size(): number {
    return this.timers.size;
  }

  private run(what: string, cart: HeldCart, fn: () => Promise<unknown>): void {
    fn().catch((err: unknown) => this.log.error({ err, cart: cart.publicId }, `hold ${what} failed`));
  }
}
