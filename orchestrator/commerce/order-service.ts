import { Op, type Transaction } from 'sequelize';
import { type Order, type Product } from '../store/models-core.js';
import { type PromoCode } from '../store/models-engagement.js';
import type { PromoCodes } from './promo-codes.js';
import type { FlashSaleBoard } from './promo-issuer.js';
import type { BuyRequest } from './buy-request.js';
import type { Catalog } from './catalog.js';
import type { Buyer, OrderSummary, PaymentResult, PlaceResult, ReleaseResult } from './order-types.js';
import { summarizeOrder } from './order-summary.js';
import { holdsOf, lapsesOf, returnStock, takeStock, unitsAtPrice, unitsOf, waitingOf } from './stock-ledger.js';
import { quote, type DiscountRule, type PriceQuote } from './pricing.js';
import { WriteGroup } from '../store/write-queue.js';
import { placeBatch, type BuyItem } from './order-batch.js';
import { decide, holdingKey, newPublicId, orderRow, type Ledger, type PlanPolicy } from './order-plan.js';
import type { StoreAccess } from '../store/store.js';

export { newPublicId } from './order-plan.js';

/** The order rules in force: the show file's catalog and its policy (read anew for every buy, so a reload applies at once). */
export interface OrderRules {
  catalog: Catalog;
  policy: PlanPolicy & { holdMs: number; lapsesBeforeBack: number };
}

export interface OrderDeps {
  codes?: PromoCodes;
  flash?: FlashSaleBoard;
  /** Decide buys that arrive together in one pass and write them in bulk (default). Off: each buy alone under its savepoint, same outcome, slower. */
  groupCommit?: boolean;
}

/**
 * The stock ledger. Every change is one short transaction, run one at a time, and the stock
 * decrement is conditional (`… WHERE stock_available >= qty`), so no number of concurrent buyers
 * can oversell, and an order once answered is on disk. Buys that arrive while a write runs are
 * placed together in the next transaction (group commit, see `placeBatch`); every buy is decided
 * by the one rule, `decide()`.
 */
export class OrderService {
  private readonly buys: WriteGroup<BuyItem, PlaceResult>;

  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
    private readonly rules: () => OrderRules,
    private readonly deps: OrderDeps = {},
  ) {
    this.buys = new WriteGroup(store.writes, (t, items) => {
      const { policy } = this.rules();
      const batch = {
        store,
        showId,
        holdMs: policy.holdMs,
        policy,
        flash: deps.flash,
        bulk: deps.groupCommit ?? true,
        placeOne: (tx: Transaction, buyer: Buyer, request: BuyRequest) => this.placeIn(tx, buyer, request),
      };
      return placeBatch(batch, t, items);
    });
  }

  /** Resolves once the order (or waitlist entry) is committed, never before. */
  place(buyer: Buyer, request: BuyRequest): Promise<PlaceResult> {
    return this.buys.submit({ buyer, request });
  }

  /** Releases a held order (the buyer passed, or the hold ran out) and offers its stock to the waitlist. */
  release(orderId: number, reason: 'expired' | 'cancelled'): Promise<ReleaseResult | undefined> {
    return this.store.writes.run(async (t) => {
      const order = await this.store.models.Order.findByPk(orderId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!order || (order.status !== 'held' && order.status !== 'pending')) return undefined;
      const lines = await this.store.models.OrderLine.findAll({ where: { orderId }, transaction: t });
      if (order.status === 'held') {
        for (const line of lines) await returnStock(this.store.db, t, line.productId, line.qty);
      }
      await order.update({ status: reason }, { transaction: t });
      await this.deps.codes?.giveBack(t, order.id);
      await this.store.models.Commission.update({ status: 'void' }, { where: { orderId: order.id }, transaction: t });
      const offers: OrderSummary[] = [];
      for (const line of lines) offers.push(...(await this.offerWaitlist(t, line.productId)));
      return { released: await summarizeOrder(this.store.models, t, order), offers };
    });
  }

  /** Applies a payment provider's "paid" event; the same event, or a second event for a paid order, changes nothing. */
  pay(eventId: string, publicId: string, amountCents: number, currency: string): Promise<PaymentResult> {
    return this.store.writes.run(async (t): Promise<PaymentResult> => {
      const order = await this.store.models.Order.findOne({ where: { publicId: publicId.toUpperCase(), showId: this.showId }, transaction: t });
      if (!order) return { kind: 'unknown-order' };
      const seen = await this.store.models.PaymentEvent.findOne({ where: { eventId }, transaction: t });
      if (seen) return { kind: 'duplicate', order: await summarizeOrder(this.store.models, t, order) };
      if (order.status === 'paid') {
        // Another payment for an order already paid: the buyer paid twice, and the seller owes them this one back.
        await this.store.models.PaymentEvent.create({ eventId, orderId: order.id, amountCents, currency: currency.toUpperCase() }, { transaction: t });
        return { kind: 'paid-twice', order: await summarizeOrder(this.store.models, t, order), refundCents: amountCents };
      }
      if (amountCents !== order.totalCents || currency.toUpperCase() !== order.currency) {
        return { kind: 'amount-mismatch', expectedCents: order.totalCents, currency: order.currency };
      }
      if (order.status !== 'held' && order.status !== 'pending') return { kind: 'not-payable', status: order.status };
      if (order.status === 'pending') {
        // First paid, first served: the stock is taken only now, and may be gone.
        const lines = await this.store.models.OrderLine.findAll({ where: { orderId: order.id }, transaction: t });
        for (const line of lines) {
          if (!(await takeStock(this.store.db, t, line.productId, line.qty))) {
            await order.update({ status: 'cancelled' }, { transaction: t });
            return { kind: 'sold-out', order: await summarizeOrder(this.store.models, t, order) };
          }
        }
      }
      await this.store.models.PaymentEvent.create({ eventId, orderId: order.id, amountCents, currency: order.currency }, { transaction: t });
      await order.update({ status: 'paid', paidAt: new Date(), paymentRef: eventId }, { transaction: t });
      await this.store.models.Commission.update({ status: 'earned' }, { where: { orderId: order.id }, transaction: t });
      return { kind: 'paid', order: await summarizeOrder(this.store.models, t, order) };
    });
  }

  /** Records a pre-order from a future batch: no stock is taken and nothing is held. */
  preorder(buyer: Buyer, request: BuyRequest): Promise<OrderSummary> {
    return this.store.writes.run(async (t) => {
      const { item, variant } = request;
      const product = await this.store.models.Product.findOne({ where: { showId: this.showId, sku: item.sku, variant: variant.name }, transaction: t });
      if (!product) throw new Error(`product ${item.sku}/${variant.name} is not in the store`);
      const order = await this.createOrder(t, buyer, product, request.qty, this.listPrice(product, request.qty), 'preorder');
      return summarizeOrder(this.store.models, t, order);
    });
  }

  /** The buyer's newest open order (for !cancel without an id). */
  async openOrderOf(viewerId: number, publicId?: string): Promise<Order | null> {
    return this.store.models.Order.findOne({
      where: { viewerId, showId: this.showId, status: { [Op.in]: ['held', 'pending'] }, ...(publicId && { publicId: publicId.toUpperCase() }) },
      order: [['id', 'DESC']],
    });
  }

  async summary(orderId: number): Promise<OrderSummary | undefined> {
    const order = await this.store.models.Order.findByPk(orderId);
    return order ? summarizeOrder(this.store.models, undefined, order) : undefined;
  }

  /** Takes the viewer off every waitlist of this show; returns how many entries they left. */
  leaveWaitlist(viewerId: number): Promise<number> {
    return this.store.writes.run(async (t) => {
      const [count] = await this.store.models.WaitlistEntry.update(
        { status: 'left' },
        { where: { viewerId, showId: this.showId, status: 'waiting' }, transaction: t },
      );
      return count;
    });
  }

  /** Held orders of this show, for the hold timers after a restart. */
  heldOrders(): Promise<Order[]> {
    return this.store.models.Order.findAll({ where: { showId: this.showId, status: 'held' } });
  }

  async markReminded(orderId: number): Promise<void> {
    await this.store.models.Order.update({ remindedAt: new Date() }, { where: { id: orderId } });
  }

  /** One buy on its own (an order with a promo code, or one whose batch write failed): the same `decide()` on a ledger read for this buyer. */
  private async placeIn(t: Transaction, asked: Buyer, request: BuyRequest): Promise<PlaceResult> {
    const { models, db } = this.store;
    const { policy } = this.rules();
    // The viewer is read again here: a !link merged moments ago must not let a line in flight escape the cap.
    const identity = await models.Identity.findByPk(asked.identityId, { transaction: t });
    const buyer: Buyer = identity ? { ...asked, viewerId: identity.viewerId } : asked;
    const { item, variant } = request;
    const product = await models.Product.findOne({ where: { showId: this.showId, sku: item.sku, variant: variant.name }, transaction: t });
    if (!product) throw new Error(`product ${item.sku}/${variant.name} is not in the store`);
    let code: { row: PromoCode; rule: DiscountRule } | undefined;
    if (request.code !== undefined) {
      const checked = await this.checkCode(t, request.code, buyer, item.sku);
      if (!checked.ok) return { kind: 'bad-code', message: checked.message };
      code = checked;
    }
    const flash = this.deps.flash?.current(item.sku);
    const key = holdingKey(buyer.viewerId, item.sku);
    const ledger: Ledger = {
      stock: new Map([[product.id, product.stockAvailable]]),
      units: new Map(item.maxPerBuyer !== undefined ? [[key, await unitsOf(db, t, this.showId, buyer.viewerId, item.sku)]] : []),
      atFlash: new Map(flash ? [[key, await unitsAtPrice(db, t, this.showId, buyer.viewerId, item.sku, flash.priceCents)]] : []),
      waiting: await waitingOf(db, t, this.showId, [buyer.viewerId]),
      originHolds: await holdsOf(db, t, this.showId, buyer.origin === undefined ? [] : [buyer.origin]),
    };
    const decision = decide(ledger, buyer, request, product, flash, policy, code?.rule);
    if (decision.kind !== 'buy') return decision;
    let { reserved, short } = decision;
    // The database decides: a conditional decrement that finds the units gone waitlists the lot.
    if (reserved > 0 && policy.mode === 'hold' && !(await takeStock(db, t, product.id, reserved))) [reserved, short] = [0, reserved + short];
    const waitlisted = short > 0 ? await this.joinWaitlist(t, buyer, product.id, short, variant.name) : undefined;
    if (reserved === 0 || !decision.price) return { kind: 'waitlisted', qty: short, position: waitlisted!.position };
    const order = await this.createOrder(t, buyer, product, reserved, decision.price);
    if (code) await this.applyCode(t, code.row, order, buyer);
    return { kind: 'ordered', order: await summarizeOrder(models, t, order), ...(waitlisted && { waitlisted: { qty: short, position: waitlisted.position } }) };
  }

  private async checkCode(
    t: Transaction,
    text: string,
    buyer: Buyer,
    sku: string,
  ): Promise<{ ok: true; row: PromoCode; rule: DiscountRule } | { ok: false; message: string }> {
    if (!this.deps.codes) return { ok: false, message: 'Promo codes are not used in this show.' };
    const checked = await this.deps.codes.check(t, text, buyer.viewerId, sku);
    if (!checked.ok) return checked;
    if (checked.code.ambassadorId !== null) {
      const ambassador = await this.store.models.Ambassador.findByPk(checked.code.ambassadorId, { transaction: t });
      if (ambassador?.viewerId === buyer.viewerId)
        return { ok: false, message: 'That is your own ambassador code: share it, the discount is for your followers.' };
    }
    return { ok: true, row: checked.code, rule: checked.rule };
  }

  /** Counts the code's use and, for an ambassador's code, books the commission (pending until paid). */
  private async applyCode(t: Transaction, code: PromoCode, order: Order, buyer: Buyer): Promise<void> {
    await this.deps.codes!.redeem(t, code, order.id, buyer.viewerId, order.discountCents);
    await order.update({ promoCodeId: code.id }, { transaction: t });
    if (code.ambassadorId === null) return;
    const ambassador = await this.store.models.Ambassador.findByPk(code.ambassadorId, { transaction: t });
    if (!ambassador) return;
    const amountCents = Math.round((order.totalCents * ambassador.commissionPercent) / 100);
    await this.store.models.Commission.create({ ambassadorId: ambassador.id, orderId: order.id, amountCents, status: 'pending' }, { transaction: t });
  }

  private async createOrder(
    t: Transaction,
    buyer: Buyer,
    product: Product,
    qty: number,
    price: PriceQuote,
    kind: 'order' | 'preorder' = 'order',
  ): Promise<Order> {
    const { policy, catalog } = this.rules();
    const item = catalog.find(product.sku);
    const held = kind === 'order' && policy.mode === 'hold';
    const status = kind === 'preorder' ? 'preorder' : held ? 'held' : 'pending';
    const holdExpiresAt = held ? new Date(Date.now() + policy.holdMs) : null;
    const { Order, OrderLine } = this.store.models;
    const order = await Order.create(orderRow(buyer, this.showId, item?.currency ?? product.currency, price, status, holdExpiresAt, newPublicId()), {
      transaction: t,
    });
    await OrderLine.create({ orderId: order.id, productId: product.id, qty, unitPriceCents: price.unitCents }, { transaction: t });
    return order;
  }

  /** A price with no discount or flash price: pre-orders and stock handed on from the waitlist. */
  private listPrice(product: Product, qty: number): PriceQuote {
    const { catalog, policy } = this.rules();
    const item = catalog.find(product.sku);
    if (!item)
      return { unitCents: product.priceCents, subtotalCents: product.priceCents * qty, discountCents: 0, totalCents: product.priceCents * qty, basis: 'list' };
    const variant = catalog.variant(item, product.variant) ?? { name: product.variant, priceCents: product.priceCents };
    return quote(item, variant, qty, { wholesale: policy.wholesale });
  }

  private async joinWaitlist(t: Transaction, buyer: Buyer, productId: number, qty: number, variant: string): Promise<{ position: number }> {
    const entry = await this.store.models.WaitlistEntry.create(
      { showId: this.showId, productId, viewerId: buyer.viewerId, identityId: buyer.identityId, qty, channelId: buyer.channelId, variantLabel: variant },
      { transaction: t },
    );
    const position = await this.store.models.WaitlistEntry.count({ where: { productId, status: 'waiting', id: { [Op.lte]: entry.id } }, transaction: t });
    return { position };
  }

  /**
   * Hands freed units to the waitlist in order, each viewer with their own hold. A viewer who let
   * `lapsesBeforeBack` holds of this show run out unpaid waits behind everyone who did not.
   */
  private async offerWaitlist(t: Transaction, productId: number): Promise<OrderSummary[]> {
    const offers: OrderSummary[] = [];
    const entries = await this.store.models.WaitlistEntry.findAll({ where: { productId, status: 'waiting' }, order: [['id', 'ASC']], transaction: t });
    const lapses = await lapsesOf(this.store.db, t, this.showId, [...new Set(entries.map((e) => e.viewerId))]);
    const behind = (viewerId: number) => (lapses.get(viewerId) ?? 0) >= this.rules().policy.lapsesBeforeBack;
    const waiting = [...entries.filter((e) => !behind(e.viewerId)), ...entries.filter((e) => behind(e.viewerId))];
    for (const entry of waiting) {
      const product = (await this.store.models.Product.findByPk(productId, { transaction: t }))!;
      if (product.stockAvailable <= 0) break;
      const qty = Math.min(entry.qty, product.stockAvailable);
      if (!(await takeStock(this.store.db, t, productId, qty))) break;
      const identity = (await this.store.models.Identity.findByPk(entry.identityId, { transaction: t }))!;
      const buyer: Buyer = {
        viewerId: entry.viewerId,
        identityId: entry.identityId,
        platform: identity.platform as Buyer['platform'],
        userId: identity.platformUserId,
        name: identity.displayName,
        channelId: entry.channelId ?? '',
      };
      const order = await this.createOrder(t, buyer, product, qty, this.listPrice(product, qty));
      await entry.update(qty === entry.qty ? { status: 'offered' } : { qty: entry.qty - qty }, { transaction: t });
      offers.push(await summarizeOrder(this.store.models, t, order));
    }
    return offers;
  }
}
