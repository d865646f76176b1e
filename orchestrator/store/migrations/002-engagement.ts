import { DataTypes, type QueryInterface } from 'sequelize';
import { id, ref, timestamps } from './columns.js';

/** Polls and votes, promo codes and their redemptions, ambassadors and their commissions. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('polls', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    key: { type: DataTypes.STRING(64), allowNull: false },
    question: { type: DataTypes.STRING(300), allowNull: false },
    options: { type: DataTypes.JSON, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    started_at: { type: DataTypes.DATE, allowNull: true },
    ends_at: { type: DataTypes.DATE, allowNull: true },
    result: { type: DataTypes.JSON, allowNull: true },
    ...timestamps,
  });
  await q.createTable('votes', {
    id,
    poll_id: ref('polls'),
    viewer_id: ref('viewers'),
    option_index: { type: DataTypes.INTEGER, allowNull: false },
    platform: { type: DataTypes.STRING(16), allowNull: false },
    ...timestamps,
  });
  // One vote per viewer per poll: a changed vote updates this row.
  await q.addIndex('votes', ['poll_id', 'viewer_id'], { unique: true });

  await q.createTable('ambassadors', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    viewer_id: ref('viewers'),
    commission_percent: { type: DataTypes.FLOAT, allowNull: false },
    ...timestamps,
  });
  await q.addIndex('ambassadors', ['show_id', 'viewer_id'], { unique: true });
  await q.createTable('promo_codes', {
    id,
    show_id: ref('shows', DataTypes.STRING(64), true),
    code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    /** Percent (15 = 15 %) or an amount in cents. */
    value: { type: DataTypes.INTEGER, allowNull: false },
    source: { type: DataTypes.STRING(16), allowNull: false },
    max_uses: { type: DataTypes.INTEGER, allowNull: true },
    max_uses_per_viewer: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    uses: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    valid_from: { type: DataTypes.DATE, allowNull: true },
    expires_at: { type: DataTypes.DATE, allowNull: true },
    products: { type: DataTypes.JSON, allowNull: true },
    ambassador_id: ref('ambassadors', DataTypes.INTEGER, true),
    ...timestamps,
  });
  await q.createTable('redemptions', {
    id,
    promo_code_id: ref('promo_codes'),
    order_id: ref('orders'),
    viewer_id: ref('viewers'),
    discount_cents: { type: DataTypes.INTEGER, allowNull: false },
    ...timestamps,
  });
  await q.addIndex('redemptions', ['order_id'], { unique: true });
  await q.createTable('commissions', {
    id,
    ambassador_id: ref('ambassadors'),
    order_id: ref('orders'),
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    ...timestamps,
  });
  await q.addIndex('commissions', ['order_id'], { unique: true });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  for (const table of ['commissions', 'redemptions', 'promo_codes', 'ambassadors', 'votes', 'polls']) await q.dropTable(table);
}
