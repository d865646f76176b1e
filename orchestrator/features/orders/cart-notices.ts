import type { CartPaymentResult, CartView, Fulfilment } from '../../commerce/carts/cart-types.js';
import type { Texts } from '../../i18n/texts.js';
import { toBuyer } from '../../commerce/notify.js';
import type { FeatureContext } from '../../feature.js';
import type { CartHolds } from './cart-holds.js';
import { itemName } from './order-texts.js';

/** What the buyer hears when their cart is paid (or a payment cannot count) and at each step of its delivery. */
export function wireCartNotices(ctx: FeatureContext, holds: CartHolds): void {
  const { bus, outbox } = ctx;

  bus.on('payment.received', ({ result }) => {
    const texts = ctx.show.texts;
    const text = paymentText(texts, result);
    if ('cart' in result && (result.kind === 'paid' || result.kind === 'late' || result.kind === 'paid-twice')) holds.timers.cancel(result.cart.id);
    if (text && 'cart' in result) outbox.enqueue({ ...toBuyer(result.cart.buyer, text), link: holds.link(result.cart, texts.t('orders.linkOrder')) });
  });

  bus.on('cart.ended', async ({ release, reason }) => {
    holds.timers.cancel(release.cart.id);
    await holds.released(release, reason);
  });

  bus.on('stock.restocked', (restock) => holds.offered(restock));

  // A manual payment holds the stock longer, and going back ends that: the timers follow the cart's end.
  bus.on('cart.checkout', ({ cart }) => holds.schedule(cart));
  bus.on('cart.reopened', ({ cart }) => holds.schedule(cart));

  bus.on('cart.fulfilment', async ({ cart, step, release }) => {
    // Cancelled by the seller: the lines went back to stock, and on to whoever waited.
    if (release) {
      holds.timers.cancel(cart.id);
      await holds.released(release, 'cancelled');
    }
    outbox.enqueue(toBuyer(cart.buyer, fulfilmentText(ctx.show.texts, cart, step)));
  });
}

function fulfilmentText(texts: Texts, cart: CartView, step: Fulfilment): string {
  const id = cart.publicId;
  switch (step) {
    case 'packed':
      return texts.t('orders.packed', { id });
    case 'shipped':
      return cart.tracking ? texts.t('orders.shippedTracking', { id, tracking: cart.tracking }) : texts.t('orders.shipped', { id });
    case 'delivered':
      return texts.t('orders.delivered', { id });
    case 'refund-due':
      return texts.t('orders.refundDue', { id, refund: texts.money(cart.refundCents, cart.currency) });
    default:
      return texts.t('orders.cancelledBySeller', { id });
  }
}

function paymentText(texts: Texts, result: CartPaymentResult): string | undefined {
  switch (result.kind) {
    case 'paid': {
      const { cart, soldOut } = result;
      const paid = { id: cart.publicId, n: cart.lines.length, total: texts.money(cart.totalCents ?? cart.itemsCents, cart.currency) };
      if (soldOut.length === 0) return texts.t('orders.paid', paid);
      const refund = soldOut.reduce((s, o) => s + o.totalCents, 0);
      return texts.t('orders.paidSoldOut', { ...paid, gone: texts.list(soldOut.map(itemName)), refund: texts.money(refund, cart.currency) });
    }
    case 'late':
      return texts.t('orders.paidLate', { id: result.cart.publicId, refund: texts.money(result.refundCents, result.cart.currency) });
    case 'paid-twice':
      return texts.t('orders.paidTwice', { id: result.cart.publicId, refund: texts.money(result.refundCents, result.cart.currency) });
    default:
      return undefined;
  }
}
