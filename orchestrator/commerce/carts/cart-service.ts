import { Op, type Transaction } from 'sequelize';
import type { ShippingConfig } from '../../../config/schema/checkout.js';
import type { Cart } from '../../store/models-carts.js';
import type { StoreAccess } from '../../store/store.js';
import type { OrderWrites } from '../order-writes.js';
import { syncLineHolds } from './cart-holds.js';
import { payCart } from './cart-payments.js';
import { findCart, readCart } from './cart-reads.js';
import type { CartPaymentResult, CartRelease, CartView, Delivery, PaymentReport } from './cart-types.js';
import { checkDetails, type CheckoutForm } from './checkout-details.js';
import { advanceFulfilment, type FulfilResult, type FulfilStep } from './fulfilment.js';
import { shippingFor } from './shipping.js';
import type { Texts } from '../../i18n/texts.js';
import { addStock, readStockLevels, type StockLevel } from '../stock-levels.js';

export type RemoveResult =
  | { kind: 'removed'; line: CartView['lines'][number]; release: CartRelease }
  | { kind: 'no-cart' }
  | { kind: 'no-line'; lines: number }
  /** The cart is being paid: the buyer finishes or goes back on the checkout page first. */
  | { kind: 'locked'; cart: CartView };

export type CheckoutResult =
  | { kind: 'ready'; cart: CartView }
  | { kind: 'invalid'; errors: Record<string, string>; cart: CartView }
  /** The hold ran out, or the cart was cancelled or paid: nothing to pay. */
  | { kind: 'ended'; cart: CartView }
  | { kind: 'unknown' };

/** What the cart rules read from the show file in force. */
export interface CartRules {
  shipping(): ShippingConfig | undefined;
  /** How long a manual payment may take once the buyer has checked out. */
  manualPayWithinMs(): number;
  /** The chat's hold (`checkout.hold`): what a cart taken back from a manual checkout returns to. */
  holdMs(): number;
  /** The show's language: the checkout page's field errors are written in it. */
  texts(): Texts;
}

/**
 * One cart per buyer per show: what the chat, the checkout page, the providers and the dashboard
 * do to it. Every change is one short write transaction; a cart is paid once, whatever arrives.
 */
export class Carts {
  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
    private readonly writes: OrderWrites,
    private readonly rules: CartRules,
  ) {}

  /** A cart by token, public id or one of its orders' ids; undefined for anything else. */
  async view(ref: string): Promise<CartView | undefined> {
    const cart = await findCart(this.store, undefined, this.showId, ref);
    return cart ? readCart(this.store, undefined, cart) : undefined;
  }

  async byId(id: number): Promise<CartView | undefined> {
    const cart = await this.store.models.Cart.findOne({ where: { id, showId: this.showId } });
    return cart ? readCart(this.store, undefined, cart) : undefined;
  }

  /** The viewer's cart still being filled or paid, newest first; undefined when they have none. */
  async openOf(viewerId: number): Promise<CartView | undefined> {
    const cart = await this.store.models.Cart.findOne({
      where: { viewerId, showId: this.showId, status: { [Op.in]: ['open', 'checkout'] } },
      order: [['id', 'DESC']],
    });
    return cart ? readCart(this.store, undefined, cart) : undefined;
  }

  /** The viewer's carts in this show that came to something (open, being paid or paid), newest first. */
  async listOf(viewerId: number, limit = 5): Promise<CartView[]> {
    const carts = await this.store.models.Cart.findAll({
      where: { viewerId, showId: this.showId, status: { [Op.in]: ['open', 'checkout', 'paid'] } },
      order: [['id', 'DESC']],
      limit,
    });
    return Promise.all(carts.map((c) => readCart(this.store, undefined, c)));
  }

  /** Carts whose hold runs, for the timers after a restart. */
  async held(): Promise<CartView[]> {
    const carts = await this.store.models.Cart.findAll({
      where: { showId: this.showId, status: { [Op.in]: ['open', 'checkout'] }, holdExpiresAt: { [Op.ne]: null } },
    });
    return Promise.all(carts.map((c) => readCart(this.store, undefined, c)));
  }

  async markReminded(cartId: number): Promise<void> {
    await this.store.models.Cart.update({ remindedAt: new Date() }, { where: { id: cartId } });
  }

  /** Takes line `n` (as `!cart` numbers them) out of the viewer's open cart; its stock goes back and on to the waitlist. */
  removeLine(viewerId: number, n: number): Promise<RemoveResult> {
    return this.store.writes.run(async (t): Promise<RemoveResult> => {
      const cart = await this.store.models.Cart.findOne({
        where: { viewerId, showId: this.showId, status: { [Op.in]: ['open', 'checkout'] } },
        order: [['id', 'DESC']],
        transaction: t,
      });
      if (!cart) return { kind: 'no-cart' };
      const view = await readCart(this.store, t, cart);
      if (cart.status === 'checkout') return { kind: 'locked', cart: view };
      const line = view.lines[n - 1];
      if (!line) return { kind: 'no-line', lines: view.lines.length };
      const release = await this.releaseOrders(t, cart, [line.order.id], 'cancelled');
      return { kind: 'removed', line, release };
    });
  }

  /**
   * Ends a cart's hold (it ran out, or the buyer or the seller cancelled): every open line goes
   * back. `due`: the end a hold timer was set for; a cart extended past it since is not released.
   */
  release(cartId: number, reason: 'expired' | 'cancelled', due?: number): Promise<CartRelease | undefined> {
    return this.store.writes.run(async (t) => {
      const cart = await this.store.models.Cart.findByPk(cartId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!cart || (cart.status !== 'open' && cart.status !== 'checkout')) return undefined;
      if (due !== undefined && (cart.holdExpiresAt === null || cart.holdExpiresAt.getTime() > due + 1000)) return undefined;
      return this.releaseOrders(t, cart, undefined, reason);
    });
  }

  /**
   * The buyer's details and delivery choice: shipping and the total are fixed here, and the cart
   * is locked for paying (new buys open another cart) with `provider`. Sending the form again
   * (the buyer went back) fixes them anew.
   */
  checkout(ref: string, form: CheckoutForm, provider: string, deliveries: readonly Delivery[]): Promise<CheckoutResult> {
    return this.store.writes.run(async (t): Promise<CheckoutResult> => {
      const cart = await findCart(this.store, t, this.showId, ref, true);
      if (!cart) return { kind: 'unknown' };
      const view = await readCart(this.store, t, cart);
      if (!this.payable(cart) || view.lines.length === 0) return { kind: 'ended', cart: view };
      const checked = checkDetails(form, deliveries, this.rules.texts());
      if (!checked.ok) return { kind: 'invalid', errors: checked.errors, cart: view };
      const shipping = shippingFor(
        this.rules.shipping(),
        view.itemsCents,
        checked.delivery,
        checked.contact.address?.country,
        cart.currency,
        this.rules.texts(),
      );
      if (!shipping.ok) return { kind: 'invalid', errors: { [checked.delivery === 'pickup' ? 'delivery' : 'country']: shipping.reason }, cart: view };
      const manual = provider === 'manual';
      await cart.update(
        {
          contact: checked.contact,
          delivery: checked.delivery,
          shippingCents: shipping.cents,
          totalCents: view.itemsCents + shipping.cents,
          provider,
          providerError: null,
          status: 'checkout',
          // A bank transfer takes days: the seller confirms it, and the stock waits that long.
          ...(manual && { holdExpiresAt: new Date(Date.now() + this.rules.manualPayWithinMs()) }),
        },
        { transaction: t },
      );
      if (manual) await syncLineHolds(this.store, t, [cart.id]);
      return { kind: 'ready', cart: await readCart(this.store, t, cart) };
    });
  }

  /** The buyer went back to change the cart: it takes new items again (the caller abandons the provider's session first). */
  async reopen(cartId: number): Promise<CartView | undefined> {
    return this.store.writes.run(async (t) => {
      const cart = await this.store.models.Cart.findOne({
        where: { id: cartId, showId: this.showId, status: 'checkout' },
        transaction: t,
        lock: t.LOCK.UPDATE,
      });
      if (!cart) return undefined;
      // A manual checkout held the stock for days; going back to shop must not keep that: the chat's hold, at most.
      const chatEnd = new Date(Date.now() + this.rules.holdMs());
      const shorten = cart.holdExpiresAt !== null && cart.holdExpiresAt > chatEnd;
      await cart.update({ status: 'open', providerRef: null, ...(shorten && { holdExpiresAt: chatEnd }) }, { transaction: t });
      if (shorten) await syncLineHolds(this.store, t, [cart.id]);
      return readCart(this.store, t, cart);
    });
  }

  /** What a provider made for this cart (a session or payment id), or what went wrong with it. */
  async providerSaid(cartId: number, said: { ref: string } | { error: string }): Promise<void> {
    const change = 'ref' in said ? { providerRef: said.ref, providerError: null } : { providerError: said.error.slice(0, 300) };
    await this.store.models.Cart.update(change, { where: { id: cartId } });
  }

  /** Applies a provider's payment: the one way a cart becomes paid (test mode and "mark paid" included). */
  pay(report: PaymentReport): Promise<CartPaymentResult> {
    return this.store.writes.run((t) => payCart(this.store, t, this.showId, report));
  }

  /** The seller's next step for a paid cart (packed, shipped with tracking, delivered) or its cancellation. */
  fulfil(cartId: number, step: FulfilStep, tracking?: string): Promise<FulfilResult> {
    return this.store.writes.run((t) => advanceFulfilment(this.store, this.writes, t, this.showId, cartId, step, tracking));
  }

  /** Every product and variant with its stock, held, sold and waiting units. */
  stock(): Promise<StockLevel[]> {
    return this.store.writes.run((t) => readStockLevels(this.store.db, t, this.showId));
  }

  /** Adds units, handed first to the waitlist as a released hold's are; undefined for an unknown product. */
  restock(sku: string, variant: string, qty: number): Promise<Omit<CartRelease, 'cart' | 'released'> | undefined> {
    return this.store.writes.run(async (t) => {
      const productId = await addStock(this.store.db, t, this.showId, sku, variant, qty);
      if (productId === undefined) return undefined;
      const offers = await this.writes.offerWaitlist(t, productId);
      return { offers: offers.map((o) => o.order), offeredCarts: await this.cartsOf(t, offers) };
    });
  }

  private async cartsOf(t: Transaction, offers: Array<{ cart: { id: number } }>): Promise<CartView[]> {
    const carts = new Map<number, CartView>();
    for (const offer of offers) {
      if (carts.has(offer.cart.id)) continue;
      const row = await this.store.models.Cart.findByPk(offer.cart.id, { transaction: t });
      if (row) carts.set(row.id, await readCart(this.store, t, row));
    }
    return [...carts.values()];
  }

  private payable(cart: Cart): boolean {
    if (cart.status !== 'open' && cart.status !== 'checkout') return false;
    return cart.holdExpiresAt === null || cart.holdExpiresAt.getTime() > Date.now();
  }

  private async releaseOrders(t: Transaction, cart: Cart, orderIds: number[] | undefined, reason: 'expired' | 'cancelled'): Promise<CartRelease> {
    const { Order } = this.store.models;
    const where = { cartId: cart.id, status: { [Op.in]: ['held', 'pending'] }, ...(orderIds && { id: { [Op.in]: orderIds } }) };
    const orders = await Order.findAll({ where, order: [['id', 'ASC']], transaction: t, lock: t.LOCK.UPDATE });
    const { released, offers } = await this.writes.releaseLines(t, orders, reason);
    const left = await Order.count({ where: { cartId: cart.id, status: { [Op.in]: ['held', 'pending', 'paid'] } }, transaction: t });
    // Whatever changed, the total fixed at checkout no longer holds.
    await cart.update({ ...(left === 0 && { status: reason }), shippingCents: null, totalCents: null }, { transaction: t });
    return { cart: await readCart(this.store, t, cart), released, offers: offers.map((o) => o.order), offeredCarts: await this.cartsOf(t, offers) };
  }
}
