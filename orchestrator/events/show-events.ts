import type { ChatEvent } from '../chat-types.js';
import type { ParsedCommand } from '../commands/parse-command.js';
import type { OrderSummary, PlaceResult } from '../commerce/order-types.js';
import type { CartPaymentResult, CartRelease, CartView, Fulfilment, PaymentReport } from '../commerce/carts/cart-types.js';
import type { TipPayment, TipSummary } from '../commerce/tips.js';
import type { PollView } from './poll-types.js';
import type { AuctionResult, AuctionView, AuctionWin } from '../commerce/auctions/auction-types.js';
import type { GiveawayView } from '../commerce/giveaways/giveaway-types.js';
import type { AiSuggestion } from './ai-types.js';
import type { Buyer } from '../commerce/order-types.js';
import type { ViewerRef } from '../store/viewer-directory.js';

/**
 * Where and when a fact happened, for the ones that name a platform or a viewer. `at` defaults to
 * the moment it is emitted; the event log reads the show clock at that moment.
 */
export interface Where {
  platform?: string;
  viewerId?: number;
  at?: number;
}

/** A fact whose log row is its own fields (besides where and when). */
export type Fact<D extends object> = Where & D;

/**
 * Every fact of a running show, by name. A feature emits a fact once on the bus; the event log
 * persists the ones analytics needs (`log-rows.ts` says how), and the dashboard, overlay and other
 * features listen to the same stream. Names in quotes are also the log's row types unless
 * `log-rows.ts` says otherwise.
 */
export interface ShowEvents {
  // --- chat, in the order one line passes through the inbound path
  /** Every viewer line, once its viewer is known, before moderation (logged as `chat.message`). */
  'chat.received': { event: ChatEvent; viewer: ViewerRef };
  /** A viewer line that passed moderation and is not a command. */
  'chat.message': { event: ChatEvent; viewer: ViewerRef };
  /** A viewer line that parsed as a known command and passed moderation. */
  'chat.command': { event: ChatEvent; viewer: ViewerRef; command: ParsedCommand; prefix: string };
  /** A line that looked like a command but was not one (its reply is the message). */
  'command.error': { event: ChatEvent; viewer: ViewerRef; message: string };
  /** An answer in a platform's native poll (Telegram poll_answer) for our poll `pollKey`; options 0-based, none = retracted. */
  'poll.answer': { event: ChatEvent; viewer: ViewerRef; pollKey: string; options: number[] };
  'moderation.action': Fact<{
    step: string;
    by?: string;
    rule?: string;
    reason?: string;
    strike?: number;
    user: string | null;
    userId: string | null;
    channelId: string;
    messageId: string | null;
    text?: string;
    timeoutMs?: number;
  }>;
  'moderation.permit': Fact<{ by: string; user: string; forMs: number }>;
  'moderation.permitted': Fact<{ user: string; text: string }>;
  /** A line of ours queued for the chats (relay and moderation aside): bot replies, announcements, the seller's own lines. */
  'chat.sent': Fact<SentLine>;
  'faq.answered': Fact<FaqFact>;
  'faq.suppressed': Fact<FaqFact>;

  // --- the show
  /** The stream went live and the show clock started (its zero is `at`). */
  'show.live': { at: number; data: Record<string, unknown> };
  /** The stream ended; the show clock stopped. */
  'show.offline': { at: number; data: Record<string, unknown> };
  'show.featured': Fact<{ sku: string; by: string }>;
  'media.status': { type: 'media.ingest' | 'media.target'; at: number; data: Record<string, unknown> };
  'audience.count': Fact<{ platform: string; count: number; rooms: Record<string, number> }>;
  'config.reloaded': Fact<{ file: string | null; products: number; warnings: string[] }>;
  'config.rejected': Fact<{ file: string | null; error: string }>;
  'app.started': Fact<{ channels: string[]; skipped: unknown[] }>;
  'app.stopped': Fact<{ droppedAtShutdown: number }>;

  // --- selling
  /** A buy ended in an order (with part of it waitlisted, maybe), or the waitlist handed freed stock to the next in line. */
  'order.placed': { order: OrderSummary; via: 'buy' | 'waitlist'; request?: BuyFacts; waitlisted?: { qty: number; position: number } };
  /** A buy that placed no order: waitlisted in full, over a cap, or with a code that does not work. */
  'order.declined': { buyer: { platform: string; viewerId: number }; request: BuyFacts; result: Exclude<PlaceResult, { kind: 'ordered' }> };
  /** A hold ended without payment: the buyer passed or time ran out. */
  'order.released': { order: OrderSummary; reason: 'expired' | 'cancelled' };
  'order.preordered': { order: OrderSummary };
  /** A payment provider's event for a cart, whatever came of it (`paid` is the one alerts announce). */
  'payment.received': { report: PaymentReport; result: CartPaymentResult };
  /** A provider could not start a payment (timeout, 5xx): the cart stays held and the buyer may retry. */
  'checkout.failed': { cart: string; provider: string; error: string };
  /** The seller moved a paid cart on (packed, shipped, delivered) or cancelled it. */
  'cart.fulfilment': { cart: CartView; step: Fulfilment; by: string; release?: CartRelease };
  /** A cart's hold ended from outside the chat (a provider's session expired, the seller cancelled). */
  'cart.ended': { release: CartRelease; reason: 'expired' | 'cancelled'; by: string };
  /** The seller added units; `offers` are what went straight to the waitlist, as a released hold's do. */
  'stock.restocked': { sku: string; variant: string; qty: number; by: string; offers: OrderSummary[]; offeredCarts: CartView[] };
  /** The buyer gave their details: shipping and the total are fixed, payment starts with `provider`. */
  'cart.checkout': { cart: CartView; provider: string };
  /** The buyer went back from the checkout to change the cart: it takes new items, on the chat's hold again. */
  'cart.reopened': { cart: CartView };
  'tip.created': { tip: TipSummary; platform: string; viewerId: number };
  'tip.payment': { eventId: string; tipRef: string; amountCents: number; result: TipPayment };
  /** Social proof as shown everywhere (chats, the OBS overlay); `sku` lets the overlay show the product's picture. */
  'alert.purchase': { text: string; title: string; buyers: string[]; sku: string };
  'ambassador.registered': Fact<{ code: string }>;
  'recommendation.sent': Fact<{ order: string; sku: string; reason: string }>;
  'waitlist.left': Fact<{ entries: number }>;

  // --- auctions
  'auction.started': { auction: AuctionView; by: string };
  /** Every bid as it was decided, refused ones too; logged with the show-clock moment it arrived (`at`). */
  'auction.bid': Fact<{ auction: string; kind: string; outcome: string; reason?: string; amountCents: number | null; priceCents?: number }>;
  /** `buyer` no longer leads, merged under bursts (not logged: the bid that beat them is). */
  'auction.outbid': { auction: AuctionView; priceCents: number; buyer: Buyer };
  /** The standing changed (not logged; every bid is): for the overlay and the storefront. */
  'auction.updated': { auction: AuctionView };
  /** A few seconds are left (not logged). `at`, here and below: the auction clock's moment. */
  'auction.going': { auction: AuctionView; at: number };
  'auction.changed': { auction: AuctionView; change: 'paused' | 'resumed'; by: string; at: number };
  'auction.ended': { auction: AuctionView; result: AuctionResult; by: string; at: number };
  /** The winner's (or runner-up's) hold ran out unpaid. */
  'auction.lapsed': Fact<{ auction: number; order: string }>;
  /** The runner-up got the second chance, in their cart at their maximum. */
  'auction.offered': { auction: AuctionView; win: AuctionWin; priceCents: number; at: number };

  // --- the AI helper
  /** An answer from the model went out: by itself (`auto`) or sent from the dashboard. */
  'ai.answered': Fact<{ mode: string; sources: string[]; by: string }>;
  /** A question the model did not answer (nothing to answer from, budget, timeout, an answer that could not be trusted). */
  'ai.skipped': Fact<{ mode: string; reason: string }>;
  /** A draft waits on the dashboard (not logged: what is sent is). */
  'ai.suggested': { suggestion: AiSuggestion };
  /** The review model found a line doubtful: held for a moderator, or (its verdict late) passed and queued to review after. */
  'ai.held': Fact<{ id: string; status: 'held' | 'passed'; label: string; score: number; via: string; channelId: string; messageId: string }>;
  /** A moderator decided on a reviewed line. */
  'ai.reviewed': Fact<{ id: string; decision: string; by: string; label: string; status: string; channelId: string; messageId: string }>;

  // --- giveaways
  'giveaway.started': { giveaway: GiveawayView; by: string };
  /** One entry (logged: the entry count and who entered are the dashboard's and analytics' facts). */
  'giveaway.entered': { giveaway: GiveawayView; platform: Buyer['platform']; viewerId: number };
  /** Entries closed (round 1) or an unclaimed prize drawn again: `winner` has the claim window. */
  'giveaway.drawn': { giveaway: GiveawayView; winner: Buyer; round: number; by: string; at: number };
  /** `at`, here and above: the desk clock's moment. */
  'giveaway.claimed': { giveaway: GiveawayView; win: AuctionWin; at: number };
  /** Nobody entered, or nobody left to draw after unclaimed rounds. */
  'giveaway.ended': { giveaway: GiveawayView; reason: 'empty' | 'unclaimed'; by: string };

  // --- engagement
  'poll.started': { poll: PollView; by: 'api' | 'schedule' };
  /** Totals changed (throttled); not logged, every vote is. */
  'poll.updated': { poll: PollView };
  'poll.vote': Fact<{ poll: string; option: number | null; replaced: boolean }>;
  'poll.ended': { poll: PollView };
  'poll.skipped': Fact<{ id: string; reason: string }>;
  'flash.started': FlashFact & { endsAt: number; by: string; durationMs: number };
  /** A running sale has `leftMs` to go (announced; not logged). */
  'flash.countdown': FlashFact & { leftMs: number };
  'flash.ended': FlashFact & { early: boolean };
  'unlock.progress': Fact<{ id: string; milestone: number; count: number; goal: number }>;
  'unlock.reached': Fact<{ id: string; count: number; goal: number; code: string; expiresAt: number; by: string }>;
  'drop.scheduled': Fact<{ id: string; showMs: number }>;
  'drop.issued': Fact<{ id: string; code: string; expiresAt: number; announced: boolean; by: string }>;
  'timer.sent': Fact<{ timer: number; lines: number }>;
  'timer.skipped': Fact<{ timer: number; reason: string; lines: number; minLines: number }>;
  'announcement.sent': Fact<{ kind: string; text: string }>;
  'viewer.link-requested': Fact<{ identityId: number }>;
  'viewer.link-refused': Fact<{ reason: string }>;
  'viewer.linked': Fact<{ mergedViewerId: number; intoViewerId: number; from: string; to: string } & Record<string, unknown>>;
}

/** A flash sale as its facts name it. */
export interface FlashFact {
  id: string;
  sku: string;
  priceCents: number;
  maxPerBuyer: number;
}

export interface FaqFact {
  entry: string;
  score: number;
  why: unknown;
  channelId: string;
  user: string;
  explicit: boolean;
}

/** One line of ours as the dashboard's chat column shows it. */
export interface SentLine {
  text: string;
  /** Every room, one room, or one person (privately where the platform allows). */
  to: 'all' | 'room' | 'direct';
  channelId?: string;
  /** The viewer it answers, when it answers one. */
  user?: string;
  priority: string;
  by?: string;
}

/** What a buyer asked for, as the log keeps it. */
export interface BuyFacts {
  sku: string;
  variant: string;
  qty: number;
}

export type ShowEventName = keyof ShowEvents;

/** One event as a value: its name and its payload. */
export type ShowEvent = { [K in ShowEventName]: { type: K; payload: ShowEvents[K] } }[ShowEventName];
