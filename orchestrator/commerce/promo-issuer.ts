import type { Discount } from '../../config/schema/primitives.js';

export interface IssueCodeRequest {
  source: 'unlock' | 'drop' | 'admin' | 'ambassador';
  discount: Discount;
  /** How long the code works from now. */
  validMs: number;
  maxUses?: number;
  /** SKUs it applies to; every product when absent. */
  products?: string[];
  /** Readable start of the code, e.g. the unlock id ("FIFTEEN-…"). */
  prefix?: string;
  /** The code exactly as the show file gives it ("UYUT15"): no random tail, re-armed when issued again. */
  code?: string;
}

/** Creates promo codes that `!buy … CODE` accepts; implemented by the promo code store. */
export interface PromoIssuer {
  issue(request: IssueCodeRequest): Promise<{ code: string; expiresAt: number }>;
}

/** A running flash sale as the order path needs it. */
export interface FlashPrice {
  saleId: string;
  priceCents: number;
  endsAt: number;
  maxPerBuyer: number;
}

/** Which flash sale, if any, prices a SKU right now. */
export interface FlashSaleBoard {
  current(sku: string, now?: number): FlashPrice | undefined;
}
