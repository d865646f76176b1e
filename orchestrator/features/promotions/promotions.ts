import type { FlashPrice, FlashSaleBoard, PromoIssuer } from '../../commerce/promo-issuer.js';
import { Drops } from './drops.js';
import { FlashSales, type FlashStartResult } from './flash-sales.js';
import type { PromotionsContext } from './promotions-context.js';
import { nodeCronScheduler, type CronScheduler } from './schedulers.js';
import { Unlocks } from './unlocks.js';

export type { PromotionsContext } from './promotions-context.js';
export type { FlashStartResult } from './flash-sales.js';

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
  /** How cron drops are scheduled; node-cron unless a test drives it by hand. */
  cron?: CronScheduler;
}

export interface Promotions {
  /** Fits `Feature`: subscribe it like any other; it returns its own stop. */
  feature: (ctx: PromotionsContext) => () => void;
  flash: FlashControl;
}

/**
 * Group unlocks, surprise drops and flash sales for one show. The flash control exists before the
 * feature is wired (it answers "no sale" and refuses to start until then), so the order path and
 * the admin API can be built with it up front.
 */
export function createPromotions(issuer: PromoIssuer, options: PromotionsOptions = {}): Promotions {
  let sales: FlashSales | undefined;
  const flash: FlashControl = {
    current: (sku, now) => sales?.current(sku, now),
    start: (id) => sales?.start(id, 'api') ?? { ok: false, reason: 'not-ready', message: 'Promotions are not running yet.' },
    stop: (id) => sales?.stop(id) ?? false,
    list: () => sales?.list() ?? [],
  };

  const feature = (ctx: PromotionsContext): (() => void) => {
    const unlocks = new Unlocks(ctx, issuer);
    const drops = new Drops(ctx, issuer, { random: options.random ?? Math.random, cron: options.cron ?? nodeCronScheduler });
    const mine = new FlashSales(ctx);
    sales = mine;
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
    };
  };

  return { feature, flash };
}
