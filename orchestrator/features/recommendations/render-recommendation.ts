import { formatMoney } from '../../commerce/money.js';
import type { Recommendation } from './recommend.js';

/** One short chat line: why this product, its price and how to buy it. */
export function recommendationLine(rec: Recommendation, prefix: string): string {
  const { product, reason } = rec;
  const offer = `${formatMoney(product.priceCents, product.currency)} — ${prefix}buy ${product.sku}`;
  switch (reason.kind) {
    case 'co-purchase':
      return `Because you bought ${reason.because.title}: others who did also took ${product.title}, ${offer}`;
    case 'mentioned':
      return `You asked about ${product.title}: ${offer}`;
    case 'bought-category':
      return `You bought ${reason.category} before: ${product.title}, ${offer}`;
    case 'asked-category':
      return `You asked about ${reason.category}: ${product.title}, ${offer}`;
  }
}

/** When nothing points anywhere yet: where to look instead. */
export function nothingToRecommend(prefix: string): string {
  return `Nothing picked for you yet. ${prefix}featured shows what is on screen now, and I learn from what you ask and buy.`;
}
