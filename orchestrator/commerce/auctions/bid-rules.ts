import { nextBid, stepAt, type IncrementRow } from './increments.js';

/** What a bid is decided against: one auction's standing, as its row holds it. */
export interface AuctionStanding {
  state: 'open' | 'paused' | 'sold' | 'unsold';
  startCents: number;
  /** The standing price; undefined before the first bid. */
  priceCents: number | undefined;
  highViewerId: number | undefined;
  highMaxCents: number | undefined;
  endsAt: number;
  increments: readonly IncrementRow[];
  antiSnipeMs: number;
  suddenDeath: boolean;
  reserveCents: number | undefined;
}

/**
 * A bid as typed: `bid` with an amount (or none: the next step), `max` a proxy that bids for the
 * viewer up to `maxCents`. Viewer ids are the directory's, so linked accounts are one bidder.
 */
export interface BidAsk {
  viewerId: number;
  kind: 'bid' | 'max';
  /** For `bid`: the amount; undefined means the next step. For `max`: the maximum. */
  cents: number | undefined;
  /** When it arrived; bids are decided in arrival order. */
  at: number;
}

export type BidRefusal = 'not-open' | 'paused' | 'ended' | 'too-low' | 'already-high' | 'max-not-higher';

export type BidDecision =
  /** The bidder leads; `outbid` is who led before (to be told), when someone else did. */
  | { kind: 'leading'; priceCents: number; amountCents: number; maxCents: number; outbid?: number; extendedTo?: number }
  /** The bid counted, and the leader's maximum answered it at once. */
  | { kind: 'outbid'; priceCents: number; amountCents: number; maxCents: number; extendedTo?: number }
  /** The leader raised their own maximum; the price stays. */
  | { kind: 'raised'; priceCents: number; amountCents: number; maxCents: number }
  | { kind: 'refused'; reason: BidRefusal; neededCents?: number };

/**
 * The one rule for a bid, without a database: eBay-style proxy bidding. Every bid carries a
 * maximum (a plain bid's is its amount). A challenger whose maximum beats the leader's leads at
 * one step above the leader's maximum, capped at its own; otherwise the leader's proxy answers
 * at one step above the challenger, capped at the leader's maximum, and an equal maximum stays
 * with the earlier bid. A bid in the anti-snipe window resets the clock to the window, unless
 * the auction is sudden death. Returns the decision and the standing after it.
 */
export function decideBid(s: AuctionStanding, ask: BidAsk): { decision: BidDecision; next: AuctionStanding } {
  const refuse = (reason: BidRefusal, neededCents?: number) => ({
    decision: { kind: 'refused' as const, reason, ...(neededCents !== undefined && { neededCents }) },
    next: s,
  });
  if (s.state === 'paused') return refuse('paused');
  if (s.state !== 'open') return refuse('not-open');
  if (ask.at >= s.endsAt) return refuse('ended');
  const needed = nextBid(s.increments, s.startCents, s.priceCents);
  const leads = s.highViewerId === ask.viewerId && s.priceCents !== undefined;

  if (leads) {
    // The leader never bids against themselves; a higher maximum is kept for later challengers.
    if (ask.kind === 'bid') return refuse('already-high');
    const max = ask.cents ?? needed;
    if (max <= (s.highMaxCents ?? s.priceCents!))
      return refuse('max-not-higher', (s.highMaxCents ?? s.priceCents!) + stepAt(s.increments, s.highMaxCents ?? s.priceCents!));
    const next = withReserve({ ...s, highMaxCents: max });
    return { decision: { kind: 'raised', priceCents: next.priceCents!, amountCents: s.priceCents!, maxCents: max }, next };
  }

  const amount = ask.kind === 'bid' ? (ask.cents ?? needed) : needed;
  const max = ask.kind === 'bid' ? amount : (ask.cents ?? needed);
  if (max < needed) return refuse('too-low', needed);
  const extended = extend(s, ask.at);
  const endsAt = extended ?? s.endsAt;
  const extendedTo = extended === undefined ? {} : { extendedTo: extended };

  if (s.highViewerId === undefined || s.priceCents === undefined) {
    const next = withReserve({ ...s, priceCents: amount, highViewerId: ask.viewerId, highMaxCents: max, endsAt });
    return { decision: { kind: 'leading', priceCents: next.priceCents!, amountCents: amount, maxCents: max, ...extendedTo }, next };
  }
  const leaderMax = s.highMaxCents ?? s.priceCents;
  if (max > leaderMax) {
    const price = Math.max(amount, Math.min(max, leaderMax + stepAt(s.increments, leaderMax)));
    const next = withReserve({ ...s, priceCents: price, highViewerId: ask.viewerId, highMaxCents: max, endsAt });
    return { decision: { kind: 'leading', priceCents: next.priceCents!, amountCents: amount, maxCents: max, outbid: s.highViewerId, ...extendedTo }, next };
  }
  // The leader's maximum answers: one step above the challenger, never past the leader's own (a tie stays with the earlier bid).
  const price = Math.min(leaderMax, max + stepAt(s.increments, max));
  const next = withReserve({ ...s, priceCents: Math.max(price, s.priceCents), endsAt });
  return { decision: { kind: 'outbid', priceCents: next.priceCents!, amountCents: amount, maxCents: max, ...extendedTo }, next };
}

/** The new end when a bid at `at` falls in the anti-snipe window; undefined when the clock stands. */
function extend(s: AuctionStanding, at: number): number | undefined {
  if (s.suddenDeath || s.antiSnipeMs <= 0) return undefined;
  return s.endsAt - at < s.antiSnipeMs ? at + s.antiSnipeMs : undefined;
}

/** A leader whose maximum reaches the reserve stands at the reserve at least, so the reserve is met as soon as someone would pay it. */
function withReserve(s: AuctionStanding): AuctionStanding {
  if (s.reserveCents === undefined || s.highMaxCents === undefined || s.priceCents === undefined) return s;
  if (s.highMaxCents >= s.reserveCents && s.priceCents < s.reserveCents) return { ...s, priceCents: s.reserveCents };
  return s;
}

/** How an auction ends at its clock: sold at the standing price, or not (no bids, reserve not met). */
export function settle(s: AuctionStanding): { kind: 'sold'; viewerId: number; priceCents: number } | { kind: 'unsold'; reason: 'no-bids' | 'reserve' } {
  if (s.highViewerId === undefined || s.priceCents === undefined) return { kind: 'unsold', reason: 'no-bids' };
  if (s.reserveCents !== undefined && s.priceCents < s.reserveCents) return { kind: 'unsold', reason: 'reserve' };
  return { kind: 'sold', viewerId: s.highViewerId, priceCents: s.priceCents };
}
