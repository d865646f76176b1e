import { Op, type Transaction } from 'sequelize';
import type { Order, Product } from '../store/models-core.js';
import type { StoreAccess } from '../store/store.js';
import { cartsFor, cartTotals, syncLineHolds } from './carts/cart-holds.js';
import { briefOf } from './order-batch.js';
import { cartHoldPolicy, newPublicId, orderRow, type OrderRules, type Placement } from './order-plan.js';
import { summarizeOrder } from './order-summary.js';
import type { Buyer, CartBrief, OrderSummary } from './order-types.js';
import { quote, type PriceQuote } from './pricing.js';
import type { PromoCodes } from './promo-codes.js';
import { lapsesOf, returnStock, takeStock } from './stock-ledger.js';

/**
 * The writes the one-at-a-time order path, the waitlist and the carts share, each inside the
 * caller's transaction: file an order in its buyer's cart, release lines back to stock, and hand
 * freed units to whoever waits.
 */
export class OrderWrites {
  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
    private readonly rules: () => OrderRules,
    private readonly codes: PromoCodes | undefined,
  ) {}

  /** A new order of `qty` units at `price`, filed in the buyer's cart (opened or extended); `offer` gets a full hold. */
  async fileOrder(t: Transaction, buyer: Buyer, product: Product, qty: number, price: PriceQuote, offer = false): Promise<{ order: Order; cart: CartBrief }> {
    const { policy } = this.rules();
    const currency = this.currencyOf(product);
    const [cart] = await cartsFor(this.store, t, this.showId, [{ buyer, currency, offer }], cartHoldPolicy(policy));
    const status = policy.mode === 'hold' ? 'held' : 'pending';
    const order = await this.createOrder(t, buyer, product, qty, price, { status, holdExpiresAt: cart!.holdExpiresAt, cartId: cart!.id });
    await syncLineHolds(this.store, t, [cart!.id]);
    const totals = await cartTotals(this.store, t, [cart!.id]);
    return { order, cart: briefOf(cart!, totals.get(cart!.id)) };
  }

  async createOrder(t: Transaction, buyer: Buyer, product: Product, qty: number, price: PriceQuote, placement: Placement): Promise<Order> {
    const { Order, OrderLine } = this.store.models;
    const order = await Order.create(orderRow(buyer, this.showId, this.currencyOf(product), price, placement, newPublicId()), { transaction: t });
    await OrderLine.create({ orderId: order.id, productId: product.id, qty, unitPriceCents: price.unitCents }, { transaction: t });
    return order;
  }

  /** A price with no discount or flash price: pre-orders and stock handed on from the waitlist. */
  listPrice(product: Product, qty: number): PriceQuote {
    const { catalog, policy } = this.rules();
    const item = catalog.find(product.sku);
    if (!item)
      return { unitCents: product.priceCents, subtotalCents: product.priceCents * qty, discountCents: 0, totalCents: product.priceCents * qty, basis: 'list' };
    const variant = catalog.variant(item, product.variant) ?? { name: product.variant, priceCents: product.priceCents };
    return quote(item, variant, qty, { wholesale: policy.wholesale });
  }

  /**
   * Ends lines (held, pending, or paid ones the seller cancels): their stock goes back, codes and
   * commissions are given back, and the freed units go to the waitlist. Returns what was released
   * and offered.
   */
  async releaseLines(
    t: Transaction,
    orders: Order[],
    reason: 'expired' | 'cancelled',
  ): Promise<{ released: OrderSummary[]; offers: Array<{ order: OrderSummary; cart: CartBrief }> }> {
    const { models, db } = this.store;
    const released: OrderSummary[] = [];
    const freed = new Set<number>();
    for (const order of orders) {
      if (order.status !== 'held' && order.status !== 'pending' && order.status !== 'paid') continue;
      const lines = await models.OrderLine.findAll({ where: { orderId: order.id }, transaction: t });
      if (order.status !== 'pending') for (const line of lines) await returnStock(db, t, line.productId, line.qty);
      await order.update({ status: reason }, { transaction: t });
      await this.codes?.giveBack(t, order.id);
      await models.Commission.update({ status: 'void' }, { where: { orderId: order.id }, transaction: t });
      for (const line of lines) freed.add(line.productId);
      released.push(await summarizeOrder(models, t, order));
    }
    const offers: Array<{ order: OrderSummary; cart: CartBrief }> = [];
    for (const productId of freed) offers.push(...(await this.offerWaitlist(t, productId)));
    return { released, offers };
  }

  async joinWaitlist(t: Transaction, buyer: Buyer, productId: number, qty: number, variant: string): Promise<{ position: number }> {
    const { WaitlistEntry } = this.store.models;
    const entry = await WaitlistEntry.create(
      { showId: this.showId, productId, viewerId: buyer.viewerId, identityId: buyer.identityId, qty, channelId: buyer.channelId, variantLabel: variant },
      { transaction: t },
    );
    const position = await WaitlistEntry.count({ where: { productId, status: 'waiting', id: { [Op.lte]: entry.id } }, transaction: t });
    return { position };
  }

  /**
   * Hands freed units to the waitlist in order, each viewer's share filed in their cart with a
   * full hold. A viewer who let `lapsesBeforeBack` carts of this show run out unpaid waits behind
   * everyone who did not.
   */
  async offerWaitlist(t: Transaction, productId: number): Promise<Array<{ order: OrderSummary; cart: CartBrief }>> {
    const { models, db } = this.store;
    const offers: Array<{ order: OrderSummary; cart: CartBrief }> = [];
    // First paid, first served takes stock only at payment: there is nothing held to hand on.
    if (this.rules().policy.mode !== 'hold') return offers;
    const entries = await models.WaitlistEntry.findAll({ where: { productId, status: 'waiting' }, order: [['id', 'ASC']], transaction: t });
    const lapses = await lapsesOf(db, t, this.showId, [...new Set(entries.map((e) => e.viewerId))]);
    const behind = (viewerId: number) => (lapses.get(viewerId) ?? 0) >= this.rules().policy.lapsesBeforeBack;
    const waiting = [...entries.filter((e) => !behind(e.viewerId)), ...entries.filter((e) => behind(e.viewerId))];
    for (const entry of waiting) {
      const product = (await models.Product.findByPk(productId, { transaction: t }))!;
      if (product.stockAvailable <= 0) break;
      const qty = Math.min(entry.qty, product.stockAvailable);
      if (!(await takeStock(db, t, productId, qty))) break;
      const identity = (await models.Identity.findByPk(entry.identityId, { transaction: t }))!;
      const buyer: Buyer = {
        viewerId: entry.viewerId,
        identityId: entry.identityId,
        platform: identity.platform as Buyer['platform'],
        userId: identity.platformUserId,
        name: identity.displayName,
        channelId: entry.channelId ?? '',
      };
      const { order, cart } = await this.fileOrder(t, buyer, product, qty, this.listPrice(product, qty), true);
      await entry.update(qty === entry.qty ? { status: 'offered' } : { qty: entry.qty - qty }, { transaction: t });
      offers.push({ order: await summarizeOrder(models, t, order), cart });
    }
    return offers;
  }

  private currencyOf(product: Product): string {
    return this.rules().catalog.find(product.sku)?.currency ?? product.currency;
  }
}
