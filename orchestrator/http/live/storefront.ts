import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { CatalogItem } from '../../commerce/catalog.js';
import type { FlashControl } from '../../commerce/flash-sales.js';
import type { RunningShow } from '../../show.js';
import type { ShowReads } from '../../store/show-reads.js';
import { isUnlimitedStock } from '../../../config/schema/index.js';
import { nextShowOf, type NextShowInfo } from './storefront-ics.js';

export interface StorefrontVariant {
  /** '' for a product without variants. */
  name: string;
  priceCents: number;
  available: number;
  /** `stock: unlimited` in the show file: never sold out, and no count worth showing. */
  unlimited: boolean;
}

export interface StorefrontProduct {
  sku: string;
  title: string;
  currency: string;
  image: string | null;
  maxPerBuyer: number | null;
  variants: StorefrontVariant[];
  /** The running flash sale's price: the price `!buy` charges now, whatever the variant (unless a variant is cheaper). */
  flash: { priceCents: number; leftMs: number; maxPerBuyer: number } | null;
}

/**
 * What the viewer page shows: public and read-only, only what the chats say anyway (prices, stock
 * left, the flash sale), no viewer ids or codes.
 */
export interface Storefront {
  /** `next`: the next scheduled show (its calendar file is GET /api/next-show.ics), null when none is. */
  show: { name: string; live: boolean; currency: string; language: string; locale: string; next: NextShowInfo | null };
  featured: StorefrontProduct | null;
  /** Every product, each with its stock, for the off-air grid (its Buy takes the same path as the card's). */
  catalog: StorefrontProduct[];
}

export interface StorefrontDeps {
  show: RunningShow;
  flash: FlashControl;
  reads: Pick<ShowReads, 'stockOf'>;
  log: Logger;
}

/** One build serves every viewer for this long: a thousand open pages cost one stock read a second. */
const FRESH_MS = 1000;

export async function storefront(deps: StorefrontDeps, now: number = Date.now()): Promise<Storefront> {
  const { config, catalog } = deps.show;
  const imageOf = (sku: string) => config.products.find((p) => p.sku === sku)?.image ?? null;
  const product = async (item: CatalogItem): Promise<StorefrontProduct> => {
    const stock = await deps.reads.stockOf(item.sku);
    const sale = deps.flash.current(item.sku, now);
    return {
      sku: item.sku,
      title: item.title,
      currency: item.currency,
      image: imageOf(item.sku),
      maxPerBuyer: item.maxPerBuyer ?? null,
      variants: item.variants.map((v) => {
        const available = stock.find((s) => s.variant.toLowerCase() === v.name.toLowerCase())?.available ?? 0;
        return { name: v.name, priceCents: v.priceCents, available, unlimited: isUnlimitedStock(available) };
      }),
      flash: sale ? { priceCents: sale.priceCents, leftMs: Math.max(0, sale.endsAt - now), maxPerBuyer: sale.maxPerBuyer } : null,
    };
  };
  const item = deps.show.featured ? catalog.find(deps.show.featured) : undefined;
  const all = await Promise.all(catalog.all().map(product));
  return {
    show: {
      name: config.show.name,
      live: deps.show.state === 'live',
      currency: config.show.currency,
      language: config.show.language,
      // The chat's money is the show's locale (Texts.money); the page writes the same figure with it.
      locale: config.show.language,
      next: nextShowOf(deps.show, now),
    },
    featured: (item && all.find((p) => p.sku === item.sku)) ?? null,
    catalog: all,
  };
}

/** GET /api/storefront: the viewer page's product card and catalog, rebuilt at most once a second. */
export function storefrontRoutes(deps: StorefrontDeps): Router {
  const router = express.Router();
  let cached: { at: number; body: Promise<Storefront> } | undefined;
  router.get('/storefront', async (_req, res, next) => {
    const now = Date.now();
    if (!cached || now - cached.at >= FRESH_MS) cached = { at: now, body: storefront(deps, now) };
    try {
      const body = await cached.body;
      // Any HTTP cache in front may serve it for as long as we do.
      res.set('Cache-Control', 'public, max-age=1').json(body);
    } catch (err) {
      cached = undefined;
      deps.log.error({ err }, 'storefront failed');
      next(err);
    }
  });
  return router;
}
