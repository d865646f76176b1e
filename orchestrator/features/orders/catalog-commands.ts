import { formatMoney } from '../../commerce/money.js';
import { featureProduct, pricesText as prices } from './feature-product.js';
import type { Feature } from '../feature.js';

/** `!price`, `!stock` and `!featured`: what is for sale, how many are left, what is on screen. */
export const catalogCommands: Feature = ({ commands, commerce, show, bus, events, config, store }) => {
  const { catalog } = commerce;
  const unknown = (word: string) => {
    const near = catalog.suggest(word);
    return `There is no product "${word}".${near.length ? ` Did you mean ${near.join(' or ')}?` : ` Products: ${catalog.all().map((i) => i.sku).join(', ')}.`}`;
  };

  commands.handle('price', ({ command }) => {
    const item = catalog.find(String(command.args.sku));
    if (!item) return [{ text: unknown(String(command.args.sku)) }];
    // Wholesale tiers are for private B2B shows only.
    const tiers = config.show.private && item.wholesale.length
      ? ` · wholesale ${item.wholesale.map((t) => `from ${t.minQty}: ${formatMoney(t.priceCents, item.currency)}`).join(', ')}`
      : '';
    return [{ text: `${item.title} (${item.sku}): ${prices(item)}${tiers}` }];
  });

  commands.handle('stock', async ({ command, prefix }) => {
    const item = catalog.find(String(command.args.sku));
    if (!item) return [{ text: unknown(String(command.args.sku)) }];
    const rows = await store.models.Product.findAll({ where: { showId: show.id, sku: item.sku }, order: [['id', 'ASC']] });
    const total = rows.reduce((n, r) => n + r.stockAvailable, 0);
    if (total === 0) return [{ text: `${item.title} is sold out. ${prefix}buy ${item.sku} puts you on the waitlist.` }];
    const each = rows.length > 1 ? rows.map((r) => `${r.variant} ${r.stockAvailable}`).join(', ') : `${total}`;
    return [{ text: `${item.title}: ${each} left.` }];
  });

  commands.handle('featured', async ({ event, command, prefix }) => {
    const wanted = command.args.sku;
    if (typeof wanted !== 'string') {
      const item = show.featured ? catalog.find(show.featured) : undefined;
      if (!item) return [{ text: `Nothing is featured right now. ${prefix}price SKU for any product.` }];
      return [{ text: `On screen now: ${item.title} (${item.sku}), ${prices(item)} — ${prefix}buy to order it.` }];
    }
    if (!event.user.roles.some((r) => r === 'moderator' || r === 'broadcaster')) {
      return [{ text: 'Only moderators can change what is featured.' }];
    }
    const item = catalog.find(wanted);
    if (!item) return [{ text: unknown(wanted) }];
    const text = await featureProduct({ show, events, bus }, item, { name: event.user.name, platform: event.platform }, prefix);
    return [{ text, broadcast: true, priority: 'alert' }];
  });
};
