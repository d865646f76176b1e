import type { Transaction } from 'sequelize';
import type { Order } from '../store/models-core.js';
import type { PromoCode } from '../store/models-engagement.js';
import type { PromoCodes } from './promo-codes.js';
import type { FlashSaleBoard } from './promo-issuer.js';
import type { BuyRequest } from './buy-request.js';
import type { BadCodeKey, Buyer, OrderSummary, PlaceResult } from './order-types.js';
import { textsFor } from '../i18n/texts.js';
import { summarizeOrder } from './order-summary.js';
import { holdsOf, takeStock, unitsAtPrice, unitsOf, waitingOf } from './stock-ledger.js';
import type { DiscountRule } from './pricing.js';
import { WriteGroup } from '../store/write-queue.js';
import { placeBatch, type BuyItem } from './order-batch.js';
import { cartHoldPolicy, decide, holdingKey, type Ledger, type OrderRules } from './order-plan.js';
import { OrderWrites } from './order-writes.js';
import type { StoreAccess } from '../store/store.js';

export { newPublicId, type OrderRules } from './order-plan.js';

/** The ledger's own refusals are written in English for the log; `key` lets the reply say them in the show's language. */
const ENGLISH = textsFor('en');

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
  /** The writes carts and the waitlist share with this path. */
  readonly writes: OrderWrites;

  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
    private readonly rules: () => OrderRules,
    private readonly deps: OrderDeps = {},
  ) {
    this.writes = new OrderWrites(store, showId, rules, deps.codes);
    this.buys = new WriteGroup(store.writes, (t, items) => {
      const { policy } = this.rules();
      const batch = {
        store,
        showId,
        carts: cartHoldPolicy(policy),
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

  /** Records a pre-order from a future batch: no stock is taken and nothing is held. */
  preorder(buyer: Buyer, request: BuyRequest): Promise<OrderSummary> {
    return this.store.writes.run(async (t) => {
      const { item, variant } = request;
      const product = await this.store.models.Product.findOne({ where: { showId: this.showId, sku: item.sku, variant: variant.name }, transaction: t });
      if (!product) throw new Error(`product ${item.sku}/${variant.name} is not in the store`);
      const price = this.writes.listPrice(product, request.qty);
      const order = await this.writes.createOrder(t, buyer, product, request.qty, price, { status: 'preorder', holdExpiresAt: null, cartId: null });
      return summarizeOrder(this.store.models, t, order);
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
      if (!checked.ok) return { kind: 'bad-code', message: checked.message, ...(checked.key && { key: checked.key }) };
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
    const waitlisted = short > 0 ? await this.writes.joinWaitlist(t, buyer, product.id, short, variant.name) : undefined;
    if (reserved === 0 || !decision.price) return { kind: 'waitlisted', qty: short, position: waitlisted!.position };
    const { order, cart } = await this.writes.fileOrder(t, buyer, product, reserved, decision.price);
    if (code) await this.applyCode(t, code.row, order, buyer);
    const placed = { kind: 'ordered' as const, order: await summarizeOrder(models, t, order), cart };
    return { ...placed, ...(waitlisted && { waitlisted: { qty: short, position: waitlisted.position } }), ...(decision.capped && { capped: decision.capped }) };
  }

  private async checkCode(
    t: Transaction,
    text: string,
    buyer: Buyer,
    sku: string,
  ): Promise<{ ok: true; row: PromoCode; rule: DiscountRule } | { ok: false; message: string; key?: BadCodeKey }> {
    if (!this.deps.codes) return { ok: false, message: ENGLISH.t('orders.codesUnused'), key: 'orders.codesUnused' };
    const checked = await this.deps.codes.check(t, text, buyer.viewerId, sku);
    if (!checked.ok) return checked;
    if (checked.code.ambassadorId !== null) {
      const ambassador = await this.store.models.Ambassador.findByPk(checked.code.ambassadorId, { transaction: t });
      if (ambassador?.viewerId === buyer.viewerId) return { ok: false, message: ENGLISH.t('orders.ownAmbassadorCode'), key: 'orders.ownAmbassadorCode' };
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
}
