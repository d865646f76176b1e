import { Op, type Order } from 'sequelize';
import { readCart } from '../../commerce/carts/cart-reads.js';
import { adminCart, type AdminCart } from './admin-cart.js';
import type { AdminDeps } from './admin-deps.js';

export const CART_LISTS = {
  /** Everything a seller acts on: held and being paid (manual payments to confirm), paid and not yet delivered. */
  todo: { status: ['open', 'checkout', 'paid'], fulfilment: [null, 'packed', 'shipped'] },
  /** Paid and not shipped: what goes on the packing list. */
  pack: { status: ['paid'], fulfilment: [null, 'packed'] },
  all: { status: ['open', 'checkout', 'paid', 'expired', 'cancelled'], fulfilment: undefined },
} as const;

export type CartList = keyof typeof CART_LISTS;

export const isCartList = (list: string): list is CartList => list in CART_LISTS;

/** The carts of one of the seller's lists, newest first unless `order` says otherwise; empty carts only in `all`. */
export async function listCarts(deps: Pick<AdminDeps, 'show' | 'store'>, list: CartList, order: Order = [['id', 'DESC']]): Promise<AdminCart[]> {
  const { status, fulfilment } = CART_LISTS[list];
  const rows = await deps.store.models.Cart.findAll({
    where: {
      showId: deps.show.id,
      status: { [Op.in]: [...status] },
      ...(fulfilment && { [Op.or]: fulfilment.map((f) => ({ fulfilment: f })) }),
    },
    order,
    limit: 2000,
  });
  const carts = await Promise.all(rows.map((c) => readCart(deps.store, undefined, c)));
  return carts.filter((c) => c.lines.length > 0 || list === 'all').map(adminCart);
}
