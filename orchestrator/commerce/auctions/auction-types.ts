import { after } from '../../shared/after.js';
import type { Cancel } from '../../shared/cron.js';
import type { AuctionState } from '../../store/models-auctions.js';
import type { Buyer, CartBrief, OrderSummary } from '../order-types.js';
import type { BidRefusal } from './bid-rules.js';

export type { AuctionState };

/** An auction as the chat, the overlay and the dashboard show it (the leader's maximum stays secret). */
export interface AuctionView {
  id: number;
  key: string;
  sku: string;
  variant: string;
  title: string;
  currency: string;
  state: AuctionState;
  startCents: number;
  /** The standing price; undefined before the first bid. */
  priceCents: number | undefined;
  /** The least the next bid may be. */
  nextCents: number;
  highViewerId: number | undefined;
  /** The leader's name as they last bid (the caller masks it as `alerts.names` says). */
  highName: string | undefined;
  bids: number;
  startedAt: number;
  endsAt: number;
  /** While paused: what is left on the clock. */
  pausedLeftMs: number | undefined;
  suddenDeath: boolean;
  antiSnipeMs: number;
  buyNowCents: number | undefined;
  hasReserve: boolean;
  reserveMet: boolean;
  outcome: string | undefined;
}

/** What a bid came to, as the bidder is answered. */
export type BidResult =
  /** `priceCents`: the standing price right after this bid. */
  | { kind: 'leading'; auction: AuctionView; priceCents: number; amountCents: number; maxCents: number; extended: boolean }
  | { kind: 'outbid'; auction: AuctionView; priceCents: number; amountCents: number; maxCents: number }
  | { kind: 'raised'; auction: AuctionView; maxCents: number }
  | { kind: 'refused'; reason: BidRefusal | 'none' | 'no-buy-now'; auction: AuctionView | undefined; neededCents?: number }
  | { kind: 'bought'; auction: AuctionView; win: AuctionWin | undefined };

/** The winner's line in their cart: what checkout needs to take the money. */
export interface AuctionWin {
  buyer: Buyer;
  order: OrderSummary;
  cart: CartBrief;
}

/** How an auction ended. */
export type AuctionResult =
  { kind: 'sold'; win: AuctionWin; priceCents: number } | { kind: 'unsold'; reason: 'no-bids' | 'reserve' | 'no-stock' | 'ended-early' };

export type AuctionStartResult = { ok: true; auction: AuctionView } | { ok: false; reason: 'unknown' | 'running' | 'no-product'; message: string };

/** What the dashboard (and code) may do to auctions. */
export interface AuctionControl {
  start(key: string, by?: string): Promise<AuctionStartResult>;
  pause(by?: string): Promise<AuctionView | undefined>;
  resume(by?: string): Promise<AuctionView | undefined>;
  /** Ends the running auction now: sold to the leader if the reserve is met (`sell`), else unsold. */
  end(by?: string, sell?: boolean): Promise<AuctionView | undefined>;
  current(): AuctionView | undefined;
}

/** Time as the auctions read it: real by default, driven by hand in tests. */
export interface AuctionClock {
  now(): number;
  after(ms: number, run: () => void): Cancel;
}

export const REAL_CLOCK: AuctionClock = { now: () => Date.now(), after };
