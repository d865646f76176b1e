import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Link codes belong to the show they were asked for in: shows run side by side on one database
 * must not take each other's codes. No foreign key, like `events.show_id`: a code lives ten
 * minutes, and the store tests issue codes without a show row. Codes from before carry no show;
 * they are dropped, and whoever asked simply asks again.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.sequelize.query('DELETE FROM link_codes');
  await q.addColumn('link_codes', 'show_id', { type: DataTypes.STRING(64), allowNull: true });
  await q.addIndex('link_codes', ['show_id', 'viewer_id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.removeIndex('link_codes', ['show_id', 'viewer_id']);
  await q.removeColumn('link_codes', 'show_id');
}
