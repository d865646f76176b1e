import { command } from '../../commands/command-specs.js';
import { buyerAccess } from '../../commerce/buyer-access.js';
import { parseBuy } from '../../commerce/buy-request.js';
import { buyerOf } from '../../commerce/order-types.js';
import type { Feature } from '../../feature.js';
import { CartHolds } from './cart-holds.js';
import { wireCartCommands } from './cart-commands.js';
import { wireCartNotices } from './cart-notices.js';
import { orderText, waitlistText } from './order-texts.js';

const BUY = command('buy', '[SKU] [variant] [qty] [CODE]', 'order a product (the one on screen if no SKU)', [{ name: 'item', type: 'rest' }]);
const CANCEL = command('cancel', '[cart]', 'release your cart (or leave the waitlist)', [{ name: 'order', type: 'word' }]);
const CART = command('cart', '', 'show your cart and its checkout link');
const REMOVE = command('remove', 'N', 'take line N out of your cart', [{ name: 'line', type: 'int', required: true, min: 1, max: 99 }]);
const ORDERS = command('orders', '', 'where your orders stand');

/**
 * Buying by chat: `!buy` puts items in the buyer's one cart for this show (its hold extended with
 * each) and answers with the checkout link; `!cart`, `!remove N`, `!cancel` and `!orders` manage
 * it. Holds run out back to stock and on to the waitlist. Registered only when the show has a
 * checkout.
 */
export const orders: Feature<CartHolds> = {
  name: 'orders',
  commands: [BUY, CART, REMOVE, CANCEL, ORDERS],
  start: (services) => new CartHolds(services),
  wire: (ctx, holds) => {
    const { config, commands, show, orders: ledger, bus } = ctx;
    if (!config.checkout) return;
    const mayBuy = buyerAccess(config);

    commands.handle(BUY, async ({ event, viewer, command: typed, prefix }) => {
      if (!mayBuy(event)) return [{ text: 'Buying in this private show is for invited buyers. Ask the seller for access.' }];
      const parsed = parseBuy(typed.words, show.catalog, show.featured, prefix);
      if (!parsed.ok) return [{ text: parsed.message, ...(parsed.spans && { spans: parsed.spans }) }];
      const { request } = parsed;
      const result = await ledger.place(buyerOf(event, viewer), request);
      const facts = { sku: request.item.sku, variant: request.variant.name, qty: request.qty };
      if (result.kind !== 'ordered') {
        void bus.emit('order.declined', { buyer: { platform: event.platform, viewerId: viewer.viewerId }, request: facts, result });
        if (result.kind === 'bad-code') return [{ text: `${result.message} Nothing was ordered; try again without it or with another code.` }];
        if (result.kind === 'capped' && result.address) {
          return [{ text: `Too many items are already held from your network (${result.max} at once); pay or ${prefix}cancel, then try again.` }];
        }
        if (result.kind === 'capped') {
          const scope = result.flash ? 'during this flash sale' : 'in this show';
          return [{ text: `You already have ${result.already} of ${request.item.title}; the limit is ${result.max} per viewer ${scope}.` }];
        }
        if (result.kind === 'waitlist-full') {
          const products = result.entries === 1 ? 'product' : 'products';
          return [
            {
              text: `${request.item.title} is sold out, and you already wait for ${result.entries} ${products}. ${prefix}cancel leaves the waitlist, then try again.`,
            },
          ];
        }
        return [{ text: waitlistText(request.item.title, result.qty, result.position, prefix) }];
      }
      const { order, cart } = result;
      holds.schedule({ id: cart.id, publicId: cart.publicId, holdExpiresAt: cart.holdExpiresAt });
      await bus.emit('order.placed', { order, via: 'buy', request: facts, ...(result.waitlisted && { waitlisted: result.waitlisted }) });
      const rest = result.waitlisted ? ` The other ${result.waitlisted.qty} wait on the waitlist as #${result.waitlisted.position}.` : '';
      return [{ text: orderText(order, cart, Date.now()) + rest, private: true, link: holds.link(cart, 'Pay now') }];
    });

    wireCartCommands(ctx, holds, { CART, REMOVE, CANCEL, ORDERS });
    wireCartNotices(ctx, holds);
  },
  stop: (holds) => holds.timers.stop(),
};
