import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Where a hold came from when accounts cost nothing there (the web chat): an opaque key of the
 * network address, never the address, so holds can be limited per address.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('orders', 'origin', { type: DataTypes.STRING(32), allowNull: true });
  await q.addIndex('orders', ['show_id', 'origin', 'status']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('orders', ['show_id', 'origin', 'status']);
  // SQLite removes a column by copying the table; the tables that point at orders would refuse the
  // drop of the old copy, and the rows come back unchanged, so the check can wait.
  const sqlite = q.sequelize.getDialect() === 'sqlite';
  if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    await q.removeColumn('orders', 'origin');
  } finally {
    if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = ON');
  }
}
