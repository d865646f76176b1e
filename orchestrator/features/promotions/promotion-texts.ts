import type { Discount } from '../../../config/schema/primitives.js';
import { formatMoney } from '../../commerce/money.js';
import { toCents } from '../../store/catalog-sync.js';

/** "15% off" or "€5.00 off". */
export function discountText(discount: Discount, currency: string): string {
  return 'percent' in discount ? `${discount.percent}% off` : `${formatMoney(toCents(discount.amount), currency)} off`;
}

/** "30 min", "1 h 30 min", "45 s": how long a code or sale lasts, for chat. */
export function durationText(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts = [h > 0 && `${h} h`, min > 0 && `${min} min`, s > 0 && `${s} s`].filter((p): p is string => typeof p === 'string');
  return parts.length > 0 ? parts.join(' ') : '0 s';
}

/**
 * The SKU to show in "!buy SKU CODE": the featured product when the code applies to it, otherwise
 * the code's first product; "SKU" when nothing is known, which still reads as an instruction.
 */
export function buySku(products: readonly string[] | undefined, featured: string | undefined): string {
  if (!products || products.length === 0) return featured ?? 'SKU';
  const match = featured === undefined ? undefined : products.find((p) => p.toUpperCase() === featured.toUpperCase());
  return match ?? products[0]!;
}

/** What a code is good for: "15% off" or "15% off VAN, CEDAR". */
function offText(discount: Discount, currency: string, products: readonly string[] | undefined): string {
  const on = products && products.length > 0 ? ` ${products.join(', ')}` : '';
  return `${discountText(discount, currency)}${on}`;
}

export interface CodeText {
  code: string;
  discount: Discount;
  validMs: number;
  products?: readonly string[] | undefined;
  currency: string;
  featured: string | undefined;
}

/** "Unlock 15% off: 500/1000 viewers asked — type unlock!" */
export function unlockProgressText(discount: Discount, currency: string, count: number, goal: number, keyword: string): string {
  return `Unlock ${discountText(discount, currency)}: ${count}/${goal} viewers asked — type ${keyword}!`;
}

/** "Unlocked! Code FIFTEEN-XXXX gives 15% off for 30 min — !buy SKU FIFTEEN-XXXX" */
export function unlockReachedText(c: CodeText): string {
  const off = offText(c.discount, c.currency, c.products);
  return `Unlocked! Code ${c.code} gives ${off} for ${durationText(c.validMs)} — !buy ${buySku(c.products, c.featured)} ${c.code}`;
}

/**
 * A drop: the show's own message (where `{code}` is replaced by the code) or a default line, then
 * how to use the code unless the message already says it.
 */
export function dropText(c: CodeText & { message?: string | undefined; maxUses?: number | undefined }): string {
  const how = `!buy ${buySku(c.products, c.featured)} ${c.code}`;
  if (c.message?.includes('{code}')) return c.message.replaceAll('{code}', c.code);
  const first = c.maxUses ? ` for the first ${c.maxUses} ${c.maxUses === 1 ? 'order' : 'orders'}` : '';
  const intro = c.message ?? `Surprise drop! ${offText(c.discount, c.currency, c.products)}${first}.`;
  return `${intro} Code ${c.code} works for ${durationText(c.validMs)} — ${how}`;
}

export interface SaleText {
  sku: string;
  title: string;
  priceCents: number;
  /** The regular price, when the product has one price for all its variants. */
  regularCents: number | undefined;
  currency: string;
  maxPerBuyer: number;
}

const money = (s: SaleText, cents: number) => formatMoney(cents, s.currency);

/** "Flash sale! Cedar candle for €19.00 instead of €28.00 — 2 min only, max 1 per viewer. !buy CEDAR" */
export function flashStartText(s: SaleText, durationMs: number): string {
  const was = s.regularCents === undefined ? '' : ` instead of ${money(s, s.regularCents)}`;
  return `Flash sale! ${s.title} for ${money(s, s.priceCents)}${was} — ${durationText(durationMs)} only, max ${s.maxPerBuyer} per viewer. !buy ${s.sku}`;
}

/** "Flash sale: 10 s left — Cedar candle for €19.00. !buy CEDAR" */
export function flashLeftText(s: SaleText, leftMs: number): string {
  return `Flash sale: ${durationText(leftMs)} left — ${s.title} for ${money(s, s.priceCents)}. !buy ${s.sku}`;
}

/** "Flash sale ended: Cedar candle is back to €28.00." */
export function flashEndText(s: SaleText): string {
  const back = s.regularCents === undefined ? ' is back to its regular price' : ` is back to ${money(s, s.regularCents)}`;
  return `Flash sale ended: ${s.title}${back}.`;
}
