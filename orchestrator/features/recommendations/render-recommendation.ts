import type { Texts } from '../../i18n/texts.js';
import type { Recommendation } from './recommend.js';

/** One short chat line: why this product, its price and how to buy it. */
export function recommendationLine(texts: Texts, rec: Recommendation, prefix: string): string {
  const { product, reason } = rec;
  const offer = { title: product.title, price: texts.money(product.priceCents, product.currency), prefix, sku: product.sku };
  switch (reason.kind) {
    case 'co-purchase':
      return texts.t('recommendations.coPurchase', { ...offer, because: reason.because.title });
    case 'mentioned':
      return texts.t('recommendations.mentioned', offer);
    case 'bought-category':
      return texts.t('recommendations.boughtCategory', { ...offer, category: reason.category });
    case 'asked-category':
      return texts.t('recommendations.askedCategory', { ...offer, category: reason.category });
  }
}

/** When nothing points anywhere yet: where to look instead. */
export function nothingToRecommend(texts: Texts, prefix: string): string {
  return texts.t('recommendations.nothing', { prefix });
}
