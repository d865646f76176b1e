import { viewer } from '../../chat-types.js';
import type { CommandSpec } from '../../commands/command-specs.js';
import type { FeatureContext } from '../../feature.js';
import type { CartHolds } from './cart-holds.js';
import { cartText, itemName, ordersText } from './order-texts.js';

/** `!cart`, `!remove N`, `!cancel [cart]` and `!orders`: the buyer's own cart, from any chat. */
export function wireCartCommands(ctx: FeatureContext, holds: CartHolds, specs: Record<'CART' | 'REMOVE' | 'CANCEL' | 'ORDERS', CommandSpec>): void {
  const { commands, carts, orders: ledger, payments, show, config } = ctx;
  const timeZone = config.show.timezone;

  commands.handle(specs.CART, async ({ viewer, prefix }) => {
    const texts = show.texts;
    const cart = await carts.openOf(viewer.viewerId);
    if (!cart || cart.lines.length === 0) return [{ text: texts.t('orders.cartEmpty', { prefix }) }];
    const label = texts.t(cart.status === 'checkout' ? 'orders.linkCheckout' : 'orders.linkPay');
    return [{ text: cartText(texts, cart, Date.now(), prefix, timeZone), private: true, link: holds.link(cart, label) }];
  });

  commands.handle(specs.REMOVE, async ({ viewer, command: typed, prefix }) => {
    const texts = show.texts;
    const n = Number(typed.args.line);
    const result = await carts.removeLine(viewer.viewerId, n);
    if (result.kind === 'no-cart') return [{ text: texts.t('orders.cartEmpty', { prefix }) }];
    if (result.kind === 'locked') return [{ text: texts.t('orders.cartLocked'), link: holds.link(result.cart, texts.t('orders.linkCheckout')) }];
    if (result.kind === 'no-line') return [{ text: texts.t('orders.noLine', { n: result.lines, prefix }) }];
    await holds.released(result.release, 'cancelled');
    const left = result.release.cart;
    const removed = { qty: result.line.order.qty, item: itemName(result.line.order) };
    const text =
      left.lines.length === 0
        ? texts.t('orders.removedEmpty', removed)
        : texts.t('orders.removedRest', { ...removed, n: left.lines.length, items: texts.money(left.itemsCents, left.currency) });
    return [{ text, private: true }];
  });

  commands.handle(specs.CANCEL, async ({ viewer: who, command: typed, prefix }) => {
    const texts = show.texts;
    const wanted = typeof typed.args.order === 'string' ? typed.args.order.toUpperCase() : undefined;
    const cart = await carts.openOf(who.viewerId);
    const line = wanted === undefined ? undefined : cart?.lines.find((l) => l.order.publicId === wanted);
    if (cart && line && cart.status === 'open') {
      // An order id from before carts: take just that line out.
      const removed = await carts.removeLine(who.viewerId, line.n);
      if (removed.kind === 'removed') {
        await holds.released(removed.release, 'cancelled');
        return [{ text: texts.t('orders.orderCancelled', { id: wanted! }) }];
      }
    }
    if (!cart || (wanted !== undefined && wanted !== cart.publicId && !line)) {
      const left = await ledger.leaveWaitlist(who.viewerId);
      if (left > 0) return [{ text: texts.t('orders.leftWaitlist', { n: left }) }];
      // What was typed is the viewer's: marked so the renderers escape it.
      return [wanted ? { ...texts.said('orders.noCart', { id: viewer(wanted) }) } : { text: texts.t('orders.nothingToCancel', { prefix }) }];
    }
    holds.timers.cancel(cart.id);
    const result = await carts.release(cart.id, 'cancelled');
    if (!result) return [{ text: texts.t('orders.notCancellable', { id: cart.publicId }) }];
    await payments.abandon(result.cart);
    await holds.released(result, 'cancelled');
    const released = result.released;
    if (released.length === 1) return [{ text: texts.t('orders.orderCancelled', { id: released[0]!.publicId }) }];
    return [{ text: texts.t('orders.cartCancelled', { n: released.length }) }];
  });

  commands.handle(specs.ORDERS, async ({ viewer, prefix }) => {
    const texts = show.texts;
    const list = await carts.listOf(viewer.viewerId);
    if (list.length === 0) return [{ text: texts.t('orders.noOrders', { prefix }) }];
    return [{ text: ordersText(texts, list, Date.now(), timeZone), private: true }];
  });
}
