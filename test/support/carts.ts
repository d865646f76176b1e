import { Carts } from '../../orchestrator/commerce/carts/cart-service.js';
import type { OrderService } from '../../orchestrator/commerce/order-service.js';
import type { StoreAccess } from '../../orchestrator/store/store.js';
import type { ShippingConfig } from '../../config/schema/checkout.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

/** The carts of an order service alone (unit tests without an app). */
export function cartsOf(store: StoreAccess, showId: string, orders: OrderService, shipping?: ShippingConfig): Carts {
  return new Carts(store, showId, orders.writes, {
    shipping: () => shipping,
    manualPayWithinMs: () => 72 * 3_600_000,
    holdMs: () => 15 * 60_000,
    texts: () => textsFor('en'),
  });
}

/** A payment report as a provider would send it. */
export function paid(cartRef: string, amountCents: number, eventId = `evt-${cartRef}`, provider = 'webhook', currency = 'EUR') {
  return { provider, eventId, cartRef, amountCents, currency };
}

/** A reply to `!buy` that reserved something: the first line of a cart, or a line added to one (after the limit that cut it, if one did). */
export const CART_REPLY = /^(?:The limit is \d+ per viewer[^;]*; I ordered \d+\. )?(?:Reserved for you \(cart [A-Z0-9]{8}\)|Added to your cart [A-Z0-9]{8})/;

export const isCartReply = (text: string): boolean => CART_REPLY.test(text);

/** The cart's public id a reply, offer or notice names. */
export function cartIdIn(text: string): string | undefined {
  return /\bcart ([A-Z0-9]{8})\b/.exec(text)?.[1];
}
