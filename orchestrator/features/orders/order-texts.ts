import type { MergeForm } from '../../chat-types.js';
import type { Texts } from '../../i18n/texts.js';
import type { CartBrief, OrderSummary } from '../../commerce/order-types.js';
import type { CartView } from '../../commerce/carts/cart-types.js';

const DAY_MS = 24 * 3_600_000;

/** "Tee (L)", or the title alone for a product without variants. */
export function itemName(o: Pick<OrderSummary, 'title' | 'variant'>): string {
  return o.variant ? `${o.title} (${o.variant})` : o.title;
}

/** The first letter in capitals, by the show language's rules ("pay …" → "Pay …"). */
export function upperFirst(texts: Texts, text: string): string {
  return text.charAt(0).toLocaleUpperCase(texts.locale) + text.slice(1);
}

/**
 * How long a hold has left, in whole minutes the way a buyer counts them ("12 min", "1 h 30 min");
 * past a day, the day it ends ("until 31 Dec"). `until` says which of the two it is.
 */
export function holdLeft(texts: Texts, ms: number, now: number, timeZone?: string): { text: string; until: boolean } {
  if (ms >= DAY_MS) return { text: texts.duration(ms, timeZone, now), until: true };
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return { text: texts.duration(minutes * 60_000, timeZone, now), until: false };
}

/** "pay within 12 min", "pay until 31 Dec", or "first paid, first served" where nothing is held. */
export function payWithin(texts: Texts, holdExpiresAt: number | undefined, now: number, timeZone?: string): string {
  if (holdExpiresAt === undefined) return texts.t('orders.when.firstPaid');
  const left = holdLeft(texts, holdExpiresAt - now, now, timeZone);
  return left.until ? texts.t('orders.when.until', { until: left.text }) : texts.t('orders.when.within', { duration: left.text });
}

function lineText(texts: Texts, order: OrderSummary): string {
  const values = { qty: order.qty, item: itemName(order), total: texts.money(order.totalCents, order.currency) };
  return order.code ? texts.t('orders.lineCode', { ...values, code: order.code }) : texts.t('orders.line', values);
}

/** The reply to a buy: what was reserved, the cart it joined, and how long it waits (the link goes as a button). */
export function orderText(texts: Texts, order: OrderSummary, cart: CartBrief, now: number, timeZone?: string): string {
  const when = payWithin(texts, cart.holdExpiresAt, now, timeZone);
  const line = lineText(texts, order);
  if (cart.lines <= 1) {
    const key = order.status === 'pending' ? 'orders.added' : 'orders.reserved';
    return texts.t(key, { cart: cart.publicId, line, when: upperFirst(texts, when) });
  }
  return texts.t('orders.addedMore', { cart: cart.publicId, line, n: cart.lines, items: texts.money(cart.itemsCents, cart.currency), when });
}

export function offerText(texts: Texts, order: OrderSummary, cart: CartView, now: number, timeZone?: string): string {
  return texts.t('orders.offer', {
    item: itemName(order),
    qty: order.qty,
    cart: cart.publicId,
    n: cart.lines.length,
    items: texts.money(cart.itemsCents, cart.currency),
    when: payWithin(texts, cart.holdExpiresAt, now, timeZone),
  });
}

export function reminderText(texts: Texts, cart: CartView, now: number, timeZone?: string): string {
  const left = holdLeft(texts, (cart.holdExpiresAt ?? now) - now, now, timeZone);
  const values = { n: cart.lines.length, items: texts.money(cart.itemsCents, cart.currency) };
  return left.until ? texts.t('orders.reminderUntil', { ...values, until: left.text }) : texts.t('orders.reminder', { ...values, left: left.text });
}

export function expiredText(texts: Texts, released: OrderSummary[], prefix: string): string {
  const names = texts.list([...new Set(released.map(itemName))]);
  const first = released[0];
  return first ? texts.t('orders.expiredRetry', { names, prefix, sku: first.sku }) : texts.t('orders.expired', { names });
}

/**
 * A buy's answer as a burst merges it ("@a @b @c: you're in — …"). Where the platform has private
 * messages, the one refused them gets a button that opens the bot's private chat for their cart
 * link; where it has none (Twitch), each buyer's link goes after their name.
 */
export function reservedMerge(texts: Texts, item: string, when: string, prefix: string, privateMessages: boolean): MergeForm {
  const key = `orders.in\u0000${item}\u0000${when}`;
  if (!privateMessages) return { key, text: texts.t('orders.merged.inLink', { item, when }) };
  const button = texts.t('orders.merged.myCart');
  return { key, text: texts.t('orders.merged.inButton', { item, when, button }), buttons: [{ label: button, command: `${prefix}cart`, privately: true }] };
}

/** A waitlist place as a burst merges it: "@d #1 @e #2: … sold out — you are on the waitlist …". */
export function waitlistMerge(texts: Texts, title: string, qty: number, position: number, prefix: string): MergeForm {
  return { key: `orders.waitlist\u0000${title}\u0000${qty}`, text: texts.t('orders.merged.waitlist', { title, qty, prefix }), detail: `#${position}` };
}

export function waitlistText(texts: Texts, title: string, qty: number, position: number, prefix: string): string {
  return texts.t('orders.waitlist', { title, qty, position, prefix });
}

/** `!cart`: every line numbered (for `!remove N`), the total so far, and the time left. */
export function cartText(texts: Texts, cart: CartView, now: number, prefix: string, timeZone?: string): string {
  const lines = cart.lines.map((l) => texts.t('orders.cartLine', { n: l.n, line: lineText(texts, l.order) })).join(' · ');
  const values = { cart: cart.publicId, lines, items: texts.money(cart.itemsCents, cart.currency) };
  if (cart.status === 'checkout') return texts.t('orders.cartCheckout', values);
  return texts.t('orders.cart', { ...values, when: payWithin(texts, cart.holdExpiresAt, now, timeZone), prefix });
}

const STAGE = {
  packed: 'orders.stage.packed',
  shipped: 'orders.stage.shipped',
  delivered: 'orders.stage.delivered',
  cancelled: 'orders.stage.cancelled',
  'refund-due': 'orders.stage.refundDue',
} as const;

/** `!orders`: where each of the buyer's carts in this show stands. */
export function ordersText(texts: Texts, carts: CartView[], now: number, timeZone?: string): string {
  const parts = carts.map((c) => {
    const cart = texts.t('orders.ordersCart', { id: c.publicId, n: c.lines.length, total: texts.money(c.totalCents ?? c.itemsCents, c.currency) });
    if (c.status === 'paid') {
      const stage = texts.t(c.fulfilment ? STAGE[c.fulfilment] : 'orders.stage.paid');
      if (c.fulfilment === 'shipped' && c.tracking) return texts.t('orders.ordersTracking', { cart, stage, tracking: c.tracking });
      return texts.t('orders.ordersStage', { cart, stage });
    }
    if (c.status === 'checkout') return texts.t('orders.ordersCheckout', { cart });
    return texts.t('orders.ordersOpen', { cart, when: payWithin(texts, c.holdExpiresAt, now, timeZone) });
  });
  return texts.t('orders.orders', { list: parts.join(' · ') });
}
