import type { CatalogItem } from '../../commerce/catalog.js';
import { formatMoney } from '../../commerce/money.js';
import type { RunningShow } from '../../show.js';

/** "S €12.00, L €18.00" or "€12.00": a product's prices as chat lines show them. */
export function pricesText(item: CatalogItem): string {
  return item.variants.map((v) => `${v.name ? `${v.name} ` : ''}${formatMoney(v.priceCents, item.currency)}`).join(', ');
}

/**
 * Puts a product on screen, whoever asked (a moderator's `!featured SKU`, the dashboard, a poll's
 * winner). Returns the line to announce everywhere; the caller sends it its own way.
 */
export async function featureProduct(
  show: Pick<RunningShow, 'feature'>,
  item: CatalogItem,
  by: { name: string; platform?: string },
  prefix = '!',
): Promise<string> {
  await show.feature(item.sku, by);
  return `Now on screen: ${item.title} (${item.sku}), ${pricesText(item)}. Type ${prefix}buy to order it!`;
}
