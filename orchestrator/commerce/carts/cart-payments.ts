import { Op, type Transaction } from 'sequelize';
import type { StoreAccess } from '../../store/store.js';
import { takeStock } from '../stock-ledger.js';
import type { OrderSummary } from '../order-types.js';
import { findCart, readCart } from './cart-reads.js';
import type { CartPaymentResult, PaymentReport } from './cart-types.js';

/**
 * Applies one provider event to a cart, inside the caller's write transaction. The same event
 * twice changes nothing; a second payment for a paid cart (from any provider) and money for a cart
 * that already ended are recorded as owed back; an amount or currency that does not match the
 * cart's total changes nothing. Held lines become paid; first-paid lines take their stock now and
 * may find it gone (those lines are cancelled and owed back).
 */
export async function payCart(store: StoreAccess, t: Transaction, showId: string, report: PaymentReport): Promise<CartPaymentResult> {
  const { CartPayment, Order, Commission } = store.models;
  const cart = await findCart(store, t, showId, report.cartRef, true);
  if (!cart) return { kind: 'unknown-cart' };
  const seen = await CartPayment.findOne({ where: { provider: report.provider, eventId: report.eventId }, transaction: t });
  if (seen) return { kind: 'duplicate', cart: await readCart(store, t, cart) };
  const currency = report.currency.toUpperCase();
  const record = (outcome: 'paid' | 'paid-twice' | 'late') =>
    CartPayment.create(
      { cartId: cart.id, provider: report.provider, eventId: report.eventId, amountCents: report.amountCents, currency, outcome },
      { transaction: t },
    );

  if (cart.status === 'paid' || cart.status === 'expired' || cart.status === 'cancelled') {
    const outcome = cart.status === 'paid' ? 'paid-twice' : 'late';
    await record(outcome);
    await cart.update({ refundCents: cart.refundCents + report.amountCents }, { transaction: t });
    return { kind: outcome, cart: await readCart(store, t, cart), refundCents: report.amountCents };
  }
  const view = await readCart(store, t, cart);
  if (view.lines.length === 0) return { kind: 'not-payable', cart: view };
  const expected = cart.totalCents ?? view.itemsCents;
  if (report.amountCents !== expected || currency !== cart.currency) {
    return { kind: 'amount-mismatch', cart: view, expectedCents: expected, currency: cart.currency };
  }

  const orders = await Order.findAll({ where: { cartId: cart.id, status: { [Op.in]: ['held', 'pending'] } }, order: [['id', 'ASC']], transaction: t });
  const paid: number[] = [];
  let refund = 0;
  for (const order of orders) {
    if (order.status === 'pending' && !(await takeLines(store, t, order.id))) {
      // First paid, first served: someone else paid for the last units first.
      await order.update({ status: 'cancelled' }, { transaction: t });
      refund += order.totalCents;
      continue;
    }
    await order.update({ status: 'paid', paidAt: new Date(), paymentRef: `${report.provider}:${report.eventId}`.slice(0, 120) }, { transaction: t });
    paid.push(order.id);
  }
  await Commission.update({ status: 'earned' }, { where: { orderId: { [Op.in]: paid } }, transaction: t });
  await cart.update(
    {
      status: paid.length > 0 ? 'paid' : 'cancelled',
      paidAt: new Date(),
      provider: cart.provider ?? report.provider,
      refundCents: cart.refundCents + refund,
      ...(paid.length === 0 && { fulfilment: 'refund-due' as const }),
    },
    { transaction: t },
  );
  await record('paid');
  const after = await readCart(store, t, cart);
  const soldOut: OrderSummary[] = after.dropped.filter((l) => orders.some((o) => o.id === l.order.id)).map((l) => l.order);
  return { kind: 'paid', cart: after, orders: after.lines.filter((l) => paid.includes(l.order.id)).map((l) => l.order), soldOut };
}

/** Takes the stock of a first-paid order (one product line). */
async function takeLines(store: StoreAccess, t: Transaction, orderId: number): Promise<boolean> {
  const lines = await store.models.OrderLine.findAll({ where: { orderId }, transaction: t });
  for (const line of lines) if (!(await takeStock(store.db, t, line.productId, line.qty))) return false;
  return true;
}
