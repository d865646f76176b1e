import type { Catalog } from '../../commerce/catalog.js';
import type { FlashFact } from '../../events/show-events.js';
import type { Feature } from '../../feature.js';
import { Drops } from './drops.js';
import { announcement, type DropConfig } from './promotions-context.js';
import { flashEndText, flashLeftText, flashStartText, type SaleText } from './promotion-texts.js';
import { Unlocks } from './unlocks.js';

export type { UnlockProgress } from './unlocks.js';

/** Drops and unlocks for the admin API: fire one now, and see where each stands. */
export interface PromotionControl {
  /** Issues and announces that drop's code now; refused when unknown. */
  dropNow(id: string): Promise<DropNowResult>;
  /** Reaches that unlock now, as if its goal were met: the code is issued and announced. */
  reachUnlock(id: string): Promise<{ ok: true } | { ok: false; reason: 'unknown' | 'already-reached' | 'failed'; message: string }>;
  /** Every unlock of the show file with its live count in this run. */
  unlocks(): ReturnType<Unlocks['list']>;
  /** Every drop of the show file. */
  drops(): Array<{ id: string; discount: DropConfig['discount'] }>;
}

export type DropNowResult = { ok: true; code: string; expiresAt: number } | { ok: false; reason: 'unknown' | 'failed'; message: string };

/** What the promotions feature keeps for the whole process: unlock counts and the drops' issuer. */
export interface PromotionsState {
  unlocks: Unlocks;
  drops: Drops;
  control: PromotionControl;
}

/**
 * Group unlocks, surprise drops and flash sales. Counts and running sales live as long as the
 * process (flash sales are a commerce service: the order path prices by them); the show file's
 * plan — when drops fall, when sales start, what is announced — is wired per show file.
 */
export const promotions: Feature<PromotionsState> = {
  name: 'promotions',
  start: (services) => {
    const unlocks = new Unlocks(services, services.codes);
    const drops = new Drops(services, services.codes);
    const { show } = services;
    const control: PromotionControl = {
      dropNow: async (id) => {
        if (!show.config.promotions.drops.some((d) => d.id === id)) return { ok: false, reason: 'unknown', message: `There is no drop "${id}" in this show.` };
        const issued = await drops.fire(id, 'dashboard');
        return issued ? { ok: true, ...issued } : { ok: false, reason: 'failed', message: `The code of drop "${id}" could not be issued; see the log.` };
      },
      reachUnlock: async (id) => {
        const unlock = unlocks.list().find((u) => u.id === id);
        if (!unlock) return { ok: false, reason: 'unknown', message: `There is no unlock "${id}" in this show.` };
        if (unlock.reached) return { ok: false, reason: 'already-reached', message: `Unlock "${id}" is already reached in this show run.` };
        return (await unlocks.reachNow(id))
          ? { ok: true }
          : { ok: false, reason: 'failed', message: `The code of unlock "${id}" could not be issued; see the log.` };
      },
      unlocks: () => unlocks.list(),
      drops: () => show.config.promotions.drops.map((d) => ({ id: d.id, discount: d.discount })),
    };
    return { unlocks, drops, control };
  },
  wire: ({ config, bus, outbox, timetable, show, flash, log }, { unlocks, drops }) => {
    const { promotions: plan, show: meta } = config;
    if (plan.unlocks.length > 0) bus.on('chat.message', ({ event, viewer }) => unlocks.hear(viewer.viewerId, event.text));

    for (const drop of plan.drops) {
      const fire = () => void drops.fire(drop.id);
      if (drop.cron !== undefined) timetable.cron(`drop:${drop.id}`, drop.cron, meta.timezone, fire);
      else if (drop.randomBetween)
        timetable.randomlyWithin(`drop:${drop.id}`, drop.randomBetween, fire, (showMs) => void bus.emit('drop.scheduled', { id: drop.id, showMs }));
    }

    const startScheduled = (id: string) => {
      const result = flash.start(id, 'schedule');
      if (!result.ok) log.warn({ sale: id, reason: result.reason }, 'scheduled flash sale did not start');
    };
    for (const sale of plan.flashSales) {
      // Registered mid-run (a reload), a sale whose slot has not passed yet starts at once.
      if (sale.at !== undefined) timetable.at(`flash:${sale.id}`, sale.at, () => startScheduled(sale.id), { slackMs: sale.duration });
    }

    const sale = (fact: FlashFact) => saleText(show.catalog, fact, meta.currency);
    bus.on('flash.started', (f) => outbox.enqueue(announcement(flashStartText(show.texts, sale(f), f.durationMs))));
    bus.on('flash.countdown', (f) => outbox.enqueue(announcement(flashLeftText(show.texts, sale(f), f.leftMs))));
    bus.on('flash.ended', (f) => outbox.enqueue(announcement(flashEndText(show.texts, sale(f)))));
  },
};

/** What the announcements of a sale say about its product. */
function saleText(catalog: Catalog, sale: FlashFact, currency: string): SaleText {
  const item = catalog.find(sale.sku);
  const prices = new Set(item?.variants.map((v) => v.priceCents));
  return {
    sku: item?.sku ?? sale.sku,
    title: item?.title ?? sale.sku,
    priceCents: sale.priceCents,
    // "instead of" is only honest when every variant had the same price.
    regularCents: prices.size === 1 ? [...prices][0] : undefined,
    currency: item?.currency ?? currency,
    maxPerBuyer: sale.maxPerBuyer,
  };
}
