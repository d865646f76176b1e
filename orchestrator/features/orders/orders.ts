import { parseBuy } from '../../commerce/buy-request.js';
import { checkoutLink } from '../../commerce/checkout-link.js';
import { toBuyer } from '../../commerce/notify.js';
import { buyerOf, type OrderSummary, type ReleaseResult } from '../../commerce/order-types.js';
import type { Feature, FeatureContext } from '../feature.js';
import { buyerAccess } from '../../commerce/buyer-access.js';
import { HoldTimers } from './hold-timers.js';
import { expiredText, offerText, orderText, reminderText, waitlistText } from './order-texts.js';

/**
 * Buying by chat: `!buy` reserves stock and answers with a checkout link, holds run out back to
 * stock and on to the waitlist, `!cancel` releases. Registered only when the show has a checkout.
 */
export const orders: Feature = (ctx) => {
  const checkout = ctx.config.checkout;
  if (!checkout) return;
  const { commerce, commands, bus, outbox, events } = ctx;
  const link = (order: OrderSummary, code?: string) => checkoutLink(checkout.linkTemplate, order, code);

  const timers = new HoldTimers(checkout.remindBefore, {
    remind: async (order) => {
      await commerce.orders.markReminded(order.id);
      outbox.enqueue(toBuyer(order.buyer, reminderText(order, link(order), Date.now())));
    },
    expire: async (order) => {
      const result = await commerce.orders.release(order.id, 'expired');
      if (result) await released(ctx, result, 'expired', timers, link);
      return result;
    },
  }, ctx.log);

  const mayBuy = buyerAccess(ctx.config);
  commands.handle('buy', async ({ event, viewer, command, prefix }) => {
    if (!mayBuy(event)) return [{ text: 'Buying in this private show is for invited buyers. Ask the seller for access.' }];
    const parsed = parseBuy(command.words, commerce.catalog, ctx.show.featured, prefix);
    if (!parsed.ok) return [{ text: parsed.message }];
    const buyer = buyerOf(event, viewer);
    const { request } = parsed;
    const result = await commerce.orders.place(buyer, request);
    events.append({ type: `order.${result.kind}`, platform: event.platform, viewerId: viewer.viewerId, data: { sku: request.item.sku, variant: request.variant.name, qty: request.qty, ...result } });
    if (result.kind === 'bad-code') return [{ text: `${result.message} Nothing was ordered; try again without it or with another code.` }];
    if (result.kind === 'capped') {
      const scope = result.flash ? 'during this flash sale' : 'in this show';
      return [{ text: `You already have ${result.already} of ${request.item.title}; the limit is ${result.max} per viewer ${scope}.` }];
    }
    if (result.kind === 'waitlisted') return [{ text: waitlistText(request.item.title, result.qty, result.position, prefix) }];
    timers.schedule(result.order);
    await bus.emit('order.placed', { order: result.order });
    const rest = result.waitlisted ? ` The other ${result.waitlisted.qty} wait on the waitlist as #${result.waitlisted.position}.` : '';
    return [{ text: orderText(result.order, link(result.order, result.order.code), Date.now()) + rest, private: true }];
  });

  commands.handle('cancel', async ({ viewer, command, prefix }) => {
    const wanted = typeof command.args.order === 'string' ? command.args.order : undefined;
    const order = await commerce.orders.openOrderOf(viewer.viewerId, wanted);
    if (!order) {
      const left = await commerce.orders.leaveWaitlist(viewer.viewerId);
      if (left > 0) return [{ text: `You left the waitlist${left > 1 ? `s (${left})` : ''}.` }];
      return [{ text: wanted ? `You have no open order ${wanted.toUpperCase()}.` : `You have no open order to cancel. ${prefix}buy SKU to order.` }];
    }
    timers.cancel(order.id);
    const result = await commerce.orders.release(order.id, 'cancelled');
    if (!result) return [{ text: `Order ${order.publicId} can no longer be cancelled here.` }];
    await released(ctx, result, 'cancelled', timers, link);
    return [{ text: `Order ${order.publicId} is cancelled and its stock released.` }];
  });

  void (async () => {
    for (const order of await commerce.orders.heldOrders()) {
      const summary = await commerce.orders.summary(order.id);
      if (summary) timers.schedule(summary, order.remindedAt !== null);
    }
  })().catch((err: unknown) => ctx.log.error({ err }, 'could not restore hold timers'));

  return () => timers.stop();
};

/** After a hold ends: tell the buyer (if it ran out), hand the stock to whoever waited, and start their holds. */
async function released(
  ctx: FeatureContext,
  result: ReleaseResult,
  reason: 'expired' | 'cancelled',
  timers: HoldTimers,
  link: (o: OrderSummary) => string,
): Promise<void> {
  ctx.events.append({ type: `order.${reason}`, viewerId: result.released.buyer.viewerId, data: { order: result.released.publicId, sku: result.released.sku, qty: result.released.qty } });
  await ctx.bus.emit('order.released', { order: result.released, reason });
  if (reason === 'expired') ctx.outbox.enqueue(toBuyer(result.released.buyer, expiredText(result.released)));
  for (const offer of result.offers) {
    timers.schedule(offer);
    ctx.events.append({ type: 'waitlist.offered', viewerId: offer.buyer.viewerId, data: { order: offer.publicId, sku: offer.sku, qty: offer.qty } });
    ctx.outbox.enqueue(toBuyer(offer.buyer, offerText(offer, link(offer), Date.now())));
    await ctx.bus.emit('order.placed', { order: offer });
  }
}
