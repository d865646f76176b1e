import type { ShowConfig } from '../../config/schema/index.js';
import { closest } from '../commands/edit-distance.js';
import { toCents } from '../store/catalog-sync.js';

export interface CatalogVariant {
  /** '' for a product without variants. */
  name: string;
  priceCents: number;
}

export interface CatalogItem {
  sku: string;
  title: string;
  currency: string;
  category: string | undefined;
  maxPerBuyer: number | undefined;
  variants: CatalogVariant[];
  wholesale: Array<{ minQty: number; priceCents: number }>;
}

/** The products of the show file, looked up the forgiving way viewers type them. */
export class Catalog {
  private readonly bySku = new Map<string, CatalogItem>();

  constructor(config: ShowConfig) {
    for (const p of config.products) {
      this.bySku.set(p.sku.toUpperCase(), {
        sku: p.sku,
        title: p.title,
        currency: p.currency ?? config.show.currency,
        category: p.category,
        // Nobody may hoard a product: without its own cap, the checkout's default applies.
        maxPerBuyer: p.maxPerBuyer ?? config.checkout?.limits.maxPerBuyer,
        variants: (p.variants ?? [{ name: '', price: undefined }]).map((v) => ({ name: v.name, priceCents: toCents(v.price ?? p.price) })),
        wholesale: (p.wholesale ?? []).map((t) => ({ minQty: t.minQty, priceCents: toCents(t.price) })).sort((a, b) => b.minQty - a.minQty),
      });
    }
  }

  find(sku: string): CatalogItem | undefined {
    return this.bySku.get(sku.toUpperCase());
  }

  all(): CatalogItem[] {
    return [...this.bySku.values()];
  }

  variant(item: CatalogItem, name: string): CatalogVariant | undefined {
    return item.variants.find((v) => v.name.toLowerCase() === name.toLowerCase());
  }

  /** SKUs close to what was typed, for "did you mean" replies. */
  suggest(word: string): string[] {
    const upper = word.toUpperCase();
    const bySku = closest(upper, this.bySku.keys());
    const byTitle = this.all()
      .filter((i) => i.title.toLowerCase().includes(word.toLowerCase()) && word.length >= 3)
      .map((i) => i.sku.toUpperCase());
    return [...new Set([...bySku, ...byTitle])].map((s) => this.bySku.get(s)!.sku).slice(0, 3);
  }
}
