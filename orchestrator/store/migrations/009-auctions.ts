import { DataTypes, type QueryInterface } from 'sequelize';
import { id, ref, timestamps } from './columns.js';

/**
 * Live auctions and every bid placed in them. An auction row is the one truth a bid is decided
 * against (inside the bid's own transaction); the bids table keeps every bid, refused ones too,
 * with the show-clock moment it arrived, so a disputed result can be replayed. Money is in minor
 * units of the auction's currency.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('auctions', {
    id,
    show_id: ref('shows', DataTypes.STRING(64)),
    /** The show file's id of the auction (or its SKU in lowercase). */
    key: { type: DataTypes.STRING(64), allowNull: false },
    sku: { type: DataTypes.STRING(40), allowNull: false },
    variant: { type: DataTypes.STRING(32), allowNull: false, defaultValue: '' },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    /** open → paused ↔ open → sold | unsold. */
    state: { type: DataTypes.STRING(16), allowNull: false },
    start_cents: { type: DataTypes.INTEGER, allowNull: false },
    /** The standing price: what the high bidder pays if it ends now; null before the first bid. */
    current_cents: { type: DataTypes.INTEGER, allowNull: true },
    high_viewer_id: ref('viewers', DataTypes.INTEGER, true),
    /** The high bidder's maximum (a proxy bid): never shown, it only answers later bids. */
    high_max_cents: { type: DataTypes.INTEGER, allowNull: true },
    bids: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    /** The rules it was started with: a reload of the show file does not change a running auction. */
    rules: { type: DataTypes.JSON, allowNull: false },
    started_at: { type: DataTypes.DATE, allowNull: false },
    ends_at: { type: DataTypes.DATE, allowNull: false },
    /** While paused: what was left on the clock. */
    paused_left_ms: { type: DataTypes.INTEGER, allowNull: true },
    ended_at: { type: DataTypes.DATE, allowNull: true },
    /** Why it ended as it did: no-bids, reserve, no-stock, buy-now, bids, ended-early. */
    outcome: { type: DataTypes.STRING(16), allowNull: true },
    winner_order_id: ref('orders', DataTypes.INTEGER, true),
    /** The second-chance offer made when the winner did not pay. */
    runner_up_viewer_id: ref('viewers', DataTypes.INTEGER, true),
    runner_up_order_id: ref('orders', DataTypes.INTEGER, true),
    ...timestamps,
  });
  await q.addIndex('auctions', ['show_id', 'state']);
  await q.createTable('bids', {
    id,
    auction_id: ref('auctions'),
    viewer_id: ref('viewers'),
    /** The account the bid came from: where the bidder is told, and what the winner's cart is filed under. */
    identity_id: ref('identities'),
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    platform: { type: DataTypes.STRING(16), allowNull: false },
    /** What was bid (for `!maxbid`: the step it asked for), and the maximum a proxy may go to. */
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    max_cents: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(8), allowNull: false },
    /** The standing price right after this bid, when it counted. */
    price_cents: { type: DataTypes.INTEGER, allowNull: true },
    /** leading, outbid (a proxy answered at once), raised (the leader's own maximum), refused. */
    outcome: { type: DataTypes.STRING(16), allowNull: false },
    reason: { type: DataTypes.STRING(16), allowNull: true },
    at: { type: DataTypes.DATE, allowNull: false },
    /** Milliseconds since the stream went live, when it was live. */
    show_ms: { type: DataTypes.INTEGER, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await q.addIndex('bids', ['auction_id', 'id']);
  await q.addIndex('bids', ['viewer_id']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('bids');
  await q.dropTable('auctions');
}
