import { parseBuy } from '../../commerce/buy-request.js';
import { formatMoney } from '../../commerce/money.js';
import { quote } from '../../commerce/pricing.js';
import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';
import { itemName } from './order-texts.js';
import { buyerOf } from '../../commerce/order-types.js';
import { buyerAccess } from '../../commerce/buyer-access.js';

/** B2B: `!quote SKU qty` answers the tier price at once; `!preorder SKU qty` books units from the next batch. */
const QUOTE = command('quote', 'SKU qty', 'wholesale price for a quantity', [
  { name: 'sku', type: 'word', required: true },
  { name: 'qty', type: 'int', required: true, min: 1, max: 100_000 },
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
      const parsed = parseBuy([String(typed.args.sku), String(typed.args.qty)], show.catalog, undefined, prefix);
      if (!parsed.ok) return [{ text: parsed.message, ...(parsed.spans && { spans: parsed.spans }) }];
      const { item, variant, qty } = parsed.request;
      if (!privateShow || item.wholesale.length === 0) {
        return [
          {
            text: `${item.title}: ${formatMoney(variant.priceCents, item.currency)} each. Wholesale prices are given in our private B2B shows; ask the seller for an invite.`,
          },
        ];
      }
      const price = quote(item, variant, qty, { wholesale: true });
      const basis =
        price.basis === 'wholesale'
          ? `wholesale from ${item.wholesale.find((t) => qty >= t.minQty)!.minQty}`
          : `wholesale starts at ${Math.min(...item.wholesale.map((t) => t.minQty))}`;
      return [
        {
          text: `${item.title} ×${qty}: ${formatMoney(price.unitCents, item.currency)} each (${basis}), ${formatMoney(price.totalCents, item.currency)} in total. ${prefix}preorder ${item.sku} ${qty} books it from the next batch.`,
        },
      ];
    });

    const mayBuy = buyerAccess(config);
    commands.handle(PREORDER, async ({ event, viewer, command: typed, prefix }) => {
      if (!mayBuy(event)) return [{ text: 'Pre-orders in this private show are for invited buyers. Ask the seller for access.' }];
      const parsed = parseBuy([String(typed.args.sku), String(typed.args.qty)], show.catalog, undefined, prefix);
      if (!parsed.ok) return [{ text: parsed.message, ...(parsed.spans && { spans: parsed.spans }) }];
      const order = await orders.preorder(buyerOf(event, viewer), parsed.request);
      void bus.emit('order.preordered', { order });
      return [
        {
          text: `Pre-order ${order.publicId}: ${order.qty}× ${itemName(order)}, ${formatMoney(order.totalCents, order.currency)}, from the next batch. The seller will confirm the date and send the payment link.`,
          private: true,
        },
      ];
    });
  },
};
