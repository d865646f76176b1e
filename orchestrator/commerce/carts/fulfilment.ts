import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { StoreAccess } from '../../store/store.js';
import type { OrderWrites } from '../order-writes.js';
import { readCart } from './cart-reads.js';
import type { CartRelease, CartView, Fulfilment } from './cart-types.js';

export type FulfilStep = 'packed' | 'shipped' | 'delivered' | 'cancel';

export type FulfilResult =
  { kind: 'done'; cart: CartView; step: Fulfilment; release?: CartRelease } | { kind: 'refused'; cart: CartView; reason: string } | { kind: 'unknown' };

const RANK: Record<string, number> = { none: 0, packed: 1, shipped: 2, delivered: 3 };

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The seller's steps after payment: packed → shipped (with a tracking number or link) →
 * delivered, each only forward. Cancelling before shipping releases the items (an unpaid cart
 * simply ends; a paid one owes the buyer everything they paid).
 */
export async function advanceFulfilment(
  store: StoreAccess,
  writes: OrderWrites,
  t: Transaction,
  showId: string,
  cartId: number,
  step: FulfilStep,
  tracking?: string,
): Promise<FulfilResult> {
  const cart = await store.models.Cart.findOne({ where: { id: cartId, showId }, transaction: t, lock: t.LOCK.UPDATE });
  if (!cart) return { kind: 'unknown' };
  const refuse = async (reason: string): Promise<FulfilResult> => ({ kind: 'refused', cart: await readCart(store, t, cart), reason });
  const current = cart.fulfilment ?? 'none';
  if (current === 'cancelled' || current === 'refund-due') return refuse('this order is cancelled');

  if (step === 'cancel') {
    if ((RANK[current] ?? 0) >= RANK.shipped!) return refuse('this order has shipped; cancel it with the buyer and refund them yourself');
    if (cart.status !== 'open' && cart.status !== 'checkout' && cart.status !== 'paid') return refuse(`this cart has ${cart.status}`);
    const paid = cart.status === 'paid';
    const orders = await store.models.Order.findAll({
      where: { cartId, status: { [Op.in]: ['held', 'pending', 'paid'] } },
      order: [['id', 'ASC']],
      transaction: t,
    });
    const { released, offers } = await writes.releaseLines(t, orders, 'cancelled');
    const owed = paid ? await paidIn(store, t, cartId) : cart.refundCents;
    await cart.update({ status: 'cancelled', fulfilment: paid ? 'refund-due' : 'cancelled', refundCents: owed }, { transaction: t });
    const view = await readCart(store, t, cart);
    const offeredCarts: CartView[] = [];
    for (const id of new Set(offers.map((o) => o.cart.id))) {
      const row = await store.models.Cart.findByPk(id, { transaction: t });
      if (row) offeredCarts.push(await readCart(store, t, row));
    }
    return { kind: 'done', cart: view, step: view.fulfilment!, release: { cart: view, released, offers: offers.map((o) => o.order), offeredCarts } };
  }

  if (cart.status !== 'paid') return refuse('this order is not paid yet');
  if ((RANK[step] ?? 0) <= (RANK[current] ?? 0)) return refuse(`this order is already ${current}`);
  const track = step === 'shipped' ? tracking?.replace(UNPRINTABLE, ' ').trim().slice(0, 500) || null : cart.tracking;
  await cart.update({ fulfilment: step, tracking: track }, { transaction: t });
  return { kind: 'done', cart: await readCart(store, t, cart), step };
}

/** Everything the buyer paid for this cart, every provider and event together. */
async function paidIn(store: StoreAccess, t: Transaction, cartId: number): Promise<number> {
  const [row] = await store.db.query<{ s: number | string | null }>('SELECT SUM(amount_cents) AS s FROM cart_payments WHERE cart_id = :cartId', {
    replacements: { cartId },
    transaction: t,
    type: QueryTypes.SELECT,
  });
  return Number(row?.s ?? 0);
}
