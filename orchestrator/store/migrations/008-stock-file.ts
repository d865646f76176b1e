import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The stock figure the show file last said, apart from the stock itself: a restock from the
 * dashboard raises the stock, and the next load of an unchanged file must not take it back. The
 * file moves the stock only by how much its own figure changed.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('products', 'stock_file', { type: DataTypes.INTEGER, allowNull: true });
  await q.sequelize.query('UPDATE products SET stock_file = stock_total');
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  // SQLite drops a column by copying the table, which the tables pointing at products would refuse.
  const sqlite = q.sequelize.getDialect() === 'sqlite';
  if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    await q.removeColumn('products', 'stock_file');
  } finally {
    if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = ON');
  }
}
