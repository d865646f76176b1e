import { viewer, type SaidText } from '../../chat-types.js';
import type { Texts } from '../../i18n/texts.js';
import type { Recommendation } from './recommend.js';

/**
 * One short chat line: why this product, its price (always the catalog's) and how to buy it. The
 * viewer's quoted words and a model's reason stay viewer values, for the renderers to escape.
 */
export function recommendationLine(texts: Texts, rec: Recommendation, prefix: string): SaidText {
  const { product, reason, written } = rec;
  const offer = { title: product.title, price: texts.money(product.priceCents, product.currency), prefix, sku: product.sku };
  if (written !== undefined) return texts.said('recommendations.written', { ...offer, reason: viewer(written) });
  switch (reason.kind) {
    case 'co-purchase':
      return texts.said('recommendations.coPurchase', { ...offer, because: reason.because.title });
    case 'asked':
      return texts.said('recommendations.asked', { ...offer, asked: viewer(reason.words) });
    case 'mentioned':
      return texts.said('recommendations.mentioned', offer);
    case 'bought-category':
      return texts.said('recommendations.boughtCategory', { ...offer, category: reason.category });
    case 'asked-category':
      return texts.said('recommendations.askedCategory', { ...offer, category: reason.category });
  }
}

/** The storefront's few words of why (the chat says it as a whole line), as plain text for the page. */
export function whyLine(texts: Texts, rec: Recommendation): string {
  const { reason, written } = rec;
  if (written !== undefined) return written;
  switch (reason.kind) {
    case 'co-purchase':
      return texts.t('web.chat.whyCoPurchase', { title: reason.because.title });
    case 'asked':
      return texts.t('web.chat.whyAsked', { asked: viewer(reason.words) });
    case 'mentioned':
      return texts.t('web.chat.whyMentioned');
    case 'bought-category':
      return texts.t('web.chat.whyBoughtCategory', { category: reason.category });
    case 'asked-category':
      return texts.t('web.chat.whyAskedCategory', { category: reason.category });
  }
}

/** When nothing points anywhere yet: where to look instead. */
export function nothingToRecommend(texts: Texts, prefix: string): string {
  return texts.t('recommendations.nothing', { prefix });
}
