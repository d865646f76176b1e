import { parseBuy } from '../../commerce/buy-request.js';
import { quote } from '../../commerce/pricing.js';
import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';
import { itemName } from './order-texts.js';
import { buyerOf } from '../../commerce/order-types.js';
import { buyerAccess } from '../../commerce/buyer-access.js';

/** B2B: `!quote SKU qty` answers the tier price at once; `!preorder SKU qty` books units from the next batch. */
const QUOTE = command('quote', 'SKU qty', 'wholesale price for a quantity', [
  { name: 'sku', type: 'word' },
  { name: 'qty', type: 'int', min: 1, max: 100_000 },
]);
const PREORDER = command('preorder', 'SKU qty', 'pre-order from the next batch', [
  { name: 'sku', type: 'word', required: true },
  { name: 'qty', type: 'int', required: true, min: 1, max: 100_000 },
]);

export const wholesale: Feature = {
  name: 'wholesale',
  commands: [QUOTE, PREORDER],
  wire: ({ config, commands, show, orders, bus }) => {
    const privateShow = config.show.private;

    commands.handle(QUOTE, ({ command: typed, prefix }) => {
      const texts = show.texts;
      // "!quote" alone, or without the quantity, asks how a quote is asked for (not how to buy).
      if (typed.args.sku === undefined || typed.args.qty === undefined) {
        const sku = typeof typed.args.sku === 'string' ? (show.catalog.find(typed.args.sku)?.sku ?? 'SKU') : (show.catalog.all()[0]?.sku ?? 'SKU');
        return [{ text: texts.t('orders.quoteHint', { prefix, sku }) }];
      }
      const parsed = parseBuy([String(typed.args.sku), String(typed.args.qty)], show.catalog, undefined, prefix, texts);
      if (!parsed.ok) return [{ text: parsed.message, ...(parsed.spans && { spans: parsed.spans }) }];
      const { item, variant, qty } = parsed.request;
      if (!privateShow || item.wholesale.length === 0) {
        return [{ text: texts.t('orders.quoteRetail', { title: item.title, price: texts.money(variant.priceCents, item.currency) }) }];
      }
      const price = quote(item, variant, qty, { wholesale: true });
      const basis =
        price.basis === 'wholesale'
          ? texts.t('orders.quoteFrom', { min: item.wholesale.find((t) => qty >= t.minQty)!.minQty })
          : texts.t('orders.quoteStarts', { min: Math.min(...item.wholesale.map((t) => t.minQty)) });
      const unit = texts.money(price.unitCents, item.currency);
      const total = texts.money(price.totalCents, item.currency);
      return [{ text: texts.t('orders.quote', { title: item.title, qty, unit, basis, total, prefix, sku: item.sku }) }];
    });

    const mayBuy = buyerAccess(config);
    commands.handle(PREORDER, async ({ event, viewer, command: typed, prefix }) => {
      const texts = show.texts;
      if (!mayBuy(event)) return [{ text: texts.t('orders.preorderInvitedOnly') }];
      const parsed = parseBuy([String(typed.args.sku), String(typed.args.qty)], show.catalog, undefined, prefix, texts);
      if (!parsed.ok) return [{ text: parsed.message, ...(parsed.spans && { spans: parsed.spans }) }];
      const order = await orders.preorder(buyerOf(event, viewer), parsed.request);
      void bus.emit('order.preordered', { order });
      const values = { id: order.publicId, qty: order.qty, item: itemName(order), total: texts.money(order.totalCents, order.currency) };
      return [{ text: texts.t('orders.preorder', values), private: true }];
    });
  },
};
