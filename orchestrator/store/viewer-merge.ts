import { Op, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Models } from './models.js';
import type { StoreAccess } from './store.js';

/**
 * Every column that points at a viewer, as `table.column`. `mergeViewers` handles each one; a
 * schema test fails when a migration adds another, so a new table cannot be forgotten here.
 * (`events.viewer_id` is no foreign key: the event log is history and keeps the old id.)
 */
export const VIEWER_REFERENCES: readonly string[] = [
  'ambassadors.viewer_id',
  'auctions.high_viewer_id',
  'auctions.runner_up_viewer_id',
  'bids.viewer_id',
  'carts.viewer_id',
  'giveaway_entries.viewer_id',
  'giveaways.winner_viewer_id',
  'identities.viewer_id',
  'link_codes.viewer_id',
  'orders.viewer_id',
  'redemptions.viewer_id',
  'tips.viewer_id',
  'viewers.merged_into',
  'votes.viewer_id',
  'waitlist.viewer_id',
];

/** What a merge moved, for the log and the `viewer.linked` event. */
export interface MergeCounts {
  identities: number;
  orders: number;
  carts: number;
  waitlist: number;
  redemptions: number;
  tips: number;
  votesMoved: number;
  /** Polls both had voted in: the kept viewer's vote stands. */
  votesDropped: number;
  ambassadorsMoved: number;
  /** Shows where both were ambassadors: codes and commissions moved to the kept row. */
  ambassadorsFolded: number;
  promoCodes: number;
  commissions: number;
}

/**
 * Makes viewer `from` part of viewer `into`, inside the caller's write transaction (call it from
 * `store.writes.run`, together with whatever checks decided the merge, so both see one state).
 * Everything the person did follows them; the `from` row stays, marked `merged_into`, because
 * the append-only event log still names it.
 */
export async function mergeViewers(store: Pick<StoreAccess, 'db' | 'models'>, t: Transaction, from: number, into: number): Promise<MergeCounts> {
  if (from === into) throw new Error(`cannot merge viewer ${from} into itself`);
  const { db, models } = store;
  const { Identity, Order, WaitlistEntry, Redemption } = models;
  await assertLive(db, t, [from, into]);
  const move = { transaction: t, where: { viewerId: from } };
  const [identities] = await Identity.update({ viewerId: into }, move);
  const [orders] = await Order.update({ viewerId: into }, move);
  // Two open carts of one person stay two until one is paid or ends; neither loses a line.
  const [carts] = await models.Cart.update({ viewerId: into }, move);
  const [waitlist] = await WaitlistEntry.update({ viewerId: into }, move);
  // Per-viewer code limits count redemptions, so they follow the person with these rows.
  const [redemptions] = await Redemption.update({ viewerId: into }, move);
  // Raw SQL: the tip model belongs to commerce, and a tip needs nothing but its owner changed.
  const [, tips] = (await db.query('UPDATE tips SET viewer_id = :into WHERE viewer_id = :from', {
    replacements: { from, into },
    transaction: t,
    type: QueryTypes.UPDATE,
  })) as unknown as [unknown, number];
  // Linked accounts are one bidder: their bids, and a lead they hold, follow the person.
  for (const sql of [
    'UPDATE bids SET viewer_id = :into WHERE viewer_id = :from',
    'UPDATE auctions SET high_viewer_id = :into WHERE high_viewer_id = :from',
    'UPDATE auctions SET runner_up_viewer_id = :into WHERE runner_up_viewer_id = :from',
  ]) {
    await db.query(sql, { replacements: { from, into }, transaction: t, type: QueryTypes.UPDATE });
  }
  // One entry per person per giveaway: where both entered, the kept viewer's entry stands.
  for (const sql of [
    'UPDATE giveaways SET entries = entries - 1 WHERE id IN (SELECT a.giveaway_id FROM giveaway_entries a JOIN giveaway_entries b ON a.giveaway_id = b.giveaway_id WHERE a.viewer_id = :from AND b.viewer_id = :into)',
    'DELETE FROM giveaway_entries WHERE viewer_id = :from AND giveaway_id IN (SELECT giveaway_id FROM giveaway_entries WHERE viewer_id = :into)',
    'UPDATE giveaway_entries SET viewer_id = :into WHERE viewer_id = :from',
    'UPDATE giveaways SET winner_viewer_id = :into WHERE winner_viewer_id = :from',
  ]) {
    await db.query(sql, { replacements: { from, into }, transaction: t });
  }
  const votes = await mergeVotes(models, t, from, into);
  const ambassadors = await mergeAmbassadors(models, t, from, into);
  // A code the merged viewer asked for would otherwise link people to a viewer that is gone.
  await db.query('DELETE FROM link_codes WHERE viewer_id = :from', { replacements: { from }, transaction: t, type: QueryTypes.DELETE });
  // Earlier merges into `from` now point at `into`: merged_into never forms a chain.
  await db.query('UPDATE viewers SET merged_into = :into WHERE id = :from OR merged_into = :from', {
    replacements: { from, into },
    transaction: t,
    type: QueryTypes.UPDATE,
  });
  return { identities, orders, carts, waitlist, redemptions, tips, ...votes, ...ambassadors };
}

/** Platforms both viewers have an identity on; one person has one account per platform here. */
export async function sharedPlatforms(models: Pick<Models, 'Identity'>, t: Transaction, a: number, b: number): Promise<string[]> {
  const rows = await models.Identity.findAll({ attributes: ['viewerId', 'platform'], where: { viewerId: { [Op.in]: [a, b] } }, transaction: t });
  const of = (v: number) => new Set(rows.filter((r) => r.viewerId === v).map((r) => r.platform));
  const bs = of(b);
  return [...of(a)].filter((p) => bs.has(p)).sort();
}

async function assertLive(db: Sequelize, t: Transaction, ids: number[]): Promise<void> {
  const rows = await db.query<{ id: number; merged_into: number | null }>('SELECT id, merged_into FROM viewers WHERE id IN (:ids)', {
    replacements: { ids },
    transaction: t,
    type: QueryTypes.SELECT,
  });
  for (const id of ids) {
    const row = rows.find((r) => Number(r.id) === id);
    if (!row) throw new Error(`viewer ${id} does not exist`);
    if (row.merged_into !== null) throw new Error(`viewer ${id} was already merged into ${row.merged_into}`);
  }
}

/** One vote per viewer per poll (a unique index): where both voted, the kept viewer's vote stands. */
async function mergeVotes({ Vote }: Pick<Models, 'Vote'>, t: Transaction, from: number, into: number): Promise<{ votesMoved: number; votesDropped: number }> {
  const kept = await Vote.findAll({ attributes: ['pollId'], where: { viewerId: into }, transaction: t });
  const polls = kept.map((v) => v.pollId);
  const votesDropped = polls.length > 0 ? await Vote.destroy({ where: { viewerId: from, pollId: { [Op.in]: polls } }, transaction: t }) : 0;
  const [votesMoved] = await Vote.update({ viewerId: into }, { where: { viewerId: from }, transaction: t });
  return { votesMoved, votesDropped };
}

/**
 * One ambassador row per viewer per show (a unique index). Where both had one, the kept viewer's
 * row (and its commission rate) stays; the other's codes and commissions move onto it, so every
 * code anyone was given keeps working and paying the same person.
 */
async function mergeAmbassadors(
  { Ambassador, PromoCode, Commission }: Pick<Models, 'Ambassador' | 'PromoCode' | 'Commission'>,
  t: Transaction,
  from: number,
  into: number,
): Promise<{ ambassadorsMoved: number; ambassadorsFolded: number; promoCodes: number; commissions: number }> {
  const counts = { ambassadorsMoved: 0, ambassadorsFolded: 0, promoCodes: 0, commissions: 0 };
  for (const row of await Ambassador.findAll({ where: { viewerId: from }, order: [['id', 'ASC']], transaction: t })) {
    const kept = await Ambassador.findOne({ where: { showId: row.showId, viewerId: into }, transaction: t });
    if (!kept) {
      await row.update({ viewerId: into }, { transaction: t });
      counts.ambassadorsMoved++;
      continue;
    }
    const onto = { transaction: t, where: { ambassadorId: row.id } };
    counts.promoCodes += (await PromoCode.update({ ambassadorId: kept.id }, onto))[0];
    counts.commissions += (await Commission.update({ ambassadorId: kept.id }, onto))[0];
    await row.destroy({ transaction: t });
    counts.ambassadorsFolded++;
  }
  return counts;
}
