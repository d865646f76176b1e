import type { InferCreationAttributes, Transaction } from 'sequelize';
import type { AuctionRow, BidRow } from '../../store/models-auctions.js';
import type { Outcome } from '../../store/write-queue.js';
import type { Buyer } from '../order-types.js';
import { bidderOf, runningAuction, standingColumns, standingOf } from './auction-rows.js';
import type { AuctionResult, AuctionWin } from './auction-types.js';
import { fileWin, lotOf, type WinFiling } from './auction-win.js';
import { decideBid, settle, type AuctionStanding, type BidAsk, type BidDecision } from './bid-rules.js';

/** One thing done to the running auction, in the order things arrived. */
export type AuctionOp =
  | { kind: 'bid'; buyer: Buyer; ask: BidAsk; showMs: number | null }
  | { kind: 'buy-now'; buyer: Buyer; at: number; showMs: number | null }
  /** The clock ran out (`early` undefined), or the seller ends it now. */
  | { kind: 'close'; at: number; early?: { sell: boolean } }
  | { kind: 'pause'; at: number }
  | { kind: 'resume'; at: number };

export type OpOutcome =
  | { kind: 'bid'; decision: BidDecision }
  | { kind: 'buy-now'; win: AuctionWin | undefined; refused?: 'not-open' | 'no-buy-now' }
  | { kind: 'closed'; result: AuctionResult }
  /** The clock was put back by a bid that came first: not over yet. */
  | { kind: 'not-yet' }
  | { kind: 'paused' }
  | { kind: 'resumed' }
  | { kind: 'none' };

/** A batch's effect, shared by all its members: the row as committed. */
export interface BatchResult {
  row: AuctionRow | undefined;
  /** How the auction ended, when this batch ended it. */
  result?: AuctionResult;
}

type BidValues = Omit<InferCreationAttributes<BidRow>, 'id'>;

/**
 * Decides a batch of ops against the running auction inside one write transaction: the row is
 * read (and locked) once, each op is decided by the pure rules in arrival order, every bid is
 * written, refused ones too, and the row is written once. Filing the winner's cart happens in
 * the same transaction as the end, so an auction is never sold without its cart line.
 */
export async function runAuctionBatch(
  f: WinFiling & { showId: string },
  t: Transaction,
  ops: readonly AuctionOp[],
): Promise<Array<Outcome<{ out: OpOutcome; batch: BatchResult }>>> {
  const row = await runningAuction(f.store, t, f.showId);
  const batch: BatchResult = { row: row ?? undefined };
  if (!row) return ops.map(() => ({ ok: true, value: { out: { kind: 'none' }, batch } }));
  let s = standingOf(row);
  let counted = row.bids;
  let pausedLeftMs = row.pausedLeftMs;
  const ended: Partial<Pick<AuctionRow, 'endedAt' | 'outcome' | 'winnerOrderId'>> = {};
  let bids: BidValues[] = [];
  const flush = async () => {
    if (bids.length > 0) await f.store.models.Bid.bulkCreate(bids, { transaction: t });
    bids = [];
  };
  const bidRow = (
    buyer: Buyer,
    at: number,
    showMs: number | null,
    values: Pick<BidValues, 'amountCents' | 'maxCents' | 'kind' | 'priceCents' | 'outcome' | 'reason'>,
  ) =>
    bids.push({
      auctionId: row.id,
      viewerId: buyer.viewerId,
      identityId: buyer.identityId,
      channelId: buyer.channelId,
      platform: buyer.platform,
      at: new Date(at),
      showMs,
      ...values,
    });
  const end = async (result: AuctionResult, at: number, outcome: string): Promise<AuctionResult> => {
    s = { ...s, state: result.kind };
    Object.assign(ended, { endedAt: new Date(at), outcome, ...(result.kind === 'sold' && { winnerOrderId: result.win.order.id }) });
    batch.result = result;
    return result;
  };
  const sell = async (at: number, standing: AuctionStanding, outcome: string): Promise<AuctionResult> => {
    const settled = settle(standing);
    if (settled.kind === 'unsold') return end(settled, at, settled.reason);
    await flush();
    const buyer = await bidderOf(f.store, t, row.id, settled.viewerId);
    const win = buyer && (await fileWin(f, t, lotOf(row), buyer, settled.priceCents));
    return win ? end({ kind: 'sold', win, priceCents: settled.priceCents }, at, outcome) : end({ kind: 'unsold', reason: 'no-stock' }, at, 'no-stock');
  };

  const outcomes: OpOutcome[] = [];
  for (const op of ops) {
    if (op.kind === 'bid') {
      const { decision, next } = decideBid(s, op.ask);
      s = next;
      const amount = op.ask.cents ?? 0;
      if (decision.kind === 'refused') {
        bidRow(op.buyer, op.ask.at, op.showMs, {
          amountCents: amount,
          maxCents: amount,
          kind: op.ask.kind,
          priceCents: null,
          outcome: 'refused',
          reason: decision.reason,
        });
      } else {
        counted++;
        const values = {
          amountCents: decision.amountCents,
          maxCents: decision.maxCents,
          kind: op.ask.kind,
          priceCents: decision.priceCents,
          outcome: decision.kind,
          reason: null,
        };
        bidRow(op.buyer, op.ask.at, op.showMs, values);
      }
      outcomes.push({ kind: 'bid', decision });
    } else if (op.kind === 'buy-now') {
      const price = row.rules.buyNowCents;
      if (s.state !== 'open' || op.at >= s.endsAt) outcomes.push({ kind: 'buy-now', win: undefined, refused: 'not-open' });
      else if (price === undefined || (s.priceCents !== undefined && s.priceCents >= price))
        outcomes.push({ kind: 'buy-now', win: undefined, refused: 'no-buy-now' });
      else {
        bidRow(op.buyer, op.at, op.showMs, { amountCents: price, maxCents: price, kind: 'buy-now', priceCents: price, outcome: 'leading', reason: null });
        counted++;
        s = { ...s, priceCents: price, highViewerId: op.buyer.viewerId, highMaxCents: price };
        const result = await sell(op.at, s, 'buy-now');
        outcomes.push({ kind: 'buy-now', win: result.kind === 'sold' ? result.win : undefined });
      }
    } else if (op.kind === 'close') {
      if (s.state !== 'open' && s.state !== 'paused') outcomes.push({ kind: 'none' });
      else if (!op.early && (s.state === 'paused' || op.at < s.endsAt)) outcomes.push({ kind: 'not-yet' });
      else if (op.early && !op.early.sell)
        outcomes.push({ kind: 'closed', result: await end({ kind: 'unsold', reason: 'ended-early' }, op.at, 'ended-early') });
      else outcomes.push({ kind: 'closed', result: await sell(op.at, s, op.early ? 'ended-early' : 'bids') });
    } else if (op.kind === 'pause') {
      if (s.state === 'open') [s, pausedLeftMs] = [{ ...s, state: 'paused' }, Math.max(0, s.endsAt - op.at)];
      outcomes.push(s.state === 'paused' ? { kind: 'paused' } : { kind: 'none' });
    } else {
      if (s.state === 'paused') [s, pausedLeftMs] = [{ ...s, state: 'open', endsAt: op.at + (pausedLeftMs ?? 0) }, null];
      outcomes.push(s.state === 'open' ? { kind: 'resumed' } : { kind: 'none' });
    }
  }
  await flush();
  await row.update({ ...standingColumns(s), bids: counted, pausedLeftMs, ...ended }, { transaction: t });
  return outcomes.map((out) => ({ ok: true, value: { out, batch } }));
}
