import type { EventRow, OrderRow, OrderState } from './analytics-types.js';
import { textOf } from '../shared/text-of.js';

export interface Tally {
  orders: number;
  cents: number;
}

export interface CurrencyRevenue {
  currency: string;
  paid: Tally;
  /** Held or awaiting payment (first-paid shows): money that may still come. */
  held: Tally;
  expired: Tally;
  cancelled: Tally;
  /** Payments that arrived for stock already gone (first-paid shows): to be refunded. */
  refundDue: Tally;
  preorders: Tally;
  /** Discounts given on paid orders. */
  discountCents: number;
}

const BUCKET: Record<OrderState, keyof Pick<CurrencyRevenue, 'paid' | 'held' | 'expired' | 'cancelled' | 'preorders'>> = {
  paid: 'paid',
  held: 'held',
  pending: 'held',
  expired: 'expired',
  cancelled: 'cancelled',
  preorder: 'preorders',
};

/** Money per currency from the orders table (totals after discounts); refunds from the payment events. */
export function revenueByCurrency(orders: readonly OrderRow[], events: readonly EventRow[]): CurrencyRevenue[] {
  const out = new Map<string, CurrencyRevenue>();
  const of = (currency: string) => {
    let r = out.get(currency);
    if (!r) {
      const zero = (): Tally => ({ orders: 0, cents: 0 });
      r = { currency, paid: zero(), held: zero(), expired: zero(), cancelled: zero(), refundDue: zero(), preorders: zero(), discountCents: 0 };
      out.set(currency, r);
    }
    return r;
  };
  for (const o of orders) {
    const r = of(o.currency);
    const t = r[BUCKET[o.status]];
    t.orders += 1;
    t.cents += o.totalCents;
    if (o.status === 'paid') r.discountCents += o.discountCents;
  }
  const byId = new Map(orders.map((o) => [o.publicId, o]));
  const refunded = new Set<string>();
  for (const e of events) {
    if (e.type !== 'payment.sold-out' && e.type !== 'payment.paid-twice') continue;
    const id = textOf(e.data.order).toUpperCase();
    const order = byId.get(id);
    // A sold-out order is refunded once; every extra payment of a paid order is its own refund.
    const key = e.type === 'payment.sold-out' ? id : `${id}\u0000${textOf(e.data.event)}`;
    if (!order || refunded.has(key)) continue;
    refunded.add(key);
    const t = of(order.currency).refundDue;
    t.orders += 1;
    t.cents += typeof e.data.amountCents === 'number' ? e.data.amountCents : order.totalCents;
  }
  return [...out.values()].sort((a, b) => b.paid.cents - a.paid.cents || a.currency.localeCompare(b.currency));
}
