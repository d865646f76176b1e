import { randomBytes } from 'node:crypto';
import { QueryTypes, type Transaction } from 'sequelize';
import type { StoreAccess } from '../../store/store.js';
import { newPublicId } from '../order-plan.js';
import type { Buyer } from '../order-types.js';
import type { CartHoldPolicy } from './cart-types.js';

/** A buyer who gets lines in a cart; `offer`: stock handed on from the waitlist, which gets a full hold whatever the cap. */
export interface CartWant {
  buyer: Buyer;
  currency: string;
  offer?: boolean;
}

/** A cart as the order path needs it to file lines. */
export interface CartRow {
  id: number;
  publicId: string;
  token: string;
  currency: string;
  holdExpiresAt: Date | null;
}

interface OpenCartRow {
  id: number;
  public_id: string;
  token: string;
  viewer_id: number;
  currency: string;
  hold_started_at: string | Date | null;
  hold_expires_at: string | Date | null;
}

const keyOf = (viewerId: number, currency: string) => `${viewerId}\u0000${currency}`;
const asDate = (v: string | Date | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

/** 128 random bits, URL-safe: the checkout link's key. */
export const newCartToken = (): string => randomBytes(16).toString('base64url');

/**
 * Finds or opens the cart of each want (one per buyer and currency) and extends its hold, inside
 * the caller's transaction: one read, one insert for new carts, one update for the rest, however
 * many buys a batch holds. Returns the cart of each want, in order.
 */
export async function cartsFor(
  store: StoreAccess,
  t: Transaction,
  showId: string,
  wants: CartWant[],
  policy: CartHoldPolicy,
  now = Date.now(),
): Promise<CartRow[]> {
  if (wants.length === 0) return [];
  const viewerIds = [...new Set(wants.map((w) => w.buyer.viewerId))];
  const open = await store.db.query<OpenCartRow>(
    `SELECT id, public_id, token, viewer_id, currency, hold_started_at, hold_expires_at FROM carts
      WHERE show_id = :showId AND status = 'open' AND viewer_id IN (:viewerIds) ORDER BY id DESC`,
    { replacements: { showId, viewerIds }, transaction: t, type: QueryTypes.SELECT },
  );
  const found = new Map<string, OpenCartRow>();
  for (const row of open) if (!found.has(keyOf(Number(row.viewer_id), row.currency))) found.set(keyOf(Number(row.viewer_id), row.currency), row);

  // The last want of each cart decides where the buyer is told, and whether this is an offer.
  const last = new Map<string, CartWant>();
  for (const w of wants) {
    const key = keyOf(w.buyer.viewerId, w.currency);
    const seen = last.get(key);
    last.set(key, { ...w, offer: (seen?.offer ?? false) || (w.offer ?? false) });
  }
  const carts = new Map<string, CartRow>();
  const fresh = [...last].filter(([key]) => !found.has(key));
  if (fresh.length > 0) {
    const expires = policy.holdMs === undefined ? null : new Date(now + policy.holdMs);
    const rows = fresh.map(([, w]) => ({
      publicId: newPublicId(),
      token: newCartToken(),
      showId,
      viewerId: w.buyer.viewerId,
      identityId: w.buyer.identityId,
      channelId: w.buyer.channelId,
      status: 'open' as const,
      currency: w.currency,
      holdStartedAt: new Date(now),
      holdExpiresAt: expires,
    }));
    const made = await store.models.Cart.bulkCreate(rows, { transaction: t });
    fresh.forEach(([key], k) =>
      carts.set(key, { id: made[k]!.id, publicId: rows[k]!.publicId, token: rows[k]!.token, currency: rows[k]!.currency, holdExpiresAt: expires }),
    );
  }
  const extended: Array<{ id: number; expires: Date | null; identityId: number; channelId: string }> = [];
  for (const [key, row] of found) {
    const w = last.get(key)!;
    const current = asDate(row.hold_expires_at);
    let expires: Date | null = null;
    if (policy.holdMs !== undefined) {
      const started = asDate(row.hold_started_at)?.getTime() ?? now;
      const wanted = w.offer ? now + policy.holdMs : Math.min(now + policy.holdMs, started + policy.holdMaxMs);
      expires = new Date(Math.max(current?.getTime() ?? 0, wanted));
    }
    extended.push({ id: Number(row.id), expires, identityId: w.buyer.identityId, channelId: w.buyer.channelId });
    carts.set(key, { id: Number(row.id), publicId: row.public_id, token: row.token, currency: row.currency, holdExpiresAt: expires });
  }
  await extendHolds(store, t, extended, now);
  return wants.map((w) => carts.get(keyOf(w.buyer.viewerId, w.currency))!);
}

/** One UPDATE for every cart a batch touched: its new expiry and the account the buyer last used. */
async function extendHolds(
  store: StoreAccess,
  t: Transaction,
  carts: Array<{ id: number; expires: Date | null; identityId: number; channelId: string }>,
  now: number,
): Promise<void> {
  if (carts.length === 0) return;
  const replacements: Record<string, unknown> = { ids: carts.map((c) => c.id), now: new Date(now) };
  const cases = { expires: [] as string[], identity: [] as string[], channel: [] as string[] };
  // A CASE of bare parameters is text to PostgreSQL, which will not put text in a timestamp column;
  // SQLite keeps dates as text and would turn the same CAST into a number.
  const stamp = store.db.getDialect() === 'postgres' ? (p: string) => `CAST(${p} AS TIMESTAMPTZ)` : (p: string) => p;
  carts.forEach((c, i) => {
    replacements[`id${i}`] = c.id;
    replacements[`e${i}`] = c.expires;
    replacements[`i${i}`] = c.identityId;
    replacements[`c${i}`] = c.channelId;
    cases.expires.push(`WHEN :id${i} THEN ${stamp(`:e${i}`)}`);
    cases.identity.push(`WHEN :id${i} THEN :i${i}`);
    cases.channel.push(`WHEN :id${i} THEN :c${i}`);
  });
  await store.db.query(
    `UPDATE carts SET hold_expires_at = CASE id ${cases.expires.join(' ')} END,
                      identity_id = CASE id ${cases.identity.join(' ')} END,
                      channel_id = CASE id ${cases.channel.join(' ')} END,
                      updated_at = :now
      WHERE id IN (:ids)`,
    { replacements, transaction: t, type: QueryTypes.UPDATE },
  );
}

/** Every held line of these carts runs out with its cart. */
export async function syncLineHolds(store: StoreAccess, t: Transaction, cartIds: number[]): Promise<void> {
  if (cartIds.length === 0) return;
  await store.db.query(
    `UPDATE orders SET hold_expires_at = (SELECT c.hold_expires_at FROM carts c WHERE c.id = orders.cart_id)
      WHERE cart_id IN (:cartIds) AND status = 'held'`,
    { replacements: { cartIds: [...new Set(cartIds)] }, transaction: t, type: QueryTypes.UPDATE },
  );
}

/** Lines and item totals of carts, for the reply to a buy. */
export async function cartTotals(store: StoreAccess, t: Transaction, cartIds: number[]): Promise<Map<number, { lines: number; itemsCents: number }>> {
  if (cartIds.length === 0) return new Map();
  const rows = await store.db.query<{ cart_id: number; n: number | string; s: number | string | null }>(
    `SELECT cart_id, COUNT(*) AS n, SUM(total_cents) AS s FROM orders WHERE cart_id IN (:cartIds) AND status IN ('held', 'pending') GROUP BY cart_id`,
    { replacements: { cartIds: [...new Set(cartIds)] }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [Number(r.cart_id), { lines: Number(r.n), itemsCents: Number(r.s ?? 0) }]));
}
