import type { ShowConfig } from '../../config/schema/index.js';
import type { Bus } from '../bus.js';
import type { RunningShow } from '../show.js';
import { after } from '../shared/after.js';
import type { Cancel } from '../shared/cron.js';
import { toCents } from '../store/catalog-sync.js';
import type { FlashPrice, FlashSaleBoard } from './promo-issuer.js';

/** Countdown moments, as time left (only those shorter than the sale itself). */
export const COUNTDOWN_MS: readonly number[] = [60_000, 10_000];

export type FlashSaleConfig = ShowConfig['promotions']['flashSales'][number];

export type FlashStartResult =
  { ok: true; sale: FlashPrice & { sku: string } } | { ok: false; reason: 'unknown-sale' | 'already-running' | 'sku-busy'; message: string };

/** What the admin API and the overlay use of the flash sales. */
export type FlashControl = Pick<FlashSales, 'current' | 'list' | 'start' | 'stop'>;

interface Running {
  sku: string;
  price: FlashPrice;
  timers: Cancel[];
}

/**
 * Flash sales: a price on one SKU for a short time. The order path asks `current()` for the live
 * price and the per-buyer cap; starting, the countdown and the end are facts on the bus
 * (`flash.started`, `flash.countdown`, `flash.ended`), which the promotions feature announces.
 * Process-lived: a sale runs to its end whatever happens to the show file meanwhile, since buyers
 * may be paying at its price right now.
 */
export class FlashSales implements FlashSaleBoard {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly bus: Bus,
    private readonly show: Pick<RunningShow, 'config'>,
  ) {}

  current(sku: string, now: number = Date.now()): FlashPrice | undefined {
    const wanted = sku.toUpperCase();
    for (const r of this.running.values()) {
      if (r.sku.toUpperCase() === wanted && now < r.price.endsAt) return { ...r.price };
    }
    return undefined;
  }

  /** Sales running now, for the dashboard and the overlay. */
  list(now: number = Date.now()): Array<FlashPrice & { sku: string }> {
    return [...this.running.values()].filter((r) => now < r.price.endsAt).map((r) => ({ ...r.price, sku: r.sku }));
  }

  /** Starts a sale of the show file now. */
  start(id: string, by: 'api' | 'schedule' = 'api', now: number = Date.now()): FlashStartResult {
    const config = this.show.config.promotions.flashSales.find((f) => f.id === id);
    if (!config) return { ok: false, reason: 'unknown-sale', message: `There is no flash sale "${id}" in this show.` };
    if (this.running.has(id)) return { ok: false, reason: 'already-running', message: `Flash sale "${id}" is already running.` };
    if (this.current(config.sku, now)) return { ok: false, reason: 'sku-busy', message: `Another flash sale on ${config.sku} is running.` };
    const price: FlashPrice = { saleId: id, priceCents: toCents(config.price), endsAt: now + config.duration, maxPerBuyer: config.maxPerBuyer };
    const timers = COUNTDOWN_MS.filter((left) => left < config.duration).map((left) =>
      after(
        config.duration - left,
        () => void this.bus.emit('flash.countdown', { id, sku: config.sku, leftMs: left, priceCents: price.priceCents, maxPerBuyer: price.maxPerBuyer }),
      ),
    );
    timers.push(after(config.duration, () => this.end(id, false)));
    this.running.set(id, { sku: config.sku, price, timers });
    void this.bus.emit('flash.started', {
      id,
      sku: config.sku,
      priceCents: price.priceCents,
      endsAt: price.endsAt,
      by,
      maxPerBuyer: price.maxPerBuyer,
      durationMs: config.duration,
    });
    return { ok: true, sale: { ...price, sku: config.sku } };
  }

  /** Ends a running sale before its time; false when it was not running. */
  stop(id: string): boolean {
    return this.end(id, true);
  }

  /** Shutdown: every timer cleared, no more prices, nothing announced. */
  dispose(): void {
    for (const r of this.running.values()) for (const t of r.timers) t.stop();
    this.running.clear();
  }

  private end(id: string, early: boolean): boolean {
    const r = this.running.get(id);
    if (!r) return false;
    for (const t of r.timers) t.stop();
    this.running.delete(id);
    void this.bus.emit('flash.ended', { id, sku: r.sku, early, priceCents: r.price.priceCents, maxPerBuyer: r.price.maxPerBuyer });
    return true;
  }
}
