import type { ShowConfig } from '../../../config/schema/index.js';
import type { PollControl, PollView } from '../../events/poll-types.js';
import type { FlashControl } from '../../commerce/flash-sales.js';
import type { RunningShow } from '../../show.js';
import type { AuctionControl } from '../../commerce/auctions/auction-types.js';
import type { GiveawayControl } from '../../commerce/giveaways/giveaway-types.js';
import { publicName } from '../../features/alerts/buyer-name.js';
import { plainAmount } from '../../features/auctions/bid-amount.js';

/** Unlock progress as the promotions report it (the dashboard also gets the discount). */
export interface UnlockProgress {
  id: string;
  keyword: string;
  count: number;
  goal: number;
  reached: boolean;
}

/** What the overlay needs to know; each part may be missing while it is being wired. */
export interface OverlaySources {
  show: RunningShow;
  flash: FlashControl;
  polls?: PollControl;
  unlocks?: () => UnlockProgress[];
  auctions?: Pick<AuctionControl, 'current'>;
  giveaways?: Pick<GiveawayControl, 'current'>;
}

/**
 * The running auction as the stream and the storefront show it: prices formatted as the chats
 * say them, the leader's name as `alerts.names` allows, and `nextPlain` for a typed `!bid`.
 */
export interface OverlayAuction {
  key: string;
  title: string;
  sku: string;
  state: 'open' | 'paused';
  price: string | null;
  start: string;
  next: string;
  nextPlain: string;
  leader: string | null;
  bids: number;
  endsAt: number;
  pausedLeftMs: number | null;
  buyNow: string | null;
}

/** The running giveaway: entries while open, then the winner (named as `alerts.names` allows) and the claim window. */
export interface OverlayGiveaway {
  key: string;
  title: string;
  state: 'open' | 'claiming';
  entries: number;
  keyword: string | null;
  closesAt: number;
  winner: string | null;
  claimUntil: number | null;
}

export interface OverlayProduct {
  sku: string;
  title: string;
  price: string;
  priceCents: number;
  currency: string;
  image: string | null;
}

/**
 * The OBS overlay's state. Public and shown on stream: only what the chats were told anyway, so
 * no viewer ids or chat text; codes join it in overlay-live.ts only once the chats were told them.
 */
export interface OverlayState {
  show: { name: string; live: boolean };
  theme: ShowConfig['overlay'];
  featured: OverlayProduct | null;
  poll: PollView | null;
  unlocks: UnlockProgress[];
  flash: Array<{ id: string; sku: string; title: string; price: string; endsAt: number }>;
  auction: OverlayAuction | null;
  giveaway: OverlayGiveaway | null;
}

/** A closed poll's result stays on screen this long. */
export const POLL_RESULT_MS = 30_000;

export function overlayState(sources: OverlaySources, now: number = Date.now()): OverlayState {
  const { config } = sources.show;
  const catalog = sources.show.catalog;
  // The figure the chats say, in the show's language: "€24.00", "2 490 ₽".
  const money = (minor: number, currency: string) => sources.show.texts.money(minor, currency);
  const product = (sku: string | undefined): OverlayProduct | null => {
    const item = sku ? catalog.find(sku) : undefined;
    if (!item) return null;
    const priceCents = Math.min(...item.variants.map((v) => v.priceCents));
    const image = config.products.find((p) => p.sku === item.sku)?.image ?? null;
    return { sku: item.sku, title: item.title, price: money(priceCents, item.currency), priceCents, currency: item.currency, image };
  };
  const someone = () => sources.show.texts.t('alerts.someone');
  const named = (name: string | undefined) => (name === undefined ? null : publicName(name, config.alerts.names, someone()));
  const a = sources.auctions?.current();
  const auction: OverlayAuction | null = a
    ? {
        key: a.key,
        title: a.title,
        sku: a.sku,
        state: a.state === 'paused' ? 'paused' : 'open',
        price: a.priceCents === undefined ? null : money(a.priceCents, a.currency),
        start: money(a.startCents, a.currency),
        next: money(a.nextCents, a.currency),
        nextPlain: plainAmount(a.nextCents, a.currency),
        leader: a.priceCents === undefined ? null : named(a.highName ?? ''),
        bids: a.bids,
        endsAt: a.endsAt,
        pausedLeftMs: a.pausedLeftMs ?? null,
        buyNow: a.buyNowCents === undefined ? null : money(a.buyNowCents, a.currency),
      }
    : null;
  const g = sources.giveaways?.current();
  const giveaway: OverlayGiveaway | null = g
    ? {
        key: g.key,
        title: g.title,
        state: g.state === 'open' ? 'open' : 'claiming',
        entries: g.entries,
        keyword: g.keyword ?? null,
        closesAt: g.closesAt,
        winner: g.state === 'open' ? null : named(g.winnerName ?? ''),
        claimUntil: g.claimUntil ?? null,
      }
    : null;
  const polls = sources.polls;
  const poll = polls?.current() ?? polls?.list().find((p) => p.state === 'closed' && now - p.endsAt < POLL_RESULT_MS) ?? null;
  return {
    show: { name: config.show.name, live: sources.show.state === 'live' },
    theme: config.overlay,
    featured: product(sources.show.featured),
    poll,
    unlocks: (sources.unlocks?.() ?? []).map(({ id, keyword, count, goal, reached }) => ({ id, keyword, count, goal, reached })),
    flash: sources.flash
      .list()
      .filter((sale) => sale.endsAt > now)
      .map((sale) => {
        const item = catalog.find(sale.sku);
        const currency = item?.currency ?? config.show.currency;
        return { id: sale.saleId, sku: sale.sku, title: item?.title ?? sale.sku, price: money(sale.priceCents, currency), endsAt: sale.endsAt };
      }),
    auction,
    giveaway,
  };
}
