import type { ShowConfig } from '../../config/schema/index.js';
import type { StoreAccess } from './store.js';

export interface CatalogChange {
  sku: string;
  variant: string;
  change: 'added' | 'updated' | 'restocked';
  /** Units held or sold beyond the new stock figure: nothing is offered to the waitlist until real stock covers them. */
  deficit?: number;
}

/** Cents from a YAML price; prices are integers from here on so totals never drift. */
export function toCents(price: number): number {
  return Math.round(price * 100);
}

/**
 * Brings the products table in line with the show file without losing sales: titles and prices
 * follow the file; a changed stock figure moves the stock and what is available by how much the
 * file's figure changed (a restock from the dashboard stays), so units already reserved or sold
 * stay taken. A figure below what is taken leaves availability negative:
 * that deficit is kept (not rounded up to zero), so freed units pay it off before anyone else is
 * offered one, and it is reported.
 */
export async function syncCatalog(store: Pick<StoreAccess, 'models' | 'writes'>, config: ShowConfig): Promise<CatalogChange[]> {
  const showId = config.show.id;
  const changes: CatalogChange[] = [];
  await store.writes.run(async (transaction) => {
    await store.models.Show.upsert({ id: showId, name: config.show.name }, { transaction });
    for (const p of config.products) {
      const variants = p.variants ?? [{ name: '', stock: p.stock ?? 0, price: undefined }];
      for (const v of variants) {
        const values = {
          title: p.title,
          category: p.category ?? null,
          imageUrl: p.image ?? null,
          priceCents: toCents(v.price ?? p.price),
          currency: p.currency ?? config.show.currency,
          maxPerBuyer: p.maxPerBuyer ?? null,
        };
        const row = await store.models.Product.findOne({ where: { showId, sku: p.sku, variant: v.name }, transaction });
        if (!row) {
          await store.models.Product.create(
            { showId, sku: p.sku, variant: v.name, ...values, stockTotal: v.stock, stockAvailable: v.stock, stockFile: v.stock },
            { transaction },
          );
          changes.push({ sku: p.sku, variant: v.name, change: 'added' });
          continue;
        }
        const delta = v.stock - (row.stockFile ?? row.stockTotal);
        const changed = delta !== 0 || Object.entries(values).some(([k, val]) => row.get(k) !== val);
        if (!changed) continue;
        const available = row.stockAvailable + delta;
        await row.update({ ...values, stockTotal: row.stockTotal + delta, stockAvailable: available, stockFile: v.stock }, { transaction });
        changes.push({ sku: p.sku, variant: v.name, change: delta !== 0 ? 'restocked' : 'updated', ...(available < 0 && { deficit: -available }) });
      }
    }
  });
  return changes;
}
