import type { Transaction } from 'sequelize';
import type { AuctionRow } from '../../store/models-auctions.js';
import type { StoreAccess } from '../../store/store.js';
import { syncLineHolds } from '../carts/cart-holds.js';
import type { OrderWrites } from '../order-writes.js';
import { summarizeOrder } from '../order-summary.js';
import type { Buyer } from '../order-types.js';
import { takeStock } from '../stock-ledger.js';
import type { AuctionWin } from './auction-types.js';

/** What filing a won item needs besides the store: the order writes carts use, and whether carts hold stock. */
export interface WinFiling {
  store: StoreAccess;
  writes: OrderWrites;
  /** True when carts reserve stock (`checkout.mode: hold`); in first-paid mode the first to pay gets it. */
  holds(): boolean;
  now(): number;
}

/** One unit of a product won (an auction's lot, a giveaway's prize), and how long its cart holds it at least. */
export interface Lot {
  showId: string;
  sku: string;
  variant: string;
  payWithinMs: number;
}

/** An auction's lot. */
export const lotOf = (auction: AuctionRow): Lot => ({
  showId: auction.showId,
  sku: auction.sku,
  variant: auction.variant,
  payWithinMs: auction.rules.payWithinMs,
});

/**
 * Puts one unit of the lot's product in the buyer's cart at `priceCents` (0 for a giveaway's
 * prize), inside the caller's transaction, as `!buy` would: the stock is taken by the ledger's
 * conditional decrement (so a win never takes a unit someone else holds), and the cart holds it
 * for the lot's `payWithinMs` at least. Undefined when no unit is left.
 */
export async function fileWin(f: WinFiling, t: Transaction, lot: Lot, buyer: Buyer, priceCents: number): Promise<AuctionWin | undefined> {
  const { models, db } = f.store;
  const product = await models.Product.findOne({ where: { showId: lot.showId, sku: lot.sku, variant: lot.variant }, transaction: t });
  if (!product) return undefined;
  const hold = f.holds();
  if (hold && !(await takeStock(db, t, product.id, 1))) return undefined;
  const price = { unitCents: priceCents, subtotalCents: priceCents, discountCents: 0, totalCents: priceCents, basis: 'list' as const };
  // An offer's full hold: the winner did not choose when the auction ended.
  const { order, cart } = await f.writes.fileOrder(t, buyer, product, 1, price, true);
  let holdExpiresAt = cart.holdExpiresAt;
  if (hold) {
    const wanted = f.now() + lot.payWithinMs;
    if (holdExpiresAt === undefined || holdExpiresAt < wanted) {
      holdExpiresAt = wanted;
      await models.Cart.update({ holdExpiresAt: new Date(wanted) }, { where: { id: cart.id }, transaction: t });
      await syncLineHolds(f.store, t, [cart.id]);
      await order.reload({ transaction: t });
    }
  }
  return { buyer, order: await summarizeOrder(models, t, order), cart: { ...cart, holdExpiresAt } };
}
