import type { CommandSpec } from '../../commands/command-specs.js';
import { formatMoney } from '../../commerce/money.js';
import type { FeatureContext } from '../../feature.js';
import type { CartHolds } from './cart-holds.js';
import { cartText, itemName, ordersText } from './order-texts.js';

/** `!cart`, `!remove N`, `!cancel [cart]` and `!orders`: the buyer's own cart, from any chat. */
export function wireCartCommands(ctx: FeatureContext, holds: CartHolds, specs: Record<'CART' | 'REMOVE' | 'CANCEL' | 'ORDERS', CommandSpec>): void {
  const { commands, carts, orders: ledger, payments } = ctx;

  commands.handle(specs.CART, async ({ viewer, prefix }) => {
    const cart = await carts.openOf(viewer.viewerId);
    if (!cart || cart.lines.length === 0) return [{ text: `Your cart is empty. ${prefix}buy SKU puts a product in it.` }];
    return [{ text: cartText(cart, Date.now(), prefix), private: true, link: holds.link(cart, cart.status === 'checkout' ? 'Open checkout' : 'Pay now') }];
  });

  commands.handle(specs.REMOVE, async ({ viewer, command: typed, prefix }) => {
    const n = Number(typed.args.line);
    const result = await carts.removeLine(viewer.viewerId, n);
    if (result.kind === 'no-cart') return [{ text: `Your cart is empty. ${prefix}buy SKU puts a product in it.` }];
    if (result.kind === 'locked')
      return [{ text: 'Your cart is being paid. Go back on the checkout page to change it.', link: holds.link(result.cart, 'Open checkout') }];
    if (result.kind === 'no-line') return [{ text: `Your cart has ${result.lines} ${result.lines === 1 ? 'line' : 'lines'}; ${prefix}cart numbers them.` }];
    await holds.released(result.release, 'cancelled');
    const left = result.release.cart;
    const rest =
      left.lines.length === 0 ? ' Your cart is empty now.' : ` Your cart: ${left.lines.length} left, ${formatMoney(left.itemsCents, left.currency)}.`;
    return [{ text: `Removed ${result.line.order.qty}× ${itemName(result.line.order)}.${rest}`, private: true }];
  });

  commands.handle(specs.CANCEL, async ({ viewer, command: typed, prefix }) => {
    const wanted = typeof typed.args.order === 'string' ? typed.args.order.toUpperCase() : undefined;
    const cart = await carts.openOf(viewer.viewerId);
    const line = wanted === undefined ? undefined : cart?.lines.find((l) => l.order.publicId === wanted);
    if (cart && line && cart.status === 'open') {
      // An order id from before carts: take just that line out.
      const removed = await carts.removeLine(viewer.viewerId, line.n);
      if (removed.kind === 'removed') {
        await holds.released(removed.release, 'cancelled');
        return [{ text: `Order ${wanted} is cancelled and its stock released.` }];
      }
    }
    if (!cart || (wanted !== undefined && wanted !== cart.publicId && !line)) {
      const left = await ledger.leaveWaitlist(viewer.viewerId);
      if (left > 0) return [{ text: `You left the waitlist${left > 1 ? `s (${left})` : ''}.` }];
      return [{ text: wanted ? `You have no open cart ${wanted}.` : `You have nothing to cancel. ${prefix}buy SKU to order.` }];
    }
    holds.timers.cancel(cart.id);
    const result = await carts.release(cart.id, 'cancelled');
    if (!result) return [{ text: `Cart ${cart.publicId} can no longer be cancelled here.` }];
    await payments.abandon(result.cart);
    await holds.released(result, 'cancelled');
    const what = result.released.length === 1 ? `Order ${result.released[0]!.publicId} is` : `Your cart (${result.released.length} items) is`;
    return [{ text: `${what} cancelled and its stock released.` }];
  });

  commands.handle(specs.ORDERS, async ({ viewer, prefix }) => {
    const list = await carts.listOf(viewer.viewerId);
    if (list.length === 0) return [{ text: `You have no orders in this show yet. ${prefix}buy SKU to order.` }];
    return [{ text: ordersText(list, Date.now()), private: true }];
  });
}
