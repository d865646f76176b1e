import { DataTypes, type QueryInterface } from 'sequelize';
import { id, ref } from './columns.js';

/**
 * Linked identities: a viewer merged into another keeps its row (history and the event log still
 * point at it) and says where it went; one-time link codes wait in their own table.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  // Always the surviving viewer, never a chain: a merge re-points earlier merges too.
  await q.addColumn('viewers', 'merged_into', ref('viewers', DataTypes.INTEGER, true));
  await q.addIndex('viewers', ['merged_into']);
  await q.createTable('link_codes', {
    id,
    code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    /** The viewer who asked: they are kept when the code is used. */
    viewer_id: ref('viewers'),
    /** The identity that asked, and where, so the "linked" confirmation reaches them privately. */
    identity_id: ref('identities'),
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    /** Milliseconds since the epoch, like `events.at`: compared as numbers on every dialect. */
    created_at: { type: DataTypes.BIGINT, allowNull: false },
    expires_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await q.addIndex('link_codes', ['viewer_id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('link_codes');
  await q.removeIndex('viewers', ['merged_into']);
  // SQLite removes a column by copying the table and dropping the old one, which every table
  // that references viewers would refuse; the rows are copied unchanged, so the check can wait.
  const sqlite = q.sequelize.getDialect() === 'sqlite';
  if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = OFF');
  try {
    await q.removeColumn('viewers', 'merged_into');
  } finally {
    if (sqlite) await q.sequelize.query('PRAGMA foreign_keys = ON');
  }
}
