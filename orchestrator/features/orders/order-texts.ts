import { formatMoney } from '../../commerce/money.js';
import type { OrderSummary } from '../../commerce/order-types.js';

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

export function itemName(o: Pick<OrderSummary, 'title' | 'variant'>): string {
  return o.variant ? `${o.title} (${o.variant})` : o.title;
}

/** The reply to a successful order; the link is the point, the rest says what was reserved and for how long. */
export function orderText(order: OrderSummary, link: string, now: number): string {
  const what = `${order.qty}× ${itemName(order)}, ${formatMoney(order.totalCents, order.currency)}${order.code ? ` with code ${order.code}` : ''}`;
  if (order.status === 'pending') return `Order ${order.publicId}: ${what}. First paid, first served — pay here: ${link}`;
  const left = order.holdExpiresAt !== undefined ? ` within ${minutes(order.holdExpiresAt - now)} min` : '';
  return `Order ${order.publicId}: ${what} reserved for you. Pay${left}: ${link}`;
}

export function offerText(order: OrderSummary, link: string, now: number): string {
  return `Good news: ${itemName(order)} freed up and ${order.qty} ${order.qty === 1 ? 'is' : 'are'} now yours. ${orderText(order, link, now)}`;
}

export function reminderText(order: OrderSummary, link: string, now: number): string {
  return `Reminder: order ${order.publicId} (${itemName(order)}) is held for ${minutes((order.holdExpiresAt ?? now) - now)} more min. Pay: ${link}`;
}

export function expiredText(order: OrderSummary): string {
  return `Your hold on ${itemName(order)} (order ${order.publicId}) ran out and the stock went back. Type !buy ${order.sku} to try again.`;
}

export function waitlistText(title: string, qty: number, position: number, prefix: string): string {
  return `${title} is sold out right now. You are #${position} on the waitlist for ${qty}; we will message you if it frees up. ${prefix}cancel leaves it.`;
}
