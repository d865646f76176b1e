import type { NameStyle } from '../../../config/schema/primitives.js';
import type { AuctionResult, AuctionView, BidResult } from '../../commerce/auctions/auction-types.js';
import { viewer, type Words } from '../../chat-types.js';
import type { Texts } from '../../i18n/texts.js';
import { publicName } from '../alerts/buyer-name.js';
import { plainAmount } from './bid-amount.js';

/** Broadcasts name no platform: they quote commands as most chats write them. */
const PREFIX = '!';

const price = (texts: Texts, a: AuctionView, cents = a.priceCents ?? a.startCents) => texts.money(cents, a.currency);
const next = (texts: Texts, a: AuctionView, nextCents = a.nextCents) => ({
  next: texts.money(nextCents, a.currency),
  plain: plainAmount(nextCents, a.currency),
});

export function startedText(texts: Texts, a: AuctionView): string {
  return texts.t('auctions.started', {
    title: a.title,
    start: texts.money(a.startCents, a.currency),
    duration: texts.duration(a.endsAt - a.startedAt),
    prefix: PREFIX,
    buyNow: a.buyNowCents === undefined ? 'none' : texts.money(a.buyNowCents, a.currency),
    sudden: a.suddenDeath ? 'yes' : 'no',
  });
}

/** The answer to one `!bid`, `!maxbid` or `!buynow`, to the bidder alone. */
export function bidReplyText(texts: Texts, r: BidResult, prefix: string): string {
  if (r.kind === 'refused' && (r.reason === 'none' || !r.auction)) return texts.t('auctions.none');
  const a = r.auction!;
  switch (r.kind) {
    case 'leading':
      return texts.t('auctions.leading', {
        title: a.title,
        price: price(texts, a, r.priceCents),
        max: r.maxCents > r.priceCents ? texts.money(r.maxCents, a.currency) : 'none',
      });
    case 'outbid': {
      const step = a.nextCents - (a.priceCents ?? 0);
      return texts.t('auctions.outbidAtOnce', { title: a.title, price: price(texts, a, r.priceCents), prefix, ...next(texts, a, r.priceCents + step) });
    }
    case 'raised':
      return texts.t('auctions.raised', { title: a.title, max: texts.money(r.maxCents, a.currency), price: price(texts, a) });
    case 'bought':
      return texts.t('auctions.sold', { title: a.title, name: r.win?.buyer.name ?? '', price: price(texts, a), bids: a.bids });
    case 'refused':
      switch (r.reason) {
        case 'too-low':
          return texts.t('auctions.tooLow', { title: a.title, prefix, ...next(texts, a, r.neededCents) });
        case 'already-high':
          return texts.t('auctions.alreadyHigh', { price: price(texts, a), prefix });
        case 'max-not-higher':
          return texts.t('auctions.maxNotHigher', next(texts, a, r.neededCents));
        case 'paused':
          return texts.t('auctions.paused');
        case 'no-buy-now':
          return texts.t('auctions.noBuyNow');
        default:
          return texts.t('auctions.closed', { title: a.title });
      }
  }
}

export function outbidText(texts: Texts, a: AuctionView, priceCents: number, prefix: string): string {
  const step = a.nextCents - (a.priceCents ?? 0);
  return texts.t('auctions.outbid', { title: a.title, price: price(texts, a, priceCents), prefix, plain: plainAmount(priceCents + step, a.currency) });
}

/** The leader's or winner's name is a viewer's value: said as one, so every renderer escapes it. */
export function goingText(texts: Texts, a: AuctionView, names: NameStyle, now: number): Words {
  const left = texts.duration(Math.max(1000, a.endsAt - now));
  if (a.priceCents === undefined) return texts.t('auctions.goingEmpty', { title: a.title, left, prefix: PREFIX, ...next(texts, a) });
  const name = viewer(publicName(a.highName ?? '', names, texts.t('alerts.someone')));
  return texts.said('auctions.going', { title: a.title, price: price(texts, a), name, left, prefix: PREFIX, plain: plainAmount(a.nextCents, a.currency) });
}

export function changedText(texts: Texts, a: AuctionView, change: 'paused' | 'resumed', now: number): string {
  if (change === 'paused') return texts.t('auctions.pausedAll', { title: a.title, price: price(texts, a) });
  return texts.t('auctions.resumedAll', { title: a.title, left: texts.duration(a.endsAt - now), prefix: PREFIX, plain: plainAmount(a.nextCents, a.currency) });
}

export function resultText(texts: Texts, a: AuctionView, result: AuctionResult, names: NameStyle): Words {
  if (result.kind === 'sold') {
    const name = viewer(publicName(result.win.buyer.name, names, texts.t('alerts.someone')));
    return texts.said('auctions.sold', { title: a.title, name, price: texts.money(result.priceCents, a.currency), bids: a.bids });
  }
  switch (result.reason) {
    case 'no-bids':
      return texts.t('auctions.unsoldNoBids', { title: a.title });
    case 'reserve':
      return texts.t('auctions.unsoldReserve', { title: a.title, price: price(texts, a) });
    case 'no-stock':
      return texts.t('auctions.unsoldNoStock', { title: a.title });
    default:
      return texts.t('auctions.unsoldEarly', { title: a.title });
  }
}
