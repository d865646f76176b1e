import { randomBytes } from 'node:crypto';
import { DataTypes, QueryTypes, type QueryInterface } from 'sequelize';
import { id, ref, timestamps } from './columns.js';

/**
 * One cart per buyer per show: the thing a buyer checks out, pays once (items and shipping) and
 * the seller ships. An order stays one product line with the price it was placed at; a cart
 * groups them. Payments are recorded per cart and provider. Every existing order gets a cart of
 * its own, so nothing older is a special case.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('carts', {
    id,
    /** Eight readable characters for chat and the dashboard. */
    public_id: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    /** The checkout link's key: 128 random bits, so a link cannot be guessed from another. */
    token: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    show_id: ref('shows', DataTypes.STRING(64)),
    viewer_id: ref('viewers'),
    /** The account the buyer last bought with: where they are told about the cart. */
    identity_id: ref('identities'),
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    /** open → checkout (a payment under way; new buys open another cart) → paid | expired | cancelled. */
    status: { type: DataTypes.STRING(16), allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    hold_started_at: { type: DataTypes.DATE, allowNull: true },
    hold_expires_at: { type: DataTypes.DATE, allowNull: true },
    reminded_at: { type: DataTypes.DATE, allowNull: true },
    /** Fixed when the buyer gives their details: what the payment must match. */
    shipping_cents: { type: DataTypes.INTEGER, allowNull: true },
    total_cents: { type: DataTypes.INTEGER, allowNull: true },
    delivery: { type: DataTypes.STRING(8), allowNull: true },
    contact: { type: DataTypes.JSON, allowNull: true },
    provider: { type: DataTypes.STRING(16), allowNull: true },
    provider_ref: { type: DataTypes.STRING(200), allowNull: true },
    /** The last thing a provider did wrong for this cart (timeout, 5xx), for the dashboard. */
    provider_error: { type: DataTypes.STRING(300), allowNull: true },
    paid_at: { type: DataTypes.DATE, allowNull: true },
    /** After payment: packed → shipped → delivered, or cancelled / refund-due. */
    fulfilment: { type: DataTypes.STRING(16), allowNull: true },
    tracking: { type: DataTypes.STRING(500), allowNull: true },
    refund_cents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await q.addIndex('carts', ['show_id', 'viewer_id', 'status']);
  await q.addIndex('carts', ['show_id', 'status']);
  await q.addColumn('orders', 'cart_id', ref('carts', DataTypes.INTEGER, true));
  await q.addIndex('orders', ['cart_id']);
  await q.createTable('cart_payments', {
    id,
    cart_id: ref('carts'),
    provider: { type: DataTypes.STRING(16), allowNull: false },
    /** The provider's own id of the event: the same event twice changes nothing. */
    event_id: { type: DataTypes.STRING(200), allowNull: false },
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    /** What the payment did: paid, paid-twice (to be refunded), late (the cart had ended; to be refunded). */
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    ...timestamps,
  });
  await q.addIndex('cart_payments', ['provider', 'event_id'], { unique: true });
  await q.addIndex('cart_payments', ['cart_id']);
  await cartsForOldOrders(q);
  await q.dropTable('payment_events');
}

const CART_STATUS: Record<string, string> = { held: 'open', pending: 'open', paid: 'paid', expired: 'expired', cancelled: 'cancelled' };

async function cartsForOldOrders(q: QueryInterface): Promise<void> {
  const db = q.sequelize;
  const orders = await db.query<{
    id: number;
    public_id: string;
    show_id: string;
    viewer_id: number;
    identity_id: number;
    channel_id: string;
    status: string;
    total_cents: number;
    currency: string;
    hold_expires_at: string | null;
    paid_at: string | null;
    created_at: string;
  }>("SELECT * FROM orders WHERE status <> 'preorder' ORDER BY id", { type: QueryTypes.SELECT });
  const now = new Date();
  for (const o of orders) {
    const status = CART_STATUS[o.status] ?? 'cancelled';
    // The order's own id is free as the cart's: carts had none before.
    await q.bulkInsert('carts', [
      {
        public_id: o.public_id,
        token: randomBytes(16).toString('base64url'),
        show_id: o.show_id,
        viewer_id: o.viewer_id,
        identity_id: o.identity_id,
        channel_id: o.channel_id,
        status,
        currency: o.currency,
        hold_started_at: o.hold_expires_at === null ? null : o.created_at,
        hold_expires_at: o.hold_expires_at,
        total_cents: o.total_cents,
        shipping_cents: 0,
        paid_at: o.paid_at,
        refund_cents: 0,
        created_at: o.created_at,
        updated_at: now,
      },
    ]);
    const [cart] = await db.query<{ id: number }>('SELECT id FROM carts WHERE public_id = :p', { replacements: { p: o.public_id }, type: QueryTypes.SELECT });
    await db.query('UPDATE orders SET cart_id = :cart WHERE id = :id', { replacements: { cart: cart!.id, id: o.id } });
  }
  const payments = await db.query<{ event_id: string; order_id: number; amount_cents: number; currency: string; created_at: string }>(
    'SELECT event_id, order_id, amount_cents, currency, created_at FROM payment_events ORDER BY id',
    { type: QueryTypes.SELECT },
  );
  const seenCart = new Set<number>();
  for (const p of payments) {
    const [order] = await db.query<{ cart_id: number | null }>('SELECT cart_id FROM orders WHERE id = :id', {
      replacements: { id: p.order_id },
      type: QueryTypes.SELECT,
    });
    if (order?.cart_id == null) continue;
    const outcome = seenCart.has(order.cart_id) ? 'paid-twice' : 'paid';
    seenCart.add(order.cart_id);
    await q.bulkInsert('cart_payments', [
      {
        cart_id: order.cart_id,
        provider: 'webhook',
        event_id: p.event_id,
        amount_cents: p.amount_cents,
        currency: p.currency,
        outcome,
        created_at: p.created_at,
        updated_at: now,
      },
    ]);
  }
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  const db = q.sequelize;
  await q.createTable('payment_events', {
    id,
    event_id: { type: DataTypes.STRING(120), allowNull: false, unique: true },
    order_id: ref('orders'),
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    ...timestamps,
  });
  await db.query(
    `INSERT INTO payment_events (event_id, order_id, amount_cents, currency, created_at, updated_at)
     SELECT p.event_id, (SELECT MIN(o.id) FROM orders o WHERE o.cart_id = p.cart_id), p.amount_cents, p.currency, p.created_at, p.updated_at
       FROM cart_payments p WHERE p.provider = 'webhook' AND EXISTS (SELECT 1 FROM orders o WHERE o.cart_id = p.cart_id)`,
  );
  await q.dropTable('cart_payments');
  await q.removeIndex('orders', ['cart_id']);
  // See 006: SQLite copies the table to drop a column, which the foreign keys pointing at orders would refuse.
  const sqlite = db.getDialect() === 'sqlite';
  if (sqlite) await db.query('PRAGMA foreign_keys = OFF');
  try {
    await q.removeColumn('orders', 'cart_id');
  } finally {
    if (sqlite) await db.query('PRAGMA foreign_keys = ON');
  }
  await q.dropTable('carts');
}
