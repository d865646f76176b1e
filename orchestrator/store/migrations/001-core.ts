import { DataTypes, type QueryInterface } from 'sequelize';
import { id, timestamps, ref } from './columns.js';

/** Viewers and identities, the catalog and its stock, orders, the waitlist, and the event log. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('shows', {
    id: { type: DataTypes.STRING(64), primaryKey: true },
    name: { type: DataTypes.STRING(120), allowNull: false },
    ...timestamps,
  });
  await q.createTable('show_runs', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    started_at: { type: DataTypes.DATE, allowNull: false },
    ended_at: { type: DataTypes.DATE, allowNull: true },
  });
  await q.createTable('viewers', { id, display_name: { type: DataTypes.STRING(100), allowNull: false }, ...timestamps });
  await q.createTable('identities', {
    id,
    viewer_id: ref('viewers'),
    platform: { type: DataTypes.STRING(16), allowNull: false },
    platform_user_id: { type: DataTypes.STRING(64), allowNull: false },
    display_name: { type: DataTypes.STRING(100), allowNull: false },
    roles: { type: DataTypes.JSON, allowNull: false, defaultValue: [] },
    ...timestamps,
  });
  await q.addIndex('identities', ['platform', 'platform_user_id'], { unique: true });
  await q.addIndex('identities', ['viewer_id']);

  await q.createTable('products', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    sku: { type: DataTypes.STRING(40), allowNull: false },
    variant: { type: DataTypes.STRING(32), allowNull: false, defaultValue: '' },
    title: { type: DataTypes.STRING(120), allowNull: false },
    category: { type: DataTypes.STRING(60), allowNull: true },
    image_url: { type: DataTypes.STRING(500), allowNull: true },
    price_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    max_per_buyer: { type: DataTypes.INTEGER, allowNull: true },
    /** Units the show file offers; available = what can still be reserved. */
    stock_total: { type: DataTypes.INTEGER, allowNull: false },
    stock_available: { type: DataTypes.INTEGER, allowNull: false },
    ...timestamps,
  });
  await q.addIndex('products', ['show_id', 'sku', 'variant'], { unique: true });

  await q.createTable('orders', {
    id,
    public_id: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    show_id: ref('shows', DataTypes.STRING(64)),
    viewer_id: ref('viewers'),
    identity_id: ref('identities'),
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    subtotal_cents: { type: DataTypes.INTEGER, allowNull: false },
    discount_cents: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    total_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    hold_expires_at: { type: DataTypes.DATE, allowNull: true },
    paid_at: { type: DataTypes.DATE, allowNull: true },
    payment_ref: { type: DataTypes.STRING(120), allowNull: true },
    ...timestamps,
  });
  await q.addIndex('orders', ['show_id', 'status']);
  await q.addIndex('orders', ['viewer_id']);
  await q.createTable('order_lines', {
    id,
    order_id: ref('orders'),
    product_id: ref('products'),
    qty: { type: DataTypes.INTEGER, allowNull: false },
    unit_price_cents: { type: DataTypes.INTEGER, allowNull: false },
  });
  await q.addIndex('order_lines', ['order_id']);
  await q.createTable('waitlist', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    product_id: ref('products'),
    viewer_id: ref('viewers'),
    identity_id: ref('identities'),
    qty: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'waiting' },
    ...timestamps,
  });
  await q.addIndex('waitlist', ['product_id', 'status', 'id']);

  await q.createTable('events', {
    id,
    show_id: { type: DataTypes.STRING(64), allowNull: false },
    run_id: { type: DataTypes.INTEGER, allowNull: true },
    type: { type: DataTypes.STRING(40), allowNull: false },
    /** Wall clock, ms since the epoch. */
    at: { type: DataTypes.BIGINT, allowNull: false },
    /** The show clock: ms since the stream went live, null while off air. */
    show_ms: { type: DataTypes.INTEGER, allowNull: true },
    platform: { type: DataTypes.STRING(16), allowNull: true },
    viewer_id: { type: DataTypes.INTEGER, allowNull: true },
    data: { type: DataTypes.JSON, allowNull: false },
  });
  await q.addIndex('events', ['show_id', 'at']);
  await q.addIndex('events', ['type']);
  await makeAppendOnly(q);
}

/** Analytics trusts the event log as history: the database itself refuses edits and deletes. */
async function makeAppendOnly(q: QueryInterface): Promise<void> {
  const dialect = q.sequelize.getDialect();
  if (dialect === 'sqlite') {
    for (const op of ['UPDATE', 'DELETE']) {
      await q.sequelize.query(
        `CREATE TRIGGER events_append_only_${op.toLowerCase()} BEFORE ${op} ON events BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;`,
      );
    }
  } else if (dialect === 'postgres') {
    await q.sequelize.query(
      `CREATE OR REPLACE FUNCTION showcart_events_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$ LANGUAGE plpgsql;`,
    );
    await q.sequelize.query('CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION showcart_events_append_only();');
  }
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  for (const table of ['events', 'waitlist', 'order_lines', 'orders', 'products', 'identities', 'viewers', 'show_runs', 'shows']) {
    await q.dropTable(table);
  }
}
