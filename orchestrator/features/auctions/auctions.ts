import { textBody, viewer, type ChatEvent, type Words } from '../../chat-types.js';
import type { CommandReply } from '../../commands/command-router.js';
import { command } from '../../commands/command-specs.js';
import type { BidResult } from '../../commerce/auctions/auction-types.js';
import { commandPrefix } from '../../commands/command-router.js';
import { toBuyer } from '../../commerce/notify.js';
import { buyerOf } from '../../commerce/order-types.js';
import type { Feature, FeatureContext } from '../../feature.js';
import type { Texts } from '../../i18n/texts.js';
import { parseAmount, plainAmount } from './bid-amount.js';
import { bidReplyText, changedText, goingText, outbidText, resultText, startedText } from './auction-texts.js';

const BID = command('bid', '[amount]', 'bid in the running auction (alone: the next step)', [{ name: 'amount', type: 'rest' }]);
const MAXBID = command('maxbid', 'amount', 'bid for you up to this amount in the running auction', [{ name: 'amount', type: 'rest', required: true }]);
const BUYNOW = command('buynow', '', 'end the running auction now at its buy-it-now price');

/**
 * Auctions in every chat at once: `!bid [amount]`, `!maxbid amount` and `!buynow` on every
 * platform go to the one auction house (linked accounts bid as one viewer); the start, "going
 * once", the result, outbid notices and the winner's cart are said from its facts. The house
 * itself is process-lived; this wiring only talks. Wired only for a show file with auctions.
 */
export const auctions: Feature = {
  name: 'auctions',
  commands: [BID, MAXBID, BUYNOW],
  wire: (ctx) => {
    const { commands, show, config } = ctx;
    // A show without auctions does not offer their commands (nor list them in !help).
    if (config.auctions.length === 0) return;
    const reply = (r: BidResult, event: ChatEvent, prefix: string): CommandReply[] => {
      // "You lead" goes only where it can go privately: in a room, a bidding war would flood it past
      // its rate limit, and the room hears the leader from "going once" and the result anyway.
      if (r.kind === 'leading' && !ctx.outbox.canDirectMessage(event.platform)) return [];
      return [{ text: bidReplyText(show.texts, r, prefix), private: true }];
    };

    commands.handle(BID, async ({ event, viewer: who, command: typed, prefix }) => {
      const words = String(typed.args.amount ?? '').trim();
      const cents = words === '' ? undefined : parseAmount(words);
      if (words !== '' && cents === undefined) return badAmount(ctx, words, prefix);
      return reply(await ctx.auctions.bid(buyerOf(event, who), 'bid', cents, event.receivedAt), event, prefix);
    });
    commands.handle(MAXBID, async ({ event, viewer: who, command: typed, prefix }) => {
      const words = String(typed.args.amount ?? '').trim();
      const cents = parseAmount(words);
      if (cents === undefined) return badAmount(ctx, words, prefix);
      return reply(await ctx.auctions.bid(buyerOf(event, who), 'max', cents, event.receivedAt), event, prefix);
    });
    commands.handle(BUYNOW, async ({ event, viewer: who, prefix }) => {
      const result = await ctx.auctions.buyNow(buyerOf(event, who));
      // A sale is announced to everyone with the result; the buyer hears of their cart then.
      return result.kind === 'bought' ? [] : reply(result, event, prefix);
    });
    wireNotices(ctx);
  },
};

function badAmount(ctx: FeatureContext, typed: string, prefix: string): CommandReply[] {
  const texts = ctx.show.texts;
  const running = ctx.auctions.current();
  if (!running) return [{ text: texts.t('auctions.none') }];
  const next = { next: texts.money(running.nextCents, running.currency), plain: plainAmount(running.nextCents, running.currency) };
  return [{ ...texts.said('auctions.badAmount', { typed: viewer(typed), prefix, ...next }), private: true }];
}

/** What the auction house's facts sound like in chat. */
function wireNotices(ctx: FeatureContext): void {
  const { bus, outbox, show, site } = ctx;
  const texts = (): Texts => show.texts;
  const names = () => show.config.alerts.names;
  const everyone = (words: Words) => outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: textBody(words) });

  bus.on('auction.started', ({ auction }) => everyone(startedText(texts(), auction)));
  bus.on('auction.going', ({ auction, at }) => everyone(goingText(texts(), auction, names(), at)));
  bus.on('auction.changed', ({ auction, change, at }) => everyone(changedText(texts(), auction, change, at)));
  bus.on('auction.outbid', ({ auction, priceCents, buyer }) => {
    outbox.enqueue(toBuyer(buyer, outbidText(texts(), auction, priceCents, commandPrefix(buyer.platform))));
  });
  bus.on('auction.ended', ({ auction, result, at }) => {
    everyone(resultText(texts(), auction, result, names()));
    if (result.kind !== 'sold') return;
    const { win } = result;
    const left = texts().duration(Math.max(0, (win.cart.holdExpiresAt ?? at) - at));
    const text = texts().t('auctions.won', { title: auction.title, price: texts().money(result.priceCents, auction.currency), cart: win.cart.publicId, left });
    outbox.enqueue({ ...toBuyer(win.buyer, text), link: { label: texts().t('auctions.linkPay'), url: site.cart(win.cart.token) } });
  });
  bus.on('auction.offered', ({ auction, win, priceCents, at }) => {
    const left = texts().duration(Math.max(0, (win.cart.holdExpiresAt ?? at) - at));
    const text = texts().t('auctions.offered', { title: auction.title, price: texts().money(priceCents, auction.currency), cart: win.cart.publicId, left });
    outbox.enqueue({ ...toBuyer(win.buyer, text), link: { label: texts().t('auctions.linkPay'), url: site.cart(win.cart.token) } });
  });
}
