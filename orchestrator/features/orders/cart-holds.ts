import type { OutboundLink } from '../../chat-types.js';
import { commandPrefix } from '../../commands/command-router.js';
import type { CartRelease, CartView } from '../../commerce/carts/cart-types.js';
import { toBuyer } from '../../commerce/notify.js';
import type { FeatureServices } from '../../feature.js';
import { HoldTimers, type HeldCart } from './hold-timers.js';
import { expiredText, offerText, reminderText } from './order-texts.js';

const isOpen = (cart: CartView | undefined): cart is CartView => cart !== undefined && (cart.status === 'open' || cart.status === 'checkout');

/**
 * Carts on hold: a reminder before each hold ends and its release when it does, then the freed
 * stock offered to the waitlist. Process-lived, so a reload never drops or doubles a hold's timers;
 * after a restart they are rebuilt from the held carts in the store.
 */
export class CartHolds {
  readonly timers: HoldTimers;

  constructor(private readonly services: FeatureServices) {
    const { show, carts, payments, outbox, log } = services;
    this.timers = new HoldTimers(
      () => show.config.checkout?.remindBefore ?? 0,
      {
        remind: async (held) => {
          const cart = await carts.byId(held.id);
          if (!isOpen(cart)) return;
          await carts.markReminded(cart.id);
          const texts = show.texts;
          const text = reminderText(texts, cart, Date.now(), show.config.show.timezone);
          outbox.enqueue({ ...toBuyer(cart.buyer, text), link: this.link(cart, texts.t('orders.linkPay')) });
        },
        expire: async (held) => {
          const result = await carts.release(held.id, 'expired', held.holdExpiresAt);
          if (result) {
            await payments.abandon(result.cart);
            await this.released(result, 'expired');
            return;
          }
          // Extended since this timer was set (a new item): wait for the new end.
          const cart = await carts.byId(held.id);
          if (isOpen(cart)) this.schedule(cart);
        },
      },
      log,
    );
    if (show.config.checkout) void this.restore().catch((err: unknown) => log.error({ err }, 'could not restore hold timers'));
  }

  schedule(cart: HeldCart): void {
    this.timers.schedule(cart);
  }

  /** The cart's checkout page, as a button or link under a message. */
  link(cart: { token: string }, label: string): OutboundLink {
    return { label, url: this.services.site.cart(cart.token) };
  }

  /** After lines go back: tell the buyer (if the hold ran out), hand the stock to whoever waited, and start their holds. */
  async released(result: CartRelease, reason: 'expired' | 'cancelled'): Promise<void> {
    const { bus, outbox, show } = this.services;
    for (const order of result.released) await bus.emit('order.released', { order, reason });
    if (reason === 'expired' && result.released.length > 0) {
      outbox.enqueue(toBuyer(result.cart.buyer, expiredText(show.texts, result.released, commandPrefix(result.cart.buyer.platform))));
    }
    await this.offered(result);
  }

  /** Stock handed to whoever waited (freed by a release or a restock): the offer is an order, told to its buyer, on a hold. */
  async offered(result: Pick<CartRelease, 'offers' | 'offeredCarts'>): Promise<void> {
    const { bus, outbox, show } = this.services;
    const texts = show.texts;
    for (const offer of result.offers) {
      const cart = result.offeredCarts.find((c) => c.id === offer.cartId);
      await bus.emit('order.placed', { order: offer, via: 'waitlist' });
      if (!cart) continue;
      this.schedule(cart);
      const text = offerText(texts, offer, cart, Date.now(), show.config.show.timezone);
      outbox.enqueue({ ...toBuyer(offer.buyer, text), link: this.link(cart, texts.t('orders.linkPay')) });
    }
  }

  private async restore(): Promise<void> {
    for (const cart of await this.services.carts.held()) this.schedule(cart);
  }
}
