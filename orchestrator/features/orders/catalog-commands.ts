import type { CommandReply } from '../../commands/command-router.js';
import { command } from '../../commands/command-specs.js';
import { unknownProduct } from '../../commerce/buy-request.js';
import type { CatalogItem } from '../../commerce/catalog.js';
import type { Feature } from '../../feature.js';
import { isUnlimitedStock } from '../../../config/schema/index.js';
import { featureProduct, pricesText as prices } from './feature-product.js';

const PRICE = command('price', '[SKU]', 'the price of a product', [{ name: 'sku', type: 'word' }]);
const STOCK = command('stock', '[SKU]', 'how many are left', [{ name: 'sku', type: 'word' }]);
const FEATURED = command('featured', '[SKU]', 'what is on screen now (moderators: set it)', [{ name: 'sku', type: 'word' }]);

/** `!price`, `!stock` and `!featured`: what is for sale, how many are left, what is on screen. */
export const catalogCommands: Feature = {
  name: 'catalog',
  commands: [PRICE, STOCK, FEATURED],
  wire: ({ commands, show, reads, config }) => {
    const catalog = show.catalog;

    /** The product asked about: the SKU typed, else the one on screen; or the reply saying which is missing. */
    const productOf = (sku: unknown, typed: string, prefix: string): CatalogItem | CommandReply => {
      const texts = show.texts;
      if (typeof sku === 'string') return catalog.find(sku) ?? { ...unknownProduct(texts, catalog, sku) };
      const featured = show.featured !== undefined ? catalog.find(show.featured) : undefined;
      return featured ?? { text: texts.t('orders.askProduct', { prefix, command: typed, sku: catalog.all()[0]?.sku ?? 'SKU' }) };
    };

    commands.handle(PRICE, ({ command: typed, prefix }) => {
      const texts = show.texts;
      const item = productOf(typed.args.sku, typed.alias, prefix);
      if (!('sku' in item)) return [item];
      const values = { title: item.title, sku: item.sku, prices: prices(texts, item) };
      // Wholesale tiers are for private B2B shows only.
      if (!config.show.private || item.wholesale.length === 0) return [{ text: texts.t('orders.price', values) }];
      const tiers = item.wholesale.map((t) => texts.t('orders.tier', { min: t.minQty, price: texts.money(t.priceCents, item.currency) })).join(', ');
      return [{ text: texts.t('orders.priceWholesale', { ...values, tiers }) }];
    });

    commands.handle(STOCK, async ({ command: typed, prefix }) => {
      const texts = show.texts;
      const item = productOf(typed.args.sku, typed.alias, prefix);
      if (!('sku' in item)) return [item];
      const rows = await reads.stockOf(item.sku);
      const total = rows.reduce((n, r) => n + r.available, 0);
      if (total === 0) return [{ text: texts.t('orders.soldOut', { title: item.title, prefix, sku: item.sku }) }];
      // An unlimited product has no count worth telling: "in stock" stands for it.
      const count = (available: number) => (isUnlimitedStock(available) ? texts.t('orders.inStock') : String(available));
      const left = rows.length > 1 ? rows.map((r) => `${r.variant} ${count(r.available)}`).join(', ') : count(total);
      return [{ text: texts.t('orders.stockLeft', { title: item.title, left }) }];
    });

    commands.handle(FEATURED, async ({ event, command: typed, prefix }) => {
      const texts = show.texts;
      const wanted = typed.args.sku;
      if (typeof wanted !== 'string') {
        const item = show.featured ? catalog.find(show.featured) : undefined;
        if (!item) return [{ text: texts.t('orders.nothingFeatured', { prefix }) }];
        return [{ text: texts.t('orders.onScreen', { title: item.title, sku: item.sku, prices: prices(texts, item), prefix }) }];
      }
      if (!event.user.roles.some((r) => r === 'moderator' || r === 'broadcaster')) {
        return [{ text: texts.t('orders.featuredModsOnly') }];
      }
      const item = catalog.find(wanted);
      if (!item) return [{ ...unknownProduct(texts, catalog, wanted) }];
      const text = await featureProduct(show, item, { name: event.user.name, platform: event.platform }, prefix);
      return [{ text, broadcast: true, priority: 'alert' }];
    });
  },
};
