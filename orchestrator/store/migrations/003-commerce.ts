import { DataTypes, type QueryInterface } from 'sequelize';
import { id, ref, timestamps } from './columns.js';

/** What buying by chat needs beyond 001: where to answer a waitlisted viewer, discounts on orders, paid-event idempotency. */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.addColumn('waitlist', 'channel_id', { type: DataTypes.STRING(64), allowNull: true });
  await q.addColumn('waitlist', 'variant_label', { type: DataTypes.STRING(32), allowNull: true });
  await q.addColumn('orders', 'promo_code_id', ref('promo_codes', DataTypes.INTEGER, true));
  await q.addColumn('orders', 'reminded_at', { type: DataTypes.DATE, allowNull: true });
  await q.createTable('payment_events', {
    id,
    /** The payment provider's event id: the same event twice changes nothing. */
    event_id: { type: DataTypes.STRING(120), allowNull: false, unique: true },
    order_id: ref('orders'),
    amount_cents: { type: DataTypes.INTEGER, allowNull: false },
    currency: { type: DataTypes.STRING(3), allowNull: false },
    ...timestamps,
  });
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('payment_events');
  await q.removeColumn('orders', 'reminded_at');
  await q.removeColumn('orders', 'promo_code_id');
  await q.removeColumn('waitlist', 'variant_label');
  await q.removeColumn('waitlist', 'channel_id');
}
