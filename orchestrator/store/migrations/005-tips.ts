import { DataTypes, type QueryInterface } from 'sequelize';
import { id, ref, timestamps } from './columns.js';

/** Tips: paid through the same signed webhook as orders, but they take no stock. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('tips', {
    id,
    public_id: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    show_id: ref('shows', DataTypes.STRING(64)),
    viewer_id: ref('viewers'),
    identity_id: ref('identities'),
    channel_id: { type: DataTypes.STRING(64), allowNull: false },
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    status: { type: DataTypes.STRING(16), allowNull: false },
    paid_at: { type: DataTypes.DATE, allowNull: true },
    /** The payment event that paid it: the same event twice changes nothing. */
    payment_ref: { type: DataTypes.STRING(120), allowNull: true, unique: true },
    ...timestamps,
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('tips');
}
