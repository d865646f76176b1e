import { randomInt } from 'node:crypto';
import type { ShowConfig } from '../../config/schema/index.js';
import { supporterDiscounts } from './supporter-perks.js';
import type { BuyRequest } from './buy-request.js';
import type { Catalog } from './catalog.js';
import type { Buyer } from './order-types.js';
import { quote, type DiscountRule, type PriceQuote } from './pricing.js';
import type { FlashPrice } from './promo-issuer.js';
import type { CartHoldPolicy } from './carts/cart-types.js';

/** A product row as a batch of orders reads it once. */
export interface StockRow {
  id: number;
  sku: string;
  variant: string;
  title: string;
  priceCents: number;
  stockAvailable: number;
  stockTotal: number;
}

/**
 * One batch's view of the ledger, read inside its transaction and kept up to date as each order of
 * the batch is decided: units available per product, and per viewer and SKU what the caps count
 * (units held, paid or waited for; units bought at the running flash price).
 */
export interface Ledger {
  stock: Map<number, number>;
  units: Map<string, number>;
  atFlash: Map<string, number>;
  /** Products each viewer waits for now. */
  waiting: Map<number, number>;
  /** Holds open now per origin (where accounts cost nothing: the web chat's address key). */
  originHolds: Map<string, number>;
}

export const holdingKey = (viewerId: number, sku: string): string => `${viewerId}\u0000${sku}`;

export interface PlanPolicy {
  mode: 'hold' | 'first-paid';
  wholesale: boolean;
  supporterDiscount: ((buyer: Buyer) => DiscountRule | undefined) | undefined;
  /** Products one viewer may wait for at once. */
  waitlistEntries: number;
  /** Holds open at once from one origin. */
  holdsPerAddress: number;
}

export type Decision =
  | { kind: 'capped'; max: number; already: number; flash?: true; address?: true }
  | { kind: 'waitlist-full'; entries: number }
  /** `capped`: a per-viewer limit cut the quantity asked for (the buyer is told so). */
  | { kind: 'buy'; reserved: number; short: number; price: PriceQuote | undefined; capped?: BuyCap };

/** A per-viewer limit that cut a buy short: the product's, or a running flash sale's. */
export interface BuyCap {
  max: number;
  flash?: true;
}

/** The order rules in force: the show file's catalog and its policy (read anew for every buy, so a reload applies at once). */
export interface OrderRules {
  catalog: Catalog;
  policy: PlanPolicy & { holdMs: number; holdMaxMs?: number; lapsesBeforeBack: number };
}

/** A cart's hold under a policy: none in first-paid mode; by default an add extends it up to three holds. */
export function cartHoldPolicy(policy: Pick<PlanPolicy, 'mode'> & { holdMs: number; holdMaxMs?: number }): CartHoldPolicy {
  return policy.mode === 'hold' ? { holdMs: policy.holdMs, holdMaxMs: policy.holdMaxMs ?? 3 * policy.holdMs } : { holdMs: undefined, holdMaxMs: 0 };
}

/**
 * The one rule for a buy, without a database: per-buyer caps (the product's and a running flash
 * sale's), what the stock can fill, the rest to the waitlist, and the price (flash price, the
 * promo code's or else the buyer's supporter discount, wholesale tiers). It decides against a
 * ledger and updates it for the next buyer, so one order alone and a batch of orders in arrival
 * order come out the same. Reading the ledger and writing the outcome are the caller's.
 */
export function decide(
  ledger: Ledger,
  buyer: Buyer,
  request: BuyRequest,
  product: StockRow,
  flash: FlashPrice | undefined,
  policy: PlanPolicy,
  code?: DiscountRule,
): Decision {
  const { item, variant } = request;
  const key = holdingKey(buyer.viewerId, item.sku);
  // Never more than the product has at all: "!buy X 9999" must not queue thousands behind a real buyer.
  let want = Math.min(request.qty, Math.max(1, product.stockTotal));
  let capped: BuyCap | undefined;
  if (item.maxPerBuyer !== undefined) {
    const already = ledger.units.get(key) ?? 0;
    if (already >= item.maxPerBuyer) return { kind: 'capped', max: item.maxPerBuyer, already };
    if (item.maxPerBuyer - already < want) [want, capped] = [item.maxPerBuyer - already, { max: item.maxPerBuyer }];
  }
  if (flash) {
    const already = ledger.atFlash.get(key) ?? 0;
    if (already >= flash.maxPerBuyer) return { kind: 'capped', max: flash.maxPerBuyer, already, flash: true };
    if (flash.maxPerBuyer - already < want) [want, capped] = [flash.maxPerBuyer - already, { max: flash.maxPerBuyer, flash: true }];
  }
  const available = ledger.stock.get(product.id) ?? 0;
  const holds = policy.mode === 'hold' && buyer.origin !== undefined ? (ledger.originHolds.get(buyer.origin) ?? 0) : 0;
  // Accounts cost nothing on the web: one network may hold only so much at once.
  if (available > 0 && policy.mode === 'hold' && buyer.origin !== undefined && holds >= policy.holdsPerAddress) {
    return { kind: 'capped', max: policy.holdsPerAddress, already: holds, address: true };
  }
  const reserved = Math.max(0, Math.min(want, available));
  let short = want - reserved;
  const waiting = ledger.waiting.get(buyer.viewerId) ?? 0;
  if (short > 0 && waiting >= policy.waitlistEntries) short = 0;
  if (reserved === 0 && short === 0) return { kind: 'waitlist-full', entries: waiting };
  if (short > 0) ledger.waiting.set(buyer.viewerId, waiting + 1);
  if (policy.mode === 'hold') ledger.stock.set(product.id, available - reserved);
  if (reserved > 0 && policy.mode === 'hold' && buyer.origin !== undefined) ledger.originHolds.set(buyer.origin, holds + 1);
  ledger.units.set(key, (ledger.units.get(key) ?? 0) + reserved + short);
  if (reserved === 0) return { kind: 'buy', reserved, short, price: undefined, ...(capped && { capped }) };
  const discount = code ?? policy.supporterDiscount?.(buyer);
  const price = quote(item, variant, reserved, { ...(discount && { discount }), ...(flash && { flashCents: flash.priceCents }), wholesale: policy.wholesale });
  if (flash && price.unitCents === flash.priceCents) ledger.atFlash.set(key, (ledger.atFlash.get(key) ?? 0) + reserved);
  return { kind: 'buy', reserved, short, price, ...(capped && { capped }) };
}

/** The order rules of the show file in force. */
export function planPolicy(config: ShowConfig): PlanPolicy & { holdMs: number; holdMaxMs: number; lapsesBeforeBack: number } {
  const limits = config.checkout?.limits;
  const holdMs = config.checkout?.hold ?? 15 * 60_000;
  return {
    mode: config.checkout?.mode ?? 'hold',
    holdMs,
    holdMaxMs: config.checkout?.holdMax ?? 3 * holdMs,
    wholesale: config.show.private,
    supporterDiscount: supporterDiscounts(config),
    waitlistEntries: limits?.waitlistEntries ?? 3,
    holdsPerAddress: limits?.holdsPerAddress ?? 5,
    lapsesBeforeBack: limits?.lapsesBeforeBack ?? 2,
  };
}

/** Where a new order is filed: its state, and the cart (and so the hold) it is a line of. */
export interface Placement {
  status: 'held' | 'pending' | 'preorder';
  holdExpiresAt: Date | null;
  cartId: number | null;
}

/** The columns of a new order, priced; the caller adds the ids. */
export function orderRow(buyer: Buyer, showId: string, currency: string, price: PriceQuote, placement: Placement, publicId: string) {
  return {
    publicId,
    showId,
    viewerId: buyer.viewerId,
    identityId: buyer.identityId,
    channelId: buyer.channelId,
    status: placement.status,
    subtotalCents: price.subtotalCents,
    discountCents: price.discountCents,
    totalCents: price.totalCents,
    currency,
    holdExpiresAt: placement.holdExpiresAt,
    paidAt: null,
    paymentRef: null,
    promoCodeId: null,
    remindedAt: null,
    origin: buyer.origin ?? null,
    cartId: placement.cartId,
    requestKey: buyer.requestKey ?? null,
  };
}

const ID_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Order ids never start with T: the payment webhook reads T… as a tip. */
const FIRST_ALPHABET = ID_ALPHABET.replace('T', '');

/** Eight characters from an alphabet without look-alikes: easy to read out, about 8e11 to guess. */
export function newPublicId(): string {
  let id = FIRST_ALPHABET[randomInt(FIRST_ALPHABET.length)]!;
  for (let i = 1; i < 8; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}
