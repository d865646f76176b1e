import { said, viewer } from '../../chat-types.js';
import { command } from '../../commands/command-specs.js';
import { formatMoney } from '../../commerce/money.js';
import type { Feature } from '../../feature.js';
import { featureProduct, pricesText as prices } from './feature-product.js';

const PRICE = command('price', 'SKU', 'the price of a product', [{ name: 'sku', type: 'word', required: true }]);
const STOCK = command('stock', 'SKU', 'how many are left', [{ name: 'sku', type: 'word', required: true }]);
const FEATURED = command('featured', '[SKU]', 'what is on screen now (moderators: set it)', [{ name: 'sku', type: 'word' }]);

/** `!price`, `!stock` and `!featured`: what is for sale, how many are left, what is on screen. */
export const catalogCommands: Feature = {
  name: 'catalog',
  commands: [PRICE, STOCK, FEATURED],
  wire: ({ commands, show, reads, config }) => {
    const catalog = show.catalog;
    const unknown = (word: string) => {
      const near = catalog.suggest(word);
      return said`There is no product "${viewer(word)}".${
        near.length
          ? ` Did you mean ${near.join(' or ')}?`
          : ` Products: ${catalog
              .all()
              .map((i) => i.sku)
              .join(', ')}.`
      }`;
    };

    commands.handle(PRICE, ({ command: typed }) => {
      const item = catalog.find(String(typed.args.sku));
      if (!item) return [{ ...unknown(String(typed.args.sku)) }];
      // Wholesale tiers are for private B2B shows only.
      const tiers =
        config.show.private && item.wholesale.length
          ? ` · wholesale ${item.wholesale.map((t) => `from ${t.minQty}: ${formatMoney(t.priceCents, item.currency)}`).join(', ')}`
          : '';
      return [{ text: `${item.title} (${item.sku}): ${prices(item)}${tiers}` }];
    });

    commands.handle(STOCK, async ({ command: typed, prefix }) => {
      const item = catalog.find(String(typed.args.sku));
      if (!item) return [{ ...unknown(String(typed.args.sku)) }];
      const rows = await reads.stockOf(item.sku);
      const total = rows.reduce((n, r) => n + r.available, 0);
      if (total === 0) return [{ text: `${item.title} is sold out. ${prefix}buy ${item.sku} puts you on the waitlist.` }];
      const each = rows.length > 1 ? rows.map((r) => `${r.variant} ${r.available}`).join(', ') : `${total}`;
      return [{ text: `${item.title}: ${each} left.` }];
    });

    commands.handle(FEATURED, async ({ event, command: typed, prefix }) => {
      const wanted = typed.args.sku;
      if (typeof wanted !== 'string') {
        const item = show.featured ? catalog.find(show.featured) : undefined;
        if (!item) return [{ text: `Nothing is featured right now. ${prefix}price SKU for any product.` }];
        return [{ text: `On screen now: ${item.title} (${item.sku}), ${prices(item)} — ${prefix}buy to order it.` }];
      }
      if (!event.user.roles.some((r) => r === 'moderator' || r === 'broadcaster')) {
        return [{ text: 'Only moderators can change what is featured.' }];
      }
      const item = catalog.find(wanted);
      if (!item) return [{ ...unknown(wanted) }];
      const text = await featureProduct(show, item, { name: event.user.name, platform: event.platform }, prefix);
      return [{ text, broadcast: true, priority: 'alert' }];
    });
  },
};
