import type { Bus } from '../../bus.js';
import type { CatalogItem } from '../../commerce/catalog.js';
import { formatMoney } from '../../commerce/money.js';
import type { RunningShow } from '../../show.js';
import type { EventLog } from '../../store/event-log.js';

/** "S €12.00, L €18.00" or "€12.00": a product's prices as chat lines show them. */
export function pricesText(item: CatalogItem): string {
  return item.variants.map((v) => `${v.name ? `${v.name} ` : ''}${formatMoney(v.priceCents, item.currency)}`).join(', ');
}

export interface FeatureDeps {
  show: Pick<RunningShow, 'featured'>;
  events: Pick<EventLog, 'append'>;
  bus: Pick<Bus, 'emit'>;
}

/**
 * Puts a product on screen, whoever asked (a moderator's `!featured SKU` or the dashboard): the
 * show's featured product, the `show.featured` event and log row. Returns the line to announce
 * everywhere; the caller sends it its own way.
 */
export async function featureProduct(deps: FeatureDeps, item: CatalogItem, by: { name: string; platform?: string }, prefix = '!'): Promise<string> {
  deps.show.featured = item.sku;
  deps.events.append({ type: 'show.featured', ...(by.platform !== undefined && { platform: by.platform }), data: { sku: item.sku, by: by.name } });
  await deps.bus.emit('show.featured', { sku: item.sku, by: by.name });
  return `Now on screen: ${item.title} (${item.sku}), ${pricesText(item)}. Type ${prefix}buy to order it!`;
}
