import type { ShowConfig } from '../../../config/schema/index.js';
import type { PollControl, PollView } from '../../events/poll-types.js';
import type { FlashControl } from '../../commerce/flash-sales.js';
import type { RunningShow } from '../../show.js';

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
  };
}
