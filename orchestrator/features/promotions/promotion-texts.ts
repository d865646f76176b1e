import type { Discount } from '../../../config/schema/primitives.js';
import type { Texts } from '../../i18n/texts.js';
import { toCents } from '../../store/catalog-sync.js';

const DAY_MS = 24 * 3600_000;

/** "15% off" or "€5.00 off" / "скидка 15%", "скидка 500 ₽". */
export function discountText(texts: Texts, discount: Discount, currency: string): string {
  return 'percent' in discount
    ? texts.t('promotions.percentOff', { percent: discount.percent })
    : texts.t('promotions.amountOff', { amount: texts.money(toCents(discount.amount), currency) });
}

/**
 * How long a code or sale works: "for 30 min", and past a day the date it ends ("until 31 Dec"),
 * since "for 657 h" is no help to a viewer.
 */
export function validText(texts: Texts, ms: number, timeZone?: string, now?: number): string {
  const duration = texts.duration(ms, timeZone, now);
  return ms >= DAY_MS ? duration : texts.t('promotions.validFor', { duration });
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
function offText(texts: Texts, discount: Discount, currency: string, products: readonly string[] | undefined): string {
  const off = discountText(texts, discount, currency);
  return products && products.length > 0 ? texts.t('promotions.offOn', { off, products: products.join(', ') }) : off;
}

export interface CodeText {
  code: string;
  discount: Discount;
  validMs: number;
  products?: readonly string[] | undefined;
  currency: string;
  featured: string | undefined;
  /** The show's timezone, for a code valid past a day ("until 31 Dec"). */
  timeZone?: string | undefined;
}

/** "Unlock 15% off: 500/1000 viewers asked — type unlock!" */
export function unlockProgressText(texts: Texts, discount: Discount, currency: string, count: number, goal: number, keyword: string): string {
  // Counts as typed digits ("1000", not "1,000"): they read as a score, not an amount.
  return texts.t('promotions.unlockProgress', { off: discountText(texts, discount, currency), count: String(count), goal: String(goal), keyword });
}

/** "Unlocked! Code UYUT15 gives 15% off for 30 min — !buy SKU UYUT15" */
export function unlockReachedText(texts: Texts, c: CodeText): string {
  return texts.t('promotions.unlockReached', {
    code: c.code,
    off: offText(texts, c.discount, c.currency, c.products),
    valid: validText(texts, c.validMs, c.timeZone),
    sku: buySku(c.products, c.featured),
  });
}

/**
 * A drop: the show's own message (where `{code}` is replaced by the code) or a default line, then
 * how to use the code unless the message already says it.
 */
export function dropText(texts: Texts, c: CodeText & { message?: string | undefined; maxUses?: number | undefined }): string {
  if (c.message?.includes('{code}')) return c.message.replaceAll('{code}', c.code);
  const off = offText(texts, c.discount, c.currency, c.products);
  const intro = c.message ?? (c.maxUses ? texts.t('promotions.dropIntroFirst', { off, n: c.maxUses }) : texts.t('promotions.dropIntro', { off }));
  return texts.t('promotions.dropCode', { intro, code: c.code, valid: validText(texts, c.validMs, c.timeZone), sku: buySku(c.products, c.featured) });
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

/** "Flash sale! Cedar candle for €19.00 instead of €28.00 — 2 min only, max 1 per viewer. !buy CEDAR" */
export function flashStartText(texts: Texts, s: SaleText, durationMs: number): string {
  const values = { title: s.title, price: texts.money(s.priceCents, s.currency), duration: texts.duration(durationMs), max: s.maxPerBuyer, sku: s.sku };
  return s.regularCents === undefined
    ? texts.t('promotions.flashStart', values)
    : texts.t('promotions.flashStartWas', { ...values, regular: texts.money(s.regularCents, s.currency) });
}

/** "Flash sale: 10 s left — Cedar candle for €19.00. !buy CEDAR" */
export function flashLeftText(texts: Texts, s: SaleText, leftMs: number): string {
  return texts.t('promotions.flashLeft', { left: texts.duration(leftMs), title: s.title, price: texts.money(s.priceCents, s.currency), sku: s.sku });
}

/** "Flash sale ended: Cedar candle is back to €28.00." */
export function flashEndText(texts: Texts, s: SaleText): string {
  return s.regularCents === undefined
    ? texts.t('promotions.flashEndRegular', { title: s.title })
    : texts.t('promotions.flashEnd', { title: s.title, regular: texts.money(s.regularCents, s.currency) });
}
