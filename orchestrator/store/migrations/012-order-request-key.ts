import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The key of the request that placed an order (a web edge's line id, delivered through JetStream):
 * a request delivered twice, after a crash between the order's commit and the delivery's ack,
 * finds its order and places nothing. Unique per show; lines without a key leave it NULL, which
 * both engines let repeat.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('orders', 'request_key', { type: DataTypes.STRING(96), allowNull: true });
  await q.addIndex('orders', ['show_id', 'request_key'], { unique: true, name: 'orders_show_request_key' });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('orders', 'orders_show_request_key');
  const sqlite = q.sequelize.getDialect() === 'sqlite';
  if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    await q.removeColumn('orders', 'request_key');
  } finally {
    if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = ON');
  }
}
