import type { CatalogItem } from '../../commerce/catalog.js';
import type { Texts } from '../../i18n/texts.js';
import type { RunningShow } from '../../show.js';

/** "S €12.00, L €18.00" or "€12.00": a product's prices as chat lines show them. */
export function pricesText(texts: Texts, item: CatalogItem): string {
  return item.variants
    .map((v) => {
      const price = texts.money(v.priceCents, item.currency);
      return v.name ? texts.t('orders.variantPrice', { name: v.name, price }) : price;
    })
    .join(', ');
}

/**
 * Puts a product on screen, whoever asked (a moderator's `!featured SKU`, the dashboard, a poll's
 * winner). Returns the line to announce everywhere, in the show's language; the caller sends it its own way.
 */
export async function featureProduct(
  show: Pick<RunningShow, 'feature' | 'texts'>,
  item: CatalogItem,
  by: { name: string; platform?: string },
  prefix = '!',
): Promise<string> {
  await show.feature(item.sku, by);
  const texts = show.texts;
  return texts.t('orders.nowOnScreen', { title: item.title, sku: item.sku, prices: pricesText(texts, item), prefix });
}
