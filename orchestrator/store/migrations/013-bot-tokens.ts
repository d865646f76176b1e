import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Bot tokens shared by several showcart processes (shows side by side on one database): who sends
 * with a token now, so each keeps to its part of the platform's per-bot limits, and the logins
 * made with it, so together they stay under a platform's daily login budget (Discord: 1,000).
 * A token is stored only as a fingerprint (a truncated SHA-256), never itself.
 */
export async function up({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.createTable('bot_sessions', {
    instance: { type: DataTypes.STRING(40), primaryKey: true },
    token_key: { type: DataTypes.STRING(32), allowNull: false },
    platform: { type: DataTypes.STRING(16), allowNull: false },
    show_id: { type: DataTypes.STRING(64), allowNull: false },
    seen_at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await q.addIndex('bot_sessions', ['token_key', 'seen_at']);
  await q.createTable('bot_logins', {
    id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    token_key: { type: DataTypes.STRING(32), allowNull: false },
    at: { type: DataTypes.BIGINT, allowNull: false },
  });
  await q.addIndex('bot_logins', ['token_key', 'at']);
}

export async function down({ context: q }: { context: QueryInterface }): Promise<void> {
  await q.dropTable('bot_logins');
  await q.dropTable('bot_sessions');
}
