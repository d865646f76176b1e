import type { FlashPrice, FlashSaleBoard, PromoIssuer } from '../../commerce/promo-issuer.js';
import { Drops } from './drops.js';
import { FlashSales, type FlashStartResult } from './flash-sales.js';
import type { PromotionsContext } from './promotions-context.js';
import { cronScheduler, type CronScheduler } from '../../shared/cron.js';
import { Unlocks, type UnlockProgress } from './unlocks.js';
import type { DropConfig } from './promotions-context.js';

export type { PromotionsContext } from './promotions-context.js';
export type { FlashStartResult } from './flash-sales.js';
export type { UnlockProgress } from './unlocks.js';

/** Drops and unlocks for the admin API: fire one now, and see where each stands. */
export interface PromotionControl {
  /** Issues and announces that drop's code now; refused when unknown or before the feature runs. */
  dropNow(id: string): Promise<DropNowResult>;
  /** Reaches that unlock now, as if its goal were met: the code is issued and announced. */
  reachUnlock(id: string): Promise<{ ok: true } | { ok: false; reason: 'unknown' | 'already-reached' | 'failed' | 'not-ready'; message: string }>;
  /** Every unlock of the show file with its live count in this run. */
  unlocks(): UnlockProgress[];
  /** Every drop of the show file. */
  drops(): Array<{ id: string; discount: DropConfig['discount'] }>;
}

export type DropNowResult = { ok: true; code: string; expiresAt: number } | { ok: false; reason: 'unknown' | 'failed' | 'not-ready'; message: string };

/** What the admin API and the order path use: the live price of a SKU, and starting/ending sales. */
export interface FlashControl extends FlashSaleBoard {
  /** Starts a flash sale of the show file now; refused (with a reason) when unknown or running. */
  start(id: string): FlashStartResult;
  /** Ends a running sale early and says so in every chat; false when it was not running. */
  stop(id: string): boolean;
  /** Sales running now, for the dashboard. */
  list(): Array<FlashPrice & { sku: string }>;
}

export interface PromotionsOptions {
  /** Where random drop moments come from; Math.random unless a test pins it. */
  random?: () => number;
  /** How cron drops are scheduled; croner unless a test drives it by hand. */
  cron?: CronScheduler;
}

export interface Promotions {
  /** Fits `Feature`: subscribe it like any other; it returns its own stop. */
  feature: (ctx: PromotionsContext) => () => void;
  flash: FlashControl;
  control: PromotionControl;
}

/**
 * Group unlocks, surprise drops and flash sales for one show. The flash control exists before the
 * feature is wired (it answers "no sale" and refuses to start until then), so the order path and
 * the admin API can be built with it up front.
 */
export function createPromotions(issuer: PromoIssuer, options: PromotionsOptions = {}): Promotions {
  let sales: FlashSales | undefined;
  let wired: { config: PromotionsContext['config']; unlocks: Unlocks; drops: Drops } | undefined;
  const notReady = { ok: false as const, reason: 'not-ready' as const, message: 'Promotions are not running yet.' };
  const control: PromotionControl = {
    dropNow: async (id) => {
      if (!wired) return notReady;
      if (!wired.config.promotions.drops.some((d) => d.id === id)) return { ok: false, reason: 'unknown', message: `There is no drop "${id}" in this show.` };
      const issued = await wired.drops.dropNow(id);
      return issued ? { ok: true, ...issued } : { ok: false, reason: 'failed', message: `The code of drop "${id}" could not be issued; see the log.` };
    },
    reachUnlock: async (id) => {
      if (!wired) return notReady;
      const unlock = wired.unlocks.list().find((u) => u.id === id);
      if (!unlock) return { ok: false, reason: 'unknown', message: `There is no unlock "${id}" in this show.` };
      if (unlock.reached) return { ok: false, reason: 'already-reached', message: `Unlock "${id}" is already reached in this show run.` };
      return (await wired.unlocks.reachNow(id)) ? { ok: true } : { ok: false, reason: 'failed', message: `The code of unlock "${id}" could not be issued; see the log.` };
    },
    unlocks: () => wired?.unlocks.list() ?? [],
    drops: () => (wired?.config.promotions.drops ?? []).map((d) => ({ id: d.id, discount: d.discount })),
  };
  const flash: FlashControl = {
    current: (sku, now) => sales?.current(sku, now),
    start: (id) => sales?.start(id, 'api') ?? { ok: false, reason: 'not-ready', message: 'Promotions are not running yet.' },
    stop: (id) => sales?.stop(id) ?? false,
    list: () => sales?.list() ?? [],
  };

  const feature = (ctx: PromotionsContext): (() => void) => {
    const unlocks = new Unlocks(ctx, issuer);
    const drops = new Drops(ctx, issuer, { random: options.random ?? Math.random, cron: options.cron ?? cronScheduler });
    const mine = new FlashSales(ctx);
    sales = mine;
    const mineWired = { config: ctx.config, unlocks, drops };
    wired = mineWired;
    // Our own idea of the run: the show's goLive() runs beside us on the same event, so
    // show.state may still say off-air while our stream.live handler runs.
    let onAir = false;
    const goLive = (startedAt: number, joinedAt?: number) => {
      if (onAir) return;
      onAir = true;
      unlocks.reset();
      drops.live(startedAt, joinedAt);
      mine.live(startedAt, joinedAt);
    };
    const offs = [
      ctx.bus.on('chat.message', ({ event, viewer }) => unlocks.hear(viewer.viewerId, event.text)),
      ctx.bus.on('stream.live', ({ at }) => goLive(at)),
      ctx.bus.on('stream.offline', () => {
        onAir = false;
        drops.offline();
        mine.offline();
      }),
    ];
    // Wired while the show is already on air: join the run in progress.
    const elapsed = ctx.show.clock().showMs;
    if (ctx.show.state === 'live' && elapsed !== null) {
      const now = Date.now();
      goLive(now - elapsed, now);
    }
    return () => {
      for (const off of offs) off();
      drops.offline();
      mine.dispose();
      if (sales === mine) sales = undefined;
      if (wired === mineWired) wired = undefined;
    };
  };

  return { feature, flash, control };
}
