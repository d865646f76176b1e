import { randomInt } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Store } from './store.js';
import { mergeViewers, sharedPlatforms, type MergeCounts } from './viewer-merge.js';

export const LINK_CODE_TTL_MS = 10 * 60_000;
export const LINK_CODE_LENGTH = 6;
/** No 0/O, 1/I/L: a code read on a phone is typed on another device without guessing. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Six characters: 31^6 ≈ 8.9e8 codes, against a few live ones and a handful of tries per account. */
export function newLinkCode(pick: (n: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < LINK_CODE_LENGTH; i++) code += ALPHABET[pick(ALPHABET.length)];
  return code;
}

/** What a viewer types back: any case, with stray spaces or dashes ("k7p-2qx"). */
export function normalizeLinkCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** Who asked for a code and where, so the confirmation can reach them privately. */
export interface LinkAsker {
  viewerId: number;
  identityId: number;
  channelId: string;
}

/** The identity that asked for the code, as the outbox needs it. */
export interface LinkedAccount {
  platform: string;
  userId: string;
  name: string;
  channelId: string;
}

export type RedeemResult =
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'own-code' }
  | { kind: 'already-linked' }
  | { kind: 'same-platform'; platforms: string[] }
  | { kind: 'linked'; mergedViewerId: number; intoViewerId: number; asker: LinkedAccount; counts: MergeCounts };

type Db = Pick<Store, 'db' | 'models' | 'writes'>;

interface CodeRow {
  id: number;
  viewer_id: number;
  identity_id: number;
  channel_id: string;
  expires_at: number | string;
}

/**
 * Which show's codes: a code asked for in one show works only there, since shows run side by side
 * on one database are different sellers' (null: codes of no show, as the store tests use them).
 */
export interface LinkScope {
  showId?: string | null;
  ttlMs?: number;
}

/** Issues a fresh code for the viewer; their earlier code (in this show) stops working, and expired codes are swept. */
export function issueLinkCode(store: Db, asker: LinkAsker, now: number, scope: LinkScope = {}): Promise<{ code: string; expiresAt: number }> {
  const showId = scope.showId ?? null;
  return store.writes.run(async (t) => {
    const q = query(store.db, t);
    await q(
      `DELETE FROM link_codes WHERE (viewer_id = :viewerId AND ${sameShow}) OR expires_at < :now`,
      { viewerId: asker.viewerId, showId, now },
      QueryTypes.DELETE,
    );
    let code = newLinkCode();
    // A collision with a live code is rare (a few live codes among 8.9e8), but it must not link the wrong person.
    while ((await q<CodeRow>('SELECT id FROM link_codes WHERE code = :code', { code }, QueryTypes.SELECT)).length > 0) code = newLinkCode();
    const expiresAt = now + (scope.ttlMs ?? LINK_CODE_TTL_MS);
    await q(
      'INSERT INTO link_codes (code, show_id, viewer_id, identity_id, channel_id, created_at, expires_at) VALUES (:code, :showId, :viewerId, :identityId, :channelId, :now, :expiresAt)',
      { code, showId, ...asker, now, expiresAt },
      QueryTypes.INSERT,
    );
    return { code, expiresAt };
  });
}

/** Null matches null: a plain `=` never would. */
const sameShow = '(show_id = :showId OR (show_id IS NULL AND :showId IS NULL))';

/**
 * Uses a code typed by `identityId`: checks it and, if it holds, merges the typist's viewer into
 * the viewer who asked for it, all in one write transaction. A refused code stays usable (the
 * person may simply have typed it from the wrong account); a used one is gone.
 */
export function redeemLinkCode(store: Db, typed: string, identityId: number, now: number, showId: string | null = null): Promise<RedeemResult> {
  return store.writes.run(async (t): Promise<RedeemResult> => {
    const q = query(store.db, t);
    const code = normalizeLinkCode(typed);
    // Another show's code is unknown here: nobody learns from this show that it exists there.
    const [row] = await q<CodeRow>(
      `SELECT id, viewer_id, identity_id, channel_id, expires_at FROM link_codes WHERE code = :code AND ${sameShow}`,
      { code, showId },
      QueryTypes.SELECT,
    );
    if (!row) return { kind: 'unknown' };
    if (Number(row.expires_at) < now) {
      await q('DELETE FROM link_codes WHERE id = :id', { id: row.id }, QueryTypes.DELETE);
      return { kind: 'expired' };
    }
    if (Number(row.identity_id) === identityId) return { kind: 'own-code' };
    // Both viewers are read here, inside the transaction, never from a cache that may be stale.
    const asker = await store.models.Identity.findByPk(Number(row.identity_id), { transaction: t });
    const typist = await store.models.Identity.findByPk(identityId, { transaction: t });
    if (!asker || !typist) return { kind: 'unknown' };
    if (asker.viewerId === typist.viewerId) return { kind: 'already-linked' };
    const platforms = await sharedPlatforms(store.models, t, asker.viewerId, typist.viewerId);
    if (platforms.length > 0) return { kind: 'same-platform', platforms };
    await q('DELETE FROM link_codes WHERE id = :id', { id: row.id }, QueryTypes.DELETE);
    const counts = await mergeViewers(store, t, typist.viewerId, asker.viewerId);
    return {
      kind: 'linked',
      mergedViewerId: typist.viewerId,
      intoViewerId: asker.viewerId,
      asker: { platform: asker.platform, userId: asker.platformUserId, name: asker.displayName, channelId: row.channel_id },
      counts,
    };
  });
}

function query(db: Sequelize, t: Transaction) {
  return async <R extends object = Record<string, unknown>>(sql: string, replacements: Record<string, unknown>, type: QueryTypes): Promise<R[]> =>
    (await db.query(sql, { replacements, transaction: t, type, raw: true })) as unknown as R[];
}

/** One-time codes that link a viewer's accounts, as the linking feature uses them. */
export interface LinkCodes {
  issue(asker: LinkAsker, now: number): Promise<{ code: string; expiresAt: number }>;
  redeem(typed: string, identityId: number, now: number): Promise<RedeemResult>;
}

export function linkCodes(store: Db, showId: string): LinkCodes {
  return {
    issue: (asker, now) => issueLinkCode(store, asker, now, { showId }),
    redeem: (typed, identityId, now) => redeemLinkCode(store, typed, identityId, now, showId),
  };
}
