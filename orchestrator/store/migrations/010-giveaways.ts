import { DataTypes, type QueryInterface } from 'sequelize';
import { id, ref, timestamps } from './columns.js';

/**
 * Giveaways and their entries. The seed is kept from the start (a restart must draw with the seed
 * whose SHA-256 was published), and published itself when entries close; each entry keeps the
 * hash that is published in its place. One entry per viewer per giveaway: linked accounts are one
 * viewer, and a merge keeps one of their entries.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('giveaways', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    /** The show file's id of the giveaway. */
    key: { type: DataTypes.STRING(64), allowNull: false },
    sku: { type: DataTypes.STRING(40), allowNull: false },
    variant: { type: DataTypes.STRING(32), allowNull: false, defaultValue: '' },
    /** open → claiming → claimed | unclaimed (nobody left to draw) | empty (nobody entered). */
    state: { type: DataTypes.STRING(16), allowNull: false },
    seed: { type: DataTypes.STRING(64), allowNull: false },
    commitment: { type: DataTypes.STRING(64), allowNull: false },
    /** The rules it was started with: a reload of the show file does not change a running giveaway. */
    rules: { type: DataTypes.JSON, allowNull: false },
    entries: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    opened_at: { type: DataTypes.DATE, allowNull: false },
    closes_at: { type: DataTypes.DATE, allowNull: false },
    closed_at: { type: DataTypes.DATE, allowNull: true },
    /** The draw round of the current winner (a redraw after an unclaimed prize is the next round). */
    round: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    /** Every round's winning entry hash and digest, in order: the published proof. */
    draws: { type: DataTypes.JSON, allowNull: false },
    winner_viewer_id: ref('viewers', DataTypes.INTEGER, true),
    claim_until: { type: DataTypes.DATE, allowNull: true },
    prize_order_id: ref('orders', DataTypes.INTEGER, true),
    ...timestamps,
  });
  await q.addIndex('giveaways', ['show_id', 'state']);
  await q.createTable('giveaway_entries', {
    id,
    giveaway_id: ref('giveaways'),
    viewer_id: ref('viewers'),
    /** The account they entered from: where the winner is told, and whose cart gets the prize. */
    identity_id: ref('identities'),
    platform: { type: DataTypes.STRING(16), allowNull: false },
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    hash: { type: DataTypes.STRING(64), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await q.addIndex('giveaway_entries', ['giveaway_id', 'viewer_id'], { unique: true });
  await q.addIndex('giveaway_entries', ['viewer_id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('giveaway_entries');
  await q.dropTable('giveaways');
}
