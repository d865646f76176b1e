import type { ShowEvent, ShowEventName, ShowEvents, Where } from './show-events.js';

/** One row of the event log before the show clock is read: what analytics and the dashboard read back. */
export interface LogRow {
  type: string;
  platform?: string;
  viewerId?: number;
  at?: number;
  data: Record<string, unknown>;
}

type RowOf<K extends ShowEventName> = (payload: ShowEvents[K]) => LogRow | undefined;

/** A fact logged as its own fields under its own name. */
function plain<K extends ShowEventName>(type: K): RowOf<K> {
  return (payload) => {
    const { platform, viewerId, at, ...data } = payload as Where & Record<string, unknown>;
    return { type, ...(platform !== undefined && { platform }), ...(viewerId !== undefined && { viewerId }), ...(at !== undefined && { at }), data };
  };
}

const orderFacts = (o: { publicId: string; sku: string; qty: number }) => ({ order: o.publicId, sku: o.sku, qty: o.qty });

/**
 * How each fact is persisted, or `undefined` for facts no one reads back (poll totals while votes
 * pour in, native poll answers: the vote they cause is logged). Row names and data are what
 * analytics, the dashboard and earlier logs use, so renaming a fact never breaks history.
 */
export const LOG_ROWS: { [K in ShowEventName]: RowOf<K> | undefined } = {
  'chat.received': ({ event, viewer }) => ({
    type: 'chat.message',
    platform: event.platform,
    viewerId: viewer.viewerId,
    at: event.receivedAt,
    data: { channelId: event.channelId, messageId: event.messageId, userId: event.user.id, user: event.user.name, roles: event.user.roles, text: event.text },
  }),
  'chat.message': undefined,
  'chat.command': ({ event, viewer, command, prefix }) => ({
    type: 'command',
    platform: event.platform,
    viewerId: viewer.viewerId,
    data: { name: command.name, alias: command.alias, args: command.args, prefix },
  }),
  'command.error': ({ event, viewer, message }) => ({
    type: 'command.error',
    platform: event.platform,
    viewerId: viewer.viewerId,
    data: { text: event.text, error: message },
  }),
  'poll.answer': undefined,
  'chat.sent': plain('chat.sent'),
  'moderation.action': plain('moderation.action'),
  'moderation.permit': plain('moderation.permit'),
  'moderation.permitted': plain('moderation.permitted'),
  'faq.answered': plain('faq.answered'),
  'faq.suppressed': plain('faq.suppressed'),

  'show.live': ({ at, data }) => ({ type: 'stream.live', at, data }),
  'show.offline': ({ at, data }) => ({ type: 'stream.offline', at, data }),
  'show.featured': plain('show.featured'),
  'media.status': ({ type, at, data }) => ({ type, at, data }),
  'audience.count': ({ platform, count, rooms }) => ({ type: 'audience.count', platform, data: { count, rooms } }),
  'config.reloaded': plain('config.reloaded'),
  'config.rejected': plain('config.rejected'),
  'app.started': plain('app.started'),
  'app.stopped': plain('app.stopped'),

  'order.placed': ({ order, via, request, waitlisted }) =>
    via === 'waitlist'
      ? { type: 'waitlist.offered', viewerId: order.buyer.viewerId, data: orderFacts(order) }
      : {
          type: 'order.ordered',
          platform: order.buyer.platform,
          viewerId: order.buyer.viewerId,
          data: { ...request, kind: 'ordered', order, ...(waitlisted && { waitlisted }) },
        },
  'order.declined': ({ buyer, request, result }) => ({
    type: `order.${result.kind}`,
    platform: buyer.platform,
    viewerId: buyer.viewerId,
    data: { ...request, ...result },
  }),
  'order.released': ({ order, reason }) => ({ type: `order.${reason}`, viewerId: order.buyer.viewerId, data: orderFacts(order) }),
  'order.preordered': ({ order }) => ({
    type: 'order.preorder',
    platform: order.buyer.platform,
    viewerId: order.buyer.viewerId,
    data: { order: order.publicId, sku: order.sku, qty: order.qty, totalCents: order.totalCents },
  }),
  'payment.received': ({ report, result }) => ({
    type: `payment.${result.kind}`,
    ...('cart' in result && { viewerId: result.cart.buyer.viewerId }),
    data: { provider: report.provider, event: report.eventId, cart: 'cart' in result ? result.cart.publicId : report.cartRef, amountCents: report.amountCents },
  }),
  'checkout.failed': plain('checkout.failed'),
  'cart.fulfilment': ({ cart, step, by }) => ({
    type: `cart.${step}`,
    viewerId: cart.buyer.viewerId,
    data: { cart: cart.publicId, by, ...(cart.tracking !== null && step === 'shipped' && { tracking: cart.tracking }) },
  }),
  'cart.ended': ({ release, reason, by }) => ({ type: `cart.${reason}`, viewerId: release.cart.buyer.viewerId, data: { cart: release.cart.publicId, by } }),
  'cart.checkout': ({ cart, provider }) => ({
    type: 'cart.checkout',
    viewerId: cart.buyer.viewerId,
    data: { cart: cart.publicId, provider, totalCents: cart.totalCents, shippingCents: cart.shippingCents, delivery: cart.delivery },
  }),
  'stock.restocked': ({ sku, variant, qty, by, offers }) => ({
    type: 'stock.restocked',
    data: { sku, variant, qty, by, offered: offers.map((o) => o.publicId) },
  }),
  'cart.reopened': ({ cart }) => ({ type: 'cart.reopened', viewerId: cart.buyer.viewerId, data: { cart: cart.publicId } }),
  'tip.created': ({ tip, platform, viewerId }) => ({ type: 'tip.created', platform, viewerId, data: { tip: tip.publicId, amountCents: tip.amountCents } }),
  'tip.payment': ({ eventId, tipRef, amountCents, result }) => ({ type: `tip.${result.kind}`, data: { event: eventId, tip: tipRef, amountCents } }),
  'alert.purchase': ({ text, buyers }) => ({ type: 'alert.purchase', data: { text, buyers: buyers.length } }),
  'ambassador.registered': plain('ambassador.registered'),
  'recommendation.sent': plain('recommendation.sent'),
  'waitlist.left': plain('waitlist.left'),

  'auction.started': ({ auction, by }) => ({
    type: 'auction.started',
    data: { auction: auction.key, sku: auction.sku, startCents: auction.startCents, currency: auction.currency, endsAt: auction.endsAt, by },
  }),
  'auction.bid': plain('auction.bid'),
  'auction.outbid': undefined,
  'auction.updated': undefined,
  'auction.going': undefined,
  'auction.changed': ({ auction, change, by, at }) => ({ type: `auction.${change}`, at, data: { auction: auction.key, by } }),
  'auction.ended': ({ auction, result, by, at }) => ({
    type: 'auction.ended',
    at,
    ...(result.kind === 'sold' && { platform: result.win.buyer.platform, viewerId: result.win.buyer.viewerId }),
    data: {
      auction: auction.key,
      sku: auction.sku,
      result: result.kind,
      ...(result.kind === 'sold' ? { priceCents: result.priceCents, order: result.win.order.publicId } : { reason: result.reason }),
      startCents: auction.startCents,
      bids: auction.bids,
      by,
    },
  }),
  'auction.lapsed': plain('auction.lapsed'),
  'auction.offered': ({ auction, win, priceCents, at }) => ({
    type: 'auction.offered',
    at,
    platform: win.buyer.platform,
    viewerId: win.buyer.viewerId,
    data: { auction: auction.key, order: win.order.publicId, priceCents },
  }),

  'ai.answered': plain('ai.answered'),
  'ai.skipped': plain('ai.skipped'),
  'ai.suggested': undefined,
  'ai.held': plain('ai.held'),
  'ai.reviewed': plain('ai.reviewed'),

  'giveaway.started': ({ giveaway, by }) => ({
    type: 'giveaway.started',
    data: { giveaway: giveaway.key, sku: giveaway.sku, commitment: giveaway.commitment, closesAt: giveaway.closesAt, by },
  }),
  'giveaway.entered': ({ giveaway, platform, viewerId }) => ({ type: 'giveaway.entered', platform, viewerId, data: { giveaway: giveaway.key } }),
  'giveaway.drawn': ({ giveaway, winner, round, by }) => ({
    type: 'giveaway.drawn',
    platform: winner.platform,
    viewerId: winner.viewerId,
    data: { giveaway: giveaway.key, round, entries: giveaway.entries, seed: giveaway.seed, by },
  }),
  'giveaway.claimed': ({ giveaway, win }) => ({
    type: 'giveaway.claimed',
    platform: win.buyer.platform,
    viewerId: win.buyer.viewerId,
    data: { giveaway: giveaway.key, order: win.order.publicId },
  }),
  'giveaway.ended': ({ giveaway, reason, by }) => ({ type: 'giveaway.ended', data: { giveaway: giveaway.key, reason, entries: giveaway.entries, by } }),

  'poll.started': ({ poll, by }) => ({ type: 'poll.started', data: { poll, by } }),
  'poll.updated': undefined,
  'poll.vote': plain('poll.vote'),
  'poll.ended': ({ poll }) => ({ type: 'poll.ended', data: { poll } }),
  'poll.skipped': plain('poll.skipped'),
  'flash.started': ({ id, sku, priceCents, endsAt, by }) => ({ type: 'flash.started', data: { id, sku, priceCents, endsAt, by } }),
  'flash.countdown': undefined,
  'flash.ended': ({ id, sku, early }) => ({ type: 'flash.ended', data: { id, sku, early } }),
  'unlock.progress': plain('unlock.progress'),
  'unlock.reached': plain('unlock.reached'),
  'drop.scheduled': plain('drop.scheduled'),
  'drop.issued': plain('drop.issued'),
  'timer.sent': plain('timer.sent'),
  'timer.skipped': plain('timer.skipped'),
  'announcement.sent': plain('announcement.sent'),
  'viewer.link-requested': plain('viewer.link-requested'),
  'viewer.link-refused': plain('viewer.link-refused'),
  'viewer.linked': plain('viewer.linked'),
};

/** The log row of one event, if it is logged. */
export function logRowOf(event: ShowEvent): LogRow | undefined {
  const toRow = LOG_ROWS[event.type] as ((payload: unknown) => LogRow | undefined) | undefined;
  return toRow?.(event.payload);
}
