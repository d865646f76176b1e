import { QueryTypes, type Transaction } from 'sequelize';
import type { Cart } from '../../store/models-carts.js';
import type { StoreAccess } from '../../store/store.js';
import type { Buyer, OrderSummary } from '../order-types.js';
import type { CartLine, CartView } from './cart-types.js';

interface LineRow {
  id: number;
  public_id: string;
  status: OrderSummary['status'];
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  currency: string;
  hold_expires_at: string | Date | null;
  qty: number;
  unit_price_cents: number;
  sku: string;
  variant: string;
  title: string;
  code: string | null;
}

const ACTIVE = new Set(['held', 'pending', 'paid']);
const ms = (v: Date | string | null | undefined): number | undefined => (v === null || v === undefined ? undefined : new Date(v).getTime());

/** A cart with its lines, read in two queries (the cart's orders with their products, and the buyer). */
export async function readCart(store: StoreAccess, t: Transaction | undefined, cart: Cart): Promise<CartView> {
  const rows = await store.db.query<LineRow>(
    `SELECT o.id, o.public_id, o.status, o.subtotal_cents, o.discount_cents, o.total_cents, o.currency, o.hold_expires_at,
            l.qty, l.unit_price_cents, p.sku, p.variant, p.title, c.code
       FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.id = l.product_id
       LEFT JOIN promo_codes c ON c.id = o.promo_code_id
      WHERE o.cart_id = :cartId ORDER BY o.id`,
    { replacements: { cartId: cart.id }, transaction: t, type: QueryTypes.SELECT },
  );
  const identity = await store.models.Identity.findByPk(cart.identityId, { transaction: t });
  const buyer: Buyer = {
    viewerId: cart.viewerId,
    identityId: cart.identityId,
    platform: (identity?.platform ?? 'web') as Buyer['platform'],
    userId: identity?.platformUserId ?? '',
    name: identity?.displayName ?? '',
    channelId: cart.channelId,
  };
  const lines: CartLine[] = [];
  const dropped: CartLine[] = [];
  for (const r of rows) {
    const order: OrderSummary = {
      ...(r.code !== null && { code: r.code }),
      id: Number(r.id),
      publicId: r.public_id,
      sku: r.sku,
      variant: r.variant,
      title: r.title,
      qty: Number(r.qty),
      totalCents: Number(r.total_cents),
      currency: r.currency,
      status: r.status,
      holdExpiresAt: ms(r.hold_expires_at),
      cartId: cart.id,
      buyer,
    };
    const active = ACTIVE.has(r.status);
    const line: CartLine = {
      n: active ? lines.length + 1 : 0,
      order,
      unitCents: Number(r.unit_price_cents),
      subtotalCents: Number(r.subtotal_cents),
      discountCents: Number(r.discount_cents),
    };
    (active ? lines : dropped).push(line);
  }
  const sum = (pick: (l: CartLine) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    id: cart.id,
    publicId: cart.publicId,
    token: cart.token,
    status: cart.status,
    currency: cart.currency,
    buyer,
    lines,
    dropped,
    subtotalCents: sum((l) => l.subtotalCents),
    discountCents: sum((l) => l.discountCents),
    itemsCents: sum((l) => l.order.totalCents),
    shippingCents: cart.shippingCents ?? undefined,
    totalCents: cart.totalCents ?? undefined,
    delivery: cart.delivery ?? null,
    contact: cart.contact ?? null,
    holdExpiresAt: ms(cart.holdExpiresAt),
    remindedAt: ms(cart.remindedAt),
    provider: cart.provider ?? null,
    providerRef: cart.providerRef ?? null,
    providerError: cart.providerError ?? null,
    paidAt: ms(cart.paidAt),
    fulfilment: cart.fulfilment ?? null,
    tracking: cart.tracking ?? null,
    refundCents: cart.refundCents ?? 0,
    createdAt: ms(cart.createdAt) ?? 0,
  };
}

const TOKEN = /^[A-Za-z0-9_-]{22}$/;
const PUBLIC = /^[A-Za-z0-9]{8}$/;

/**
 * The cart a reference names: its token (checkout links), its public id (chat, webhooks), or the
 * public id of one of its orders (links sent before carts existed). Anything else finds nothing.
 */
export async function findCart(store: StoreAccess, t: Transaction | undefined, showId: string, ref: string, lock = false): Promise<Cart | null> {
  const { Cart, Order } = store.models;
  const options = { transaction: t, ...(lock && t && { lock: t.LOCK.UPDATE }) };
  if (TOKEN.test(ref)) return Cart.findOne({ where: { token: ref, showId }, ...options });
  if (!PUBLIC.test(ref)) return null;
  const publicId = ref.toUpperCase();
  const cart = await Cart.findOne({ where: { publicId, showId }, ...options });
  if (cart) return cart;
  const order = await Order.findOne({ where: { publicId, showId }, transaction: t });
  return order?.cartId ? Cart.findByPk(order.cartId, options) : null;
}
