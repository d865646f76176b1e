import { command } from '../../commands/command-specs.js';
import { buyerAccess } from '../../commerce/buyer-access.js';
import { parseBuy } from '../../commerce/buy-request.js';
import { buyerOf, type PlaceResult } from '../../commerce/order-types.js';
import type { Feature } from '../../feature.js';
import type { Texts } from '../../i18n/texts.js';
import { CartHolds } from './cart-holds.js';
import { wireCartCommands } from './cart-commands.js';
import { wireCartNotices } from './cart-notices.js';
import { itemName, orderText, payWithin, reservedMerge, waitlistMerge, waitlistText } from './order-texts.js';

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
      const texts = show.texts;
      if (!mayBuy(event)) return [{ text: texts.t('orders.invitedOnly') }];
      const parsed = parseBuy(typed.words, show.catalog, show.featured, prefix, texts);
      if (!parsed.ok) return [{ text: parsed.message, ...(parsed.spans && { spans: parsed.spans }) }];
      const { request } = parsed;
      const result = await ledger.place(buyerOf(event, viewer), request);
      // Delivered twice (an edge's line redelivered after a crash): the first delivery answered.
      if (result.kind === 'duplicate') return [];
      const facts = { sku: request.item.sku, variant: request.variant.name, qty: request.qty };
      if (result.kind !== 'ordered') {
        void bus.emit('order.declined', { buyer: { platform: event.platform, viewerId: viewer.viewerId }, request: facts, result });
        const reply = { text: declinedText(texts, result, request.item.title, prefix) };
        if (result.kind !== 'waitlisted') return [reply];
        return [{ ...reply, merge: waitlistMerge(texts, request.item.title, result.qty, result.position, prefix) }];
      }
      const { order, cart } = result;
      holds.schedule({ id: cart.id, publicId: cart.publicId, holdExpiresAt: cart.holdExpiresAt });
      await bus.emit('order.placed', { order, via: 'buy', request: facts, ...(result.waitlisted && { waitlisted: result.waitlisted }) });
      const parts = [orderText(texts, order, cart, Date.now(), config.show.timezone)];
      // A limit that cut the quantity is said first, so "I ordered 2" explains the line that follows.
      if (result.capped) {
        const qty = order.qty + (result.waitlisted?.qty ?? 0);
        parts.unshift(texts.t('orders.capApplied', { max: result.capped.max, flash: result.capped.flash ? 'yes' : 'no', qty }));
      }
      if (result.waitlisted) parts.push(texts.t('orders.alsoWaitlisted', result.waitlisted));
      const reply = { text: parts.join(' '), private: true, link: holds.link(cart, texts.t('orders.linkPay')) };
      // A capped or partly waitlisted buy says more than "you're in": it is never merged.
      if (result.capped || result.waitlisted) return [reply];
      const when = payWithin(texts, cart.holdExpiresAt, Date.now(), config.show.timezone);
      return [{ ...reply, merge: reservedMerge(texts, itemName(order), when, prefix, ctx.outbox.canDirectMessage(event.platform)) }];
    });

    wireCartCommands(ctx, holds, { CART, REMOVE, CANCEL, ORDERS });
    wireCartNotices(ctx, holds);
  },
  stop: (holds) => holds.timers.stop(),
};

/** Why a buy placed nothing: a bad code, a limit, a full waitlist, or the waitlist place it got. */
function declinedText(texts: Texts, result: Exclude<PlaceResult, { kind: 'ordered' | 'duplicate' }>, title: string, prefix: string): string {
  switch (result.kind) {
    case 'bad-code':
      return texts.t('orders.badCode', { message: result.key ? texts.t(result.key) : result.message });
    case 'capped':
      if (result.address) return texts.t('orders.addressCap', { max: result.max, prefix });
      return texts.t('orders.capped', { already: result.already, title, max: result.max, flash: result.flash ? 'yes' : 'no' });
    case 'waitlist-full':
      return texts.t('orders.waitlistFull', { title, n: result.entries, prefix });
    case 'waitlisted':
      return waitlistText(texts, title, result.qty, result.position, prefix);
  }
}
