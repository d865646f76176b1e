import type { Eligibility } from '../../../config/schema/giveaways.js';
import type { GiveawayDraw, GiveawayState } from '../../store/models-giveaways.js';
import type { AuctionWin } from '../auctions/auction-types.js';
import type { Buyer } from '../order-types.js';

export type { GiveawayState };

/** A giveaway as the chat, the overlay and the dashboard show it. The seed only once entries closed. */
export interface GiveawayView {
  id: number;
  key: string;
  sku: string;
  title: string;
  state: GiveawayState;
  keyword: string | undefined;
  eligible: Eligibility;
  minLines: number;
  entries: number;
  openedAt: number;
  closesAt: number;
  commitment: string;
  seed: string | undefined;
  round: number;
  /** The current winner (the caller masks the name as `alerts.names` says). */
  winnerViewerId: number | undefined;
  winnerName: string | undefined;
  claimUntil: number | undefined;
}

/** What the published proof holds: enough for anyone to recompute every round (see giveaway-draw.ts). */
export interface GiveawayProof {
  giveaway: string;
  state: GiveawayState;
  commitment: string;
  /** Published when entries close. */
  seed: string | undefined;
  entries: string[];
  draws: GiveawayDraw[];
  rule: string;
}

/** Why a viewer may not enter. */
export type Ineligible = 'buyers' | 'linked' | 'supporters' | 'lines';

export type EnterResult =
  | { kind: 'entered'; giveaway: GiveawayView }
  | { kind: 'already'; giveaway: GiveawayView }
  | { kind: 'ineligible'; giveaway: GiveawayView; reason: Ineligible; have?: number }
  | { kind: 'full'; giveaway: GiveawayView }
  | { kind: 'none' };

export type ClaimResult =
  | { kind: 'claimed'; giveaway: GiveawayView; win: AuctionWin }
  | { kind: 'not-winner'; giveaway: GiveawayView }
  | { kind: 'no-stock'; giveaway: GiveawayView }
  | { kind: 'none' };

export type GiveawayStartResult = { ok: true; giveaway: GiveawayView } | { ok: false; reason: 'unknown' | 'running' | 'no-product'; message: string };

/** What the dashboard (and code) may do to giveaways. */
export interface GiveawayControl {
  start(key: string, by?: string): Promise<GiveawayStartResult>;
  /** Closes the entries now and draws. */
  close(by?: string): Promise<GiveawayView | undefined>;
  current(): GiveawayView | undefined;
  proof(key: string): Promise<GiveawayProof | undefined>;
}

/** The winner of a round, as the chats are told. */
export interface GiveawayWinner {
  buyer: Buyer;
  round: number;
}
