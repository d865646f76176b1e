import { createHash } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import type { StoreAccess } from './store.js';

/** A token's fingerprint: the same for every process that uses the token, and no way back to it. */
export function tokenKey(platform: string, token: string): string {
  return createHash('sha256').update(`${platform}\0${token}`).digest('hex').slice(0, 32);
}

export interface BotSession {
  instance: string;
  tokenKey: string;
  platform: string;
  showId: string;
}

/** This process sends with the token now (called every few seconds while it does). */
export async function touchBotSession(store: Pick<StoreAccess, 'db' | 'writes'>, s: BotSession, now: number): Promise<void> {
  await store.writes.run(async (t) => {
    await store.db.query('DELETE FROM bot_sessions WHERE instance = :instance', { replacements: { instance: s.instance }, transaction: t });
    await store.db.query('INSERT INTO bot_sessions (instance, token_key, platform, show_id, seen_at) VALUES (:instance, :tokenKey, :platform, :showId, :now)', {
      replacements: { ...s, now },
      transaction: t,
    });
  });
}

/** How many processes sent with the token since `since` (this one included once it touched). */
export async function liveBotSessions(store: Pick<StoreAccess, 'db'>, key: string, since: number): Promise<number> {
  const [row] = await store.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM bot_sessions WHERE token_key = :key AND seen_at > :since', {
    replacements: { key, since },
    type: QueryTypes.SELECT,
  });
  return Number(row?.n ?? 0);
}

export async function dropBotSessions(store: Pick<StoreAccess, 'db' | 'writes'>, instances: string[]): Promise<void> {
  if (instances.length === 0) return;
  await store.writes.run((t) => store.db.query('DELETE FROM bot_sessions WHERE instance IN (:instances)', { replacements: { instances }, transaction: t }));
}

/**
 * Counts one login with the token if the budget of the last `windowMs` allows it; otherwise says
 * when the oldest login ages out. Serialized per token: SQLite's write transactions already are,
 * PostgreSQL takes a transaction-scoped advisory lock on the fingerprint.
 */
export async function takeBotLogin(
  store: Pick<StoreAccess, 'db' | 'writes'>,
  key: string,
  budget: number,
  windowMs: number,
  now: number,
): Promise<{ ok: true; used: number } | { ok: false; retryAt: number }> {
  return store.writes.run(async (t) => {
    if (store.db.getDialect() === 'postgres') await store.db.query('SELECT pg_advisory_xact_lock(hashtext(:key))', { replacements: { key }, transaction: t });
    const since = now - windowMs;
    await store.db.query('DELETE FROM bot_logins WHERE token_key = :key AND at <= :since', { replacements: { key, since }, transaction: t });
    const rows = await store.db.query<{ at: number | string }>('SELECT at FROM bot_logins WHERE token_key = :key ORDER BY at', {
      replacements: { key },
      transaction: t,
      type: QueryTypes.SELECT,
    });
    if (rows.length >= budget) return { ok: false as const, retryAt: Number(rows[rows.length - budget]!.at) + windowMs };
    await store.db.query('INSERT INTO bot_logins (token_key, at) VALUES (:key, :now)', { replacements: { key, now }, transaction: t });
    return { ok: true as const, used: rows.length + 1 };
  });
}
