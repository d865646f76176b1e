import type { CartPaymentResult } from '../../commerce/carts/cart-types.js';
import { formatMoney } from '../../commerce/money.js';
import { toBuyer } from '../../commerce/notify.js';
import type { FeatureContext } from '../../feature.js';
import type { CartHolds } from './cart-holds.js';
import { itemName } from './order-texts.js';

/** What the buyer hears when their cart is paid (or a payment cannot count) and at each step of its delivery. */
export function wireCartNotices(ctx: FeatureContext, holds: CartHolds): void {
  const { bus, outbox } = ctx;

  bus.on('payment.received', ({ result }) => {
    const text = paymentText(result);
    if ('cart' in result && (result.kind === 'paid' || result.kind === 'late' || result.kind === 'paid-twice')) holds.timers.cancel(result.cart.id);
    if (text && 'cart' in result) outbox.enqueue({ ...toBuyer(result.cart.buyer, text), link: holds.link(result.cart, 'Your order') });
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
    const id = cart.publicId;
    const text =
      step === 'packed'
        ? `Your order ${id} is packed and will ship soon.`
        : step === 'shipped'
          ? `Your order ${id} has shipped.${cart.tracking ? ` Tracking: ${cart.tracking}` : ''}`
          : step === 'delivered'
            ? `Your order ${id} was delivered. Thank you for buying!`
            : step === 'refund-due'
              ? `Your order ${id} was cancelled by the seller; ${formatMoney(cart.refundCents, cart.currency)} will be refunded.`
              : `Your order ${id} was cancelled by the seller.`;
    outbox.enqueue(toBuyer(cart.buyer, text));
  });
}

function paymentText(result: CartPaymentResult): string | undefined {
  switch (result.kind) {
    case 'paid': {
      const { cart, soldOut } = result;
      const paid = `Paid, thank you! Order ${cart.publicId}: ${cart.lines.length} ${cart.lines.length === 1 ? 'item' : 'items'}, ${formatMoney(cart.totalCents ?? cart.itemsCents, cart.currency)}.`;
      if (soldOut.length === 0) return `${paid} We will tell you when it ships.`;
      const refund = soldOut.reduce((s, o) => s + o.totalCents, 0);
      const gone = soldOut.map(itemName).join(', ');
      return `${paid} Sorry: ${gone} sold out before your payment arrived; ${formatMoney(refund, cart.currency)} will be refunded.`;
    }
    case 'late':
      return `Your payment for ${result.cart.publicId} arrived after its hold ended, so nothing was sold; ${formatMoney(result.refundCents, result.cart.currency)} will be refunded.`;
    case 'paid-twice':
      return `Order ${result.cart.publicId} was already paid; the second payment (${formatMoney(result.refundCents, result.cart.currency)}) will be refunded.`;
    default:
      return undefined;
  }
}
