import type { RunningShow } from '../../show.js';
import type { ShowReads } from '../../store/show-reads.js';
import { isUnlimitedStock } from '../../../config/schema/index.js';
import { pricesText } from '../orders/feature-product.js';
import type { LedgerTools } from './grounded-answers.js';

/** The model's tools, answered from the ledger and the catalog in force, as `!price` and `!stock` would say it. */
export function ledgerTools(show: RunningShow, reads: Pick<ShowReads, 'stockOf'>): LedgerTools {
  return {
    price: (sku) => {
      const item = show.catalog.find(sku);
      return item && { sku: item.sku, title: item.title, prices: pricesText(show.texts, item) };
    },
    stock: async (sku) => {
      const item = show.catalog.find(sku);
      if (!item) return undefined;
      const rows = await reads.stockOf(item.sku);
      const say = (n: number) => (isUnlimitedStock(n) ? 'in stock' : String(n));
      const left = rows.length > 1 ? rows.map((r) => `${r.variant} ${say(r.available)}`).join(', ') : say(rows[0]?.available ?? 0);
      return { sku: item.sku, title: item.title, left };
    },
    featured: () => {
      const item = show.featured ? show.catalog.find(show.featured) : undefined;
      return item ? { sku: item.sku, title: item.title } : { featured: null };
    },
  };
}
