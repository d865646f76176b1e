import { describe, expect, it } from 'vitest';
import { Auction } from '../../config/schema/auctions.js';
import { decideBid, settle, type AuctionStanding, type BidAsk } from '../../orchestrator/commerce/auctions/bid-rules.js';
import { incrementTable, nextBid, stepAt } from '../../orchestrator/commerce/auctions/increments.js';
import { toCents } from '../../orchestrator/store/catalog-sync.js';

const TABLE = incrementTable(
  [
    { from: 0, step: 1 },
    { from: 50, step: 5 },
    { from: 200, step: 10 },
  ],
  toCents,
);

function standing(over: Partial<AuctionStanding> = {}): AuctionStanding {
  return {
    state: 'open',
    startCents: 1000,
    priceCents: undefined,
    highViewerId: undefined,
    highMaxCents: undefined,
    endsAt: 30_000,
    increments: TABLE,
    antiSnipeMs: 10_000,
    suddenDeath: false,
    reserveCents: undefined,
    ...over,
  };
}

/** Bids in arrival order, each against the standing the one before left. */
function run(asks: Array<Partial<BidAsk> & Pick<BidAsk, 'viewerId'>>, start = standing()) {
  let s = start;
  const decisions = asks.map((a, i) => {
    const { decision, next } = decideBid(s, { kind: 'bid', cents: undefined, at: 1000 + i, ...a });
    s = next;
    return decision;
  });
  return { decisions, s };
}

describe('the increment table', () => {
  it('GIVEN a table of steps WHEN the step at a price is asked THEN the row at or below the price applies, its boundary included', () => {
    expect(stepAt(TABLE, 0)).toBe(100);
    expect(stepAt(TABLE, 4999)).toBe(100);
    expect(stepAt(TABLE, 5000)).toBe(500);
    expect(stepAt(TABLE, 19_999)).toBe(500);
    expect(stepAt(TABLE, 20_000)).toBe(1000);
    expect(stepAt(TABLE, 10_000_000)).toBe(1000);
  });

  it('GIVEN no bid yet WHEN the next bid is asked THEN it is the start; after a bid, one step above the price', () => {
    expect(nextBid(TABLE, 1000, undefined)).toBe(1000);
    expect(nextBid(TABLE, 1000, 4900)).toBe(5000);
    expect(nextBid(TABLE, 1000, 5000)).toBe(5500);
  });

  it('GIVEN the show file WHEN an auction leaves out its table or gives a bad one THEN the default applies, or the error names the row', () => {
    const plain = Auction.parse({ sku: 'MUG', start: 5 });
    expect(plain.increments[0]).toEqual({ from: 0, step: 1 });
    expect(plain).toMatchObject({ duration: 30_000, antiSnipe: 10_000, suddenDeath: false });
    const bad = Auction.safeParse({
      sku: 'MUG',
      start: 5,
      increments: [
        { from: 0, step: 1 },
        { from: 0, step: 2 },
      ],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['increments', 1, 'from'], message: 'each step starts above the one before' });
    expect(Auction.safeParse({ sku: 'MUG', start: 5, buyNow: 4 }).error?.issues[0]?.path).toEqual(['buyNow']);
  });
});

describe('deciding a bid', () => {
  it('GIVEN an open auction WHEN bids arrive THEN the first is the start, one below the next step is refused with the amount needed', () => {
    const { decisions, s } = run([{ viewerId: 1 }, { viewerId: 2, cents: 1050 }, { viewerId: 2, cents: 1100 }]);
    expect(decisions[0]).toMatchObject({ kind: 'leading', priceCents: 1000 });
    expect(decisions[1]).toEqual({ kind: 'refused', reason: 'too-low', neededCents: 1100 });
    expect(decisions[2]).toMatchObject({ kind: 'leading', priceCents: 1100, outbid: 1 });
    expect(s).toMatchObject({ priceCents: 1100, highViewerId: 2 });
  });

  it('GIVEN a proxy of 45 WHEN another bids 20 THEN the proxy answers one step above, and a higher maximum wins one step above the other, capped at its own', () => {
    const { decisions, s } = run([
      { viewerId: 1, kind: 'max', cents: 4500 },
      { viewerId: 2, cents: 2000 },
      { viewerId: 3, kind: 'max', cents: 4550 },
    ]);
    expect(decisions[0]).toMatchObject({ kind: 'leading', priceCents: 1000, maxCents: 4500 });
    expect(decisions[1]).toMatchObject({ kind: 'outbid', priceCents: 2100 });
    // One step above 45 would be 46; 45.50 is all viewer 3 allowed.
    expect(decisions[2]).toMatchObject({ kind: 'leading', priceCents: 4550, outbid: 1 });
    expect(s).toMatchObject({ highViewerId: 3, highMaxCents: 4550 });
  });

  it('GIVEN two equal maximums WHEN the second arrives THEN the earlier keeps the lead at that amount', () => {
    const { decisions, s } = run([
      { viewerId: 1, kind: 'max', cents: 3000 },
      { viewerId: 2, kind: 'max', cents: 3000 },
    ]);
    expect(decisions[1]).toMatchObject({ kind: 'outbid', priceCents: 3000 });
    expect(s.highViewerId).toBe(1);
  });

  it('GIVEN the leader WHEN they bid again THEN a plain bid is refused, a higher maximum is kept and the price stays', () => {
    const { decisions, s } = run([{ viewerId: 1 }, { viewerId: 1 }, { viewerId: 1, kind: 'max', cents: 5000 }, { viewerId: 1, kind: 'max', cents: 4000 }]);
    expect(decisions[1]).toMatchObject({ kind: 'refused', reason: 'already-high' });
    expect(decisions[2]).toMatchObject({ kind: 'raised', priceCents: 1000, maxCents: 5000 });
    expect(decisions[3]).toMatchObject({ kind: 'refused', reason: 'max-not-higher' });
    expect(s).toMatchObject({ priceCents: 1000, highMaxCents: 5000 });
  });

  it('GIVEN 25 s left WHEN a bid comes THEN the clock stands; in the last 10 s it goes back to 10 s; sudden death never extends', () => {
    expect(decideBid(standing(), { viewerId: 1, kind: 'bid', cents: undefined, at: 5_000 }).next.endsAt).toBe(30_000);
    const late = decideBid(standing(), { viewerId: 1, kind: 'bid', cents: undefined, at: 27_000 });
    expect([late.decision, late.next.endsAt]).toEqual([expect.objectContaining({ extendedTo: 37_000 }), 37_000]);
    expect(decideBid(standing({ suddenDeath: true }), { viewerId: 1, kind: 'bid', cents: undefined, at: 29_999 }).next.endsAt).toBe(30_000);
  });

  it('GIVEN the clock at its end WHEN a bid arrives at that very moment or a paused auction gets one THEN it is refused', () => {
    expect(decideBid(standing(), { viewerId: 1, kind: 'bid', cents: undefined, at: 30_000 }).decision).toEqual({ kind: 'refused', reason: 'ended' });
    expect(decideBid(standing({ state: 'paused' }), { viewerId: 1, kind: 'bid', cents: undefined, at: 1 }).decision).toEqual({
      kind: 'refused',
      reason: 'paused',
    });
  });

  it('GIVEN a reserve of 30 WHEN a maximum reaches it THEN the price rises to the reserve; below it the auction ends unsold', () => {
    const reserve = standing({ reserveCents: 3000 });
    expect(settle(run([{ viewerId: 1, kind: 'max', cents: 2500 }], reserve).s)).toEqual({ kind: 'unsold', reason: 'reserve' });
    const met = run([{ viewerId: 1, kind: 'max', cents: 3500 }], reserve).s;
    expect(settle(met)).toEqual({ kind: 'sold', viewerId: 1, priceCents: 3000 });
    expect(settle(standing())).toEqual({ kind: 'unsold', reason: 'no-bids' });
  });
});
