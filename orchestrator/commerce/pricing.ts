import type { CatalogItem, CatalogVariant } from './catalog.js';

export type DiscountRule = { percent: number } | { amountCents: number };

export interface PriceQuote {
  unitCents: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  /** Why the unit price is what it is, for the reply ("wholesale from 10", "flash sale"). */
  basis: 'list' | 'wholesale' | 'flash';
}

/**
 * The price of `qty` units: the variant's list price, a flash-sale price or a wholesale tier,
 * whichever is lowest, then one discount. Integer cents throughout; never below zero.
 */
export function quote(
  item: CatalogItem,
  variant: CatalogVariant,
  qty: number,
  options: { flashCents?: number; wholesale?: boolean; discount?: DiscountRule } = {},
): PriceQuote {
  let unitCents = variant.priceCents;
  let basis: PriceQuote['basis'] = 'list';
  if (options.wholesale) {
    const tier = item.wholesale.find((t) => qty >= t.minQty);
    if (tier && tier.priceCents < unitCents) {
      unitCents = tier.priceCents;
      basis = 'wholesale';
    }
  }
  if (options.flashCents !== undefined && options.flashCents < unitCents) {
    unitCents = options.flashCents;
    basis = 'flash';
  }
  const subtotalCents = unitCents * qty;
  const discountCents = Math.min(subtotalCents, discountOf(subtotalCents, options.discount));
  return { unitCents, subtotalCents, discountCents, totalCents: subtotalCents - discountCents, basis };
}

function discountOf(subtotal: number, rule: DiscountRule | undefined): number {
  if (!rule) return 0;
  if ('percent' in rule) return Math.round((subtotal * rule.percent) / 100);
  return rule.amountCents;
}
