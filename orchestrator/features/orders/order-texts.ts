import { formatMoney } from '../../commerce/money.js';
import type { CartBrief, OrderSummary } from '../../commerce/order-types.js';
import type { CartView } from '../../commerce/carts/cart-types.js';

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));
const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

export function itemName(o: Pick<OrderSummary, 'title' | 'variant'>): string {
  return o.variant ? `${o.title} (${o.variant})` : o.title;
}

function lineText(order: OrderSummary): string {
  return `${order.qty}× ${itemName(order)}, ${formatMoney(order.totalCents, order.currency)}${order.code ? ` with code ${order.code}` : ''}`;
}

export function payWithin(holdExpiresAt: number | undefined, now: number): string {
  return holdExpiresAt !== undefined ? `pay within ${minutes(holdExpiresAt - now)} min` : 'first paid, first served';
}

/** The reply to a buy: what was reserved, the cart it joined, and how long it waits (the link goes as a button). */
export function orderText(order: OrderSummary, cart: CartBrief, now: number): string {
  const when = cart.holdExpiresAt !== undefined ? `pay within ${minutes(cart.holdExpiresAt - now)} min` : 'first paid, first served';
  if (cart.lines <= 1) {
    const lead = order.status === 'pending' ? `Added to your cart ${cart.publicId}` : `Reserved for you (cart ${cart.publicId})`;
    return `${lead}: ${lineText(order)}. ${when[0]!.toUpperCase()}${when.slice(1)}.`;
  }
  return `Added to your cart ${cart.publicId}: ${lineText(order)}. Now ${items(cart.lines)}, ${formatMoney(cart.itemsCents, cart.currency)} — ${when}.`;
}

export function offerText(order: OrderSummary, cart: CartView, now: number): string {
  const count = `${order.qty} ${order.qty === 1 ? 'is' : 'are'}`;
  return `Good news: ${itemName(order)} freed up and ${count} now yours. Your cart ${cart.publicId}: ${items(cart.lines.length)}, ${formatMoney(cart.itemsCents, cart.currency)} — ${payWithin(cart.holdExpiresAt, now)}.`;
}

export function reminderText(cart: CartView, now: number): string {
  return `Reminder: your cart (${items(cart.lines.length)}, ${formatMoney(cart.itemsCents, cart.currency)}) is held for ${minutes((cart.holdExpiresAt ?? now) - now)} more min.`;
}

export function expiredText(released: OrderSummary[], prefix: string): string {
  const names = [...new Set(released.map(itemName))].join(', ');
  const first = released[0];
  return `Your cart's hold ran out and its items went back: ${names}.${first ? ` Type ${prefix}buy ${first.sku} to try again.` : ''}`;
}

export function waitlistText(title: string, qty: number, position: number, prefix: string): string {
  return `${title} is sold out right now. You are #${position} on the waitlist for ${qty}; we will message you if it frees up. ${prefix}cancel leaves it.`;
}

/** `!cart`: every line numbered (for `!remove N`), the total so far, and the time left. */
export function cartText(cart: CartView, now: number, prefix: string): string {
  const lines = cart.lines.map((l) => `${l.n}. ${lineText(l.order)}`).join(' · ');
  const total = `Items ${formatMoney(cart.itemsCents, cart.currency)}`;
  if (cart.status === 'checkout') return `Your cart ${cart.publicId}: ${lines}. ${total}; payment under way — finish it on the checkout page.`;
  return `Your cart ${cart.publicId}: ${lines}. ${total} — ${payWithin(cart.holdExpiresAt, now)}. ${prefix}remove N takes line N out.`;
}

const STAGE: Record<string, string> = {
  packed: 'packed',
  shipped: 'shipped',
  delivered: 'delivered',
  cancelled: 'cancelled',
  'refund-due': 'cancelled, refund due',
};

/** `!orders`: where each of the buyer's carts in this show stands. */
export function ordersText(carts: CartView[], now: number): string {
  const parts = carts.map((c) => {
    const what = `${c.publicId} (${items(c.lines.length)}, ${formatMoney(c.totalCents ?? c.itemsCents, c.currency)})`;
    if (c.status === 'paid') {
      const stage = c.fulfilment ? STAGE[c.fulfilment] : 'paid, being prepared';
      return `${what}: ${stage}${c.fulfilment === 'shipped' && c.tracking ? ` — tracking ${c.tracking}` : ''}`;
    }
    if (c.status === 'checkout') return `${what}: awaiting payment`;
    return `${what}: in your cart, ${payWithin(c.holdExpiresAt, now)}`;
  });
  return `Your orders in this show: ${parts.join(' · ')}.`;
}
