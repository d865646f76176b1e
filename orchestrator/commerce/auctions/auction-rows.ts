import { Op, type Transaction } from 'sequelize';
import type { AuctionRow } from '../../store/models-auctions.js';
import type { StoreAccess } from '../../store/store.js';
import type { Buyer } from '../order-types.js';
import type { AuctionStanding } from './bid-rules.js';
import { nextBid } from './increments.js';
import type { AuctionView } from './auction-types.js';

/** The standing a bid is decided against, as the auction's row holds it. */
export function standingOf(row: AuctionRow): AuctionStanding {
  return {
    state: row.state,
    startCents: row.startCents,
    priceCents: row.currentCents ?? undefined,
    highViewerId: row.highViewerId ?? undefined,
    highMaxCents: row.highMaxCents ?? undefined,
    endsAt: row.endsAt.getTime(),
    increments: row.rules.increments,
    antiSnipeMs: row.rules.antiSnipeMs,
    suddenDeath: row.rules.suddenDeath,
    reserveCents: row.rules.reserveCents,
  };
}

/** The row's columns for a standing (written once per batch of bids). */
export function standingColumns(s: AuctionStanding): Pick<AuctionRow, 'state' | 'currentCents' | 'highViewerId' | 'highMaxCents' | 'endsAt'> {
  return {
    state: s.state,
    currentCents: s.priceCents ?? null,
    highViewerId: s.highViewerId ?? null,
    highMaxCents: s.highMaxCents ?? null,
    endsAt: new Date(s.endsAt),
  };
}

export function viewOf(row: AuctionRow, highName: string | undefined): AuctionView {
  const s = standingOf(row);
  const reserve = row.rules.reserveCents;
  return {
    id: row.id,
    key: row.key,
    sku: row.sku,
    variant: row.variant,
    title: row.rules.title,
    currency: row.currency,
    state: row.state,
    startCents: row.startCents,
    priceCents: s.priceCents,
    nextCents: nextBid(s.increments, s.startCents, s.priceCents),
    highViewerId: s.highViewerId,
    highName: s.highViewerId === undefined ? undefined : highName,
    bids: row.bids,
    startedAt: row.startedAt.getTime(),
    endsAt: s.endsAt,
    pausedLeftMs: row.pausedLeftMs ?? undefined,
    suddenDeath: s.suddenDeath,
    antiSnipeMs: s.antiSnipeMs,
    buyNowCents: row.rules.buyNowCents,
    hasReserve: reserve !== undefined,
    reserveMet: reserve === undefined || (s.priceCents !== undefined && s.priceCents >= reserve),
    outcome: row.outcome ?? undefined,
  };
}

/** The auction of this show still running (open or paused), if any. */
export function runningAuction(store: StoreAccess, t: Transaction | undefined, showId: string): Promise<AuctionRow | null> {
  return store.models.Auction.findOne({
    where: { showId, state: { [Op.in]: ['open', 'paused'] } },
    order: [['id', 'DESC']],
    ...(t && { transaction: t, lock: t.LOCK.UPDATE }),
  });
}

/** A bidder as their last counted bid in this auction names them: where they are told, whose cart gets the item. */
export async function bidderOf(store: StoreAccess, t: Transaction, auctionId: number, viewerId: number): Promise<Buyer | undefined> {
  const bid = await store.models.Bid.findOne({
    where: { auctionId, viewerId, outcome: { [Op.ne]: 'refused' } },
    order: [['id', 'DESC']],
    transaction: t,
  });
  if (!bid) return undefined;
  const identity = await store.models.Identity.findByPk(bid.identityId, { transaction: t });
  if (!identity) return undefined;
  return {
    viewerId,
    identityId: identity.id,
    platform: identity.platform as Buyer['platform'],
    userId: identity.platformUserId,
    name: identity.displayName,
    channelId: bid.channelId,
  };
}

/** The highest maximum of anyone but the winner: who gets the second chance, at what they said they would pay. */
export async function runnerUpOf(
  store: StoreAccess,
  t: Transaction,
  auctionId: number,
  winnerId: number,
): Promise<{ viewerId: number; maxCents: number } | undefined> {
  const bids = await store.models.Bid.findAll({
    where: { auctionId, viewerId: { [Op.ne]: winnerId }, outcome: { [Op.ne]: 'refused' } },
    order: [
      ['maxCents', 'DESC'],
      ['id', 'ASC'],
    ],
    limit: 1,
    transaction: t,
  });
  const top = bids[0];
  return top ? { viewerId: top.viewerId, maxCents: top.maxCents } : undefined;
}
