import { command } from '../../commands/command-specs.js';
import { buyerAccess } from '../../commerce/buyer-access.js';
import { parseBuy } from '../../commerce/buy-request.js';
import { checkoutLink } from '../../commerce/checkout-link.js';
import { toBuyer } from '../../commerce/notify.js';
import { buyerOf, type OrderSummary, type ReleaseResult } from '../../commerce/order-types.js';
import type { Feature, FeatureServices } from '../../feature.js';
import { HoldTimers } from './hold-timers.js';
import { expiredText, offerText, orderText, reminderText, waitlistText } from './order-texts.js';

const BUY = command('buy', '[SKU] [variant] [qty] [CODE]', 'order a product (the one on screen if no SKU)', [{ name: 'item', type: 'rest' }]);
const CANCEL = command('cancel', '[order]', 'release your held order', [{ name: 'order', type: 'word' }]);

/**
 * Holds in flight: a reminder before each hold ends and its release when it does, then the freed
 * stock offered to the waitlist. Process-lived, so a reload never drops or doubles a hold's timers;
 * after a restart they are rebuilt from the held orders in the store.
 */
class Holds {
  readonly timers: HoldTimers;

  constructor(private readonly services: FeatureServices) {
    const { show, orders, outbox, log } = services;
    this.timers = new HoldTimers(
      () => show.config.checkout?.remindBefore ?? 0,
      {
        remind: async (order) => {
          await orders.markReminded(order.id);
          outbox.enqueue(toBuyer(order.buyer, reminderText(order, this.link(order), Date.now())));
        },
        expire: async (order) => {
          const result = await orders.release(order.id, 'expired');
          if (result) await this.released(result, 'expired');
          return result;
        },
      },
      log,
    );
    if (show.config.checkout) void this.restore().catch((err: unknown) => log.error({ err }, 'could not restore hold timers'));
  }

  /** The checkout link of the show file in force. */
  link(order: OrderSummary, code?: string): string {
    const checkout = this.services.show.config.checkout;
    return checkout ? checkoutLink(checkout.linkTemplate, order, code) : '';
  }

  /** After a hold ends: tell the buyer (if it ran out), hand the stock to whoever waited, and start their holds. */
  async released(result: ReleaseResult, reason: 'expired' | 'cancelled'): Promise<void> {
    const { bus, outbox } = this.services;
    await bus.emit('order.released', { order: result.released, reason });
    if (reason === 'expired') outbox.enqueue(toBuyer(result.released.buyer, expiredText(result.released)));
    for (const offer of result.offers) {
      this.timers.schedule(offer);
      outbox.enqueue(toBuyer(offer.buyer, offerText(offer, this.link(offer), Date.now())));
      await bus.emit('order.placed', { order: offer, via: 'waitlist' });
    }
  }

  private async restore(): Promise<void> {
    const { orders } = this.services;
    for (const order of await orders.heldOrders()) {
      const summary = await orders.summary(order.id);
      if (summary) this.timers.schedule(summary, order.remindedAt !== null);
    }
  }
}

/**
 * Buying by chat: `!buy` reserves stock and answers with a checkout link, holds run out back to
 * stock and on to the waitlist, `!cancel` releases. Registered only when the show has a checkout.
 */
export const orders: Feature<Holds> = {
  name: 'orders',
  commands: [BUY, CANCEL],
  start: (services) => new Holds(services),
  wire: ({ config, commands, show, orders: ledger, bus }, holds) => {
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
          return [{ text: `Too many items are already held from your network (${result.max} at once); pay or ${prefix}cancel one, then try again.` }];
        }
        if (result.kind === 'capped') {
          const scope = result.flash ? 'during this flash sale' : 'in this show';
          return [{ text: `You already have ${result.already} of ${request.item.title}; the limit is ${result.max} per viewer ${scope}.` }];
        }
        if (result.kind === 'waitlist-full') {
          return [
            {
              text: `${request.item.title} is sold out, and you already wait for ${result.entries} ${result.entries === 1 ? 'product' : 'products'}. ${prefix}cancel leaves the waitlist, then try again.`,
            },
          ];
        }
        return [{ text: waitlistText(request.item.title, result.qty, result.position, prefix) }];
      }
      holds.timers.schedule(result.order);
      await bus.emit('order.placed', { order: result.order, via: 'buy', request: facts, ...(result.waitlisted && { waitlisted: result.waitlisted }) });
      const rest = result.waitlisted ? ` The other ${result.waitlisted.qty} wait on the waitlist as #${result.waitlisted.position}.` : '';
      return [{ text: orderText(result.order, holds.link(result.order, result.order.code), Date.now()) + rest, private: true }];
    });

    commands.handle(CANCEL, async ({ viewer, command: typed, prefix }) => {
      const wanted = typeof typed.args.order === 'string' ? typed.args.order : undefined;
      const order = await ledger.openOrderOf(viewer.viewerId, wanted);
      if (!order) {
        const left = await ledger.leaveWaitlist(viewer.viewerId);
        if (left > 0) return [{ text: `You left the waitlist${left > 1 ? `s (${left})` : ''}.` }];
        return [{ text: wanted ? `You have no open order ${wanted.toUpperCase()}.` : `You have no open order to cancel. ${prefix}buy SKU to order.` }];
      }
      holds.timers.cancel(order.id);
      const result = await ledger.release(order.id, 'cancelled');
      if (!result) return [{ text: `Order ${order.publicId} can no longer be cancelled here.` }];
      await holds.released(result, 'cancelled');
      return [{ text: `Order ${order.publicId} is cancelled and its stock released.` }];
    });
  },
  stop: (holds) => holds.timers.stop(),
};
