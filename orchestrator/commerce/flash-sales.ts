import { Catalog } from '../../commerce/catalog.js';
import type { FlashPrice, FlashSaleBoard } from '../../commerce/promo-issuer.js';
import { toCents } from '../../store/catalog-sync.js';
import { announcement, type FlashSaleConfig, type PromotionsContext } from './promotions-context.js';
import { flashEndText, flashLeftText, flashStartText, type SaleText } from './promotion-texts.js';
import { after, type Cancel } from './schedulers.js';

/** Countdown lines at these times left (only those shorter than the sale itself). */
export const COUNTDOWN_MS: readonly number[] = [60_000, 10_000];

export type FlashStartResult =
  | { ok: true; sale: FlashPrice & { sku: string } }
  | { ok: false; reason: 'unknown-sale' | 'already-running' | 'sku-busy' | 'not-ready'; message: string };

interface Running {
  config: FlashSaleConfig;
  price: FlashPrice;
  text: SaleText;
  timers: Cancel[];
}

/**
 * Flash sales: a price on one SKU for a short time, with a countdown in every chat. A sale starts
 * at its `at` on the show clock or when the dashboard starts it; `current()` is what the order
 * path asks for the live price and the per-buyer cap.
 */
export class FlashSales implements FlashSaleBoard {
  private readonly running = new Map<string, Running>();
  private scheduled: Cancel[] = [];
  private readonly catalog: Catalog;

  constructor(private readonly ctx: PromotionsContext) {
    this.catalog = new Catalog(ctx.config);
  }

  current(sku: string, now: number = Date.now()): FlashPrice | undefined {
    const wanted = sku.toUpperCase();
    for (const r of this.running.values()) {
      if (r.config.sku.toUpperCase() === wanted && now < r.price.endsAt) return { ...r.price };
    }
    return undefined;
  }

  /** Sales running now, for the dashboard. */
  list(now: number = Date.now()): Array<FlashPrice & { sku: string }> {
    return [...this.running.values()].filter((r) => now < r.price.endsAt).map((r) => ({ ...r.price, sku: r.config.sku }));
  }

  start(id: string, by: 'api' | 'schedule' = 'api', now: number = Date.now()): FlashStartResult {
    const config = this.ctx.config.promotions.flashSales.find((f) => f.id === id);
    if (!config) return { ok: false, reason: 'unknown-sale', message: `There is no flash sale "${id}" in this show.` };
    if (this.running.has(id)) return { ok: false, reason: 'already-running', message: `Flash sale "${id}" is already running.` };
    if (this.current(config.sku, now)) {
      return { ok: false, reason: 'sku-busy', message: `Another flash sale on ${config.sku} is running.` };
    }
    const price: FlashPrice = { saleId: id, priceCents: toCents(config.price), endsAt: now + config.duration, maxPerBuyer: config.maxPerBuyer };
    const text = this.saleText(config, price);
    const timers = COUNTDOWN_MS.filter((left) => left < config.duration).map((left) =>
      after(config.duration - left, () => this.ctx.outbox.enqueue(announcement(flashLeftText(text, left)))),
    );
    timers.push(after(config.duration, () => this.end(id, false)));
    this.running.set(id, { config, price, text, timers });
    this.ctx.events.append({ type: 'flash.started', data: { id, sku: config.sku, priceCents: price.priceCents, endsAt: price.endsAt, by } });
    this.ctx.outbox.enqueue(announcement(flashStartText(text, config.duration)));
    return { ok: true, sale: { ...price, sku: config.sku } };
  }

  /** Ends a running sale before its time; false when it was not running. */
  stop(id: string): boolean {
    return this.end(id, true);
  }

  /**
   * A show run began at `startedAt`: sales with an `at` start then. Wired mid-show, a sale whose
   * time has come starts at once, and one whose whole slot has passed is skipped.
   */
  live(startedAt: number, joinedAt?: number): void {
    this.offline();
    const now = Date.now();
    const missed = (sale: FlashSaleConfig) => joinedAt !== undefined && joinedAt - startedAt >= (sale.at ?? 0) + sale.duration;
    for (const sale of this.ctx.config.promotions.flashSales) {
      if (sale.at === undefined || missed(sale)) continue;
      this.scheduled.push(after(startedAt + sale.at - now, () => this.startScheduled(sale.id)));
    }
  }

  /**
   * Off air, sales that have not started are called off; running ones keep their promised price
   * to the end, since buyers may be paying right now.
   */
  offline(): void {
    for (const s of this.scheduled) s.stop();
    this.scheduled = [];
  }

  /** Shutdown: every timer cleared, no more prices, nothing announced. */
  dispose(): void {
    this.offline();
    for (const r of this.running.values()) for (const t of r.timers) t.stop();
    this.running.clear();
  }

  private startScheduled(id: string): void {
    const result = this.start(id, 'schedule');
    if (!result.ok) this.ctx.log.warn({ sale: id, reason: result.reason }, 'scheduled flash sale did not start');
  }

  private end(id: string, early: boolean): boolean {
    const r = this.running.get(id);
    if (!r) return false;
    for (const t of r.timers) t.stop();
    this.running.delete(id);
    this.ctx.events.append({ type: 'flash.ended', data: { id, sku: r.config.sku, early } });
    this.ctx.outbox.enqueue(announcement(flashEndText(r.text)));
    return true;
  }

  private saleText(config: FlashSaleConfig, price: FlashPrice): SaleText {
    const item = this.catalog.find(config.sku);
    const prices = new Set(item?.variants.map((v) => v.priceCents));
    return {
      sku: item?.sku ?? config.sku,
      title: item?.title ?? config.sku,
      priceCents: price.priceCents,
      // "instead of" is only honest when every variant had the same price.
      regularCents: prices.size === 1 ? [...prices][0] : undefined,
      currency: item?.currency ?? this.ctx.config.show.currency,
      maxPerBuyer: config.maxPerBuyer,
    };
  }
}
