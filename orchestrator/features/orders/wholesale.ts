import { parseBuy } from '../../commerce/buy-request.js';
import { formatMoney } from '../../commerce/money.js';
import { quote } from '../../commerce/pricing.js';
import type { Feature } from '../feature.js';
import { itemName } from './order-texts.js';
import { buyerOf } from '../../commerce/order-types.js';
import { buyerAccess } from '../../commerce/buyer-access.js';

/** B2B: `!quote SKU qty` answers the tier price at once; `!preorder SKU qty` books units from the next batch. */
export const wholesale: Feature = ({ config, commands, commerce, events }) => {
  const privateShow = config.show.private;

  commands.handle('quote', ({ command, prefix }) => {
    const parsed = parseBuy([String(command.args.sku), String(command.args.qty)], commerce.catalog, undefined, prefix);
    if (!parsed.ok) return [{ text: parsed.message }];
    const { item, variant, qty } = parsed.request;
    if (!privateShow || item.wholesale.length === 0) {
      return [{ text: `${item.title}: ${formatMoney(variant.priceCents, item.currency)} each. Wholesale prices are given in our private B2B shows; ask the seller for an invite.` }];
    }
    const price = quote(item, variant, qty, { wholesale: true });
    const basis = price.basis === 'wholesale' ? `wholesale from ${item.wholesale.find((t) => qty >= t.minQty)!.minQty}` : `wholesale starts at ${Math.min(...item.wholesale.map((t) => t.minQty))}`;
    return [
      {
        text: `${item.title} ×${qty}: ${formatMoney(price.unitCents, item.currency)} each (${basis}), ${formatMoney(price.totalCents, item.currency)} in total. ${prefix}preorder ${item.sku} ${qty} books it from the next batch.`,
      },
    ];
  });

  const mayBuy = buyerAccess(config);
  commands.handle('preorder', async ({ event, viewer, command, prefix }) => {
    if (!mayBuy(event)) return [{ text: 'Pre-orders in this private show are for invited buyers. Ask the seller for access.' }];
    const parsed = parseBuy([String(command.args.sku), String(command.args.qty)], commerce.catalog, undefined, prefix);
    if (!parsed.ok) return [{ text: parsed.message }];
    const order = await commerce.orders.preorder(buyerOf(event, viewer), parsed.request);
    events.append({ type: 'order.preorder', platform: event.platform, viewerId: viewer.viewerId, data: { order: order.publicId, sku: order.sku, qty: order.qty, totalCents: order.totalCents } });
    return [
      {
        text: `Pre-order ${order.publicId}: ${order.qty}× ${itemName(order)}, ${formatMoney(order.totalCents, order.currency)}, from the next batch. The seller will confirm the date and send the payment link.`,
        private: true,
      },
    ];
  });
};
