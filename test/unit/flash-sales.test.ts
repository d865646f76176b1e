import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { Bus } from '../../orchestrator/bus.js';
import type { Outbound } from '../../orchestrator/chat-types.js';
import type { PromoIssuer } from '../../orchestrator/commerce/promo-issuer.js';
import { createPromotions, type PromotionsContext } from '../../orchestrator/features/promotions/promotions.js';
import type { EventInput } from '../../orchestrator/store/event-log.js';
import { memoryLog } from '../support/quiet-log.js';

const SEC = 1000;
const noCodes: PromoIssuer = { issue: () => Promise.reject(new Error('no codes in these tests')) };

function setup(sales: string, show: PromotionsContext['show'] = { state: 'off-air', featured: undefined, clock: () => ({ runId: null, showMs: null }) }) {
  const config = parseShow(
    `show: { id: t, name: T }
products:
  - { sku: CEDAR, title: Cedar candle, price: 28, stock: 10 }
  - { sku: VAN, title: Vanilla candle, price: 24, variants: [{ name: S, stock: 2 }, { name: L, stock: 2, price: 34 }] }
promotions:
  flashSales:
${sales}`,
    't.yaml',
    {},
  ).config;
  const bus = new Bus((_event, err) => {
    throw err;
  });
  const sent: Outbound[] = [];
  const logged: EventInput[] = [];
  const ctx: PromotionsContext = {
    config,
    bus,
    outbox: { enqueue: (out) => void sent.push(out) },
    show,
    events: { append: (e) => void logged.push(e) },
    log: memoryLog().log,
  };
  const promotions = createPromotions(noCodes);
  const texts = () => sent.map((o) => (o.body.kind === 'text' ? o.body.text : ''));
  return { bus, sent, texts, logged, promotions, ctx };
}

const CEDAR = `    - { id: cedar-flash, sku: CEDAR, price: 19, duration: 2m, maxPerBuyer: 1 }\n`;

describe('flash sales', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN a sale started by the API WHEN it runs THEN the board prices the SKU only during the sale, with a countdown everywhere', async () => {
    const s = setup(CEDAR);
    const stop = s.promotions.feature(s.ctx);
    const { flash } = s.promotions;
    const started = Date.now();
    expect(flash.current('CEDAR')).toBeUndefined();

    const result = flash.start('cedar-flash');
    expect(result).toEqual({ ok: true, sale: { saleId: 'cedar-flash', sku: 'CEDAR', priceCents: 1900, endsAt: started + 120 * SEC, maxPerBuyer: 1 } });
    expect(flash.current('cedar')).toEqual({ saleId: 'cedar-flash', priceCents: 1900, endsAt: started + 120 * SEC, maxPerBuyer: 1 });
    expect(flash.current('VAN')).toBeUndefined();
    expect(flash.current('CEDAR', started + 120 * SEC)).toBeUndefined();
    expect(s.sent[0]).toEqual({ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text: 'Flash sale! Cedar candle for €19.00 instead of €28.00 — 2 min only, max 1 per viewer. !buy CEDAR' } });

    await vi.advanceTimersByTimeAsync(60 * SEC);
    expect(s.texts().at(-1)).toBe('Flash sale: 1 min left — Cedar candle for €19.00. !buy CEDAR');
    await vi.advanceTimersByTimeAsync(50 * SEC);
    expect(s.texts().at(-1)).toBe('Flash sale: 10 s left — Cedar candle for €19.00. !buy CEDAR');
    expect(flash.list()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10 * SEC);
    expect(s.texts().at(-1)).toBe('Flash sale ended: Cedar candle is back to €28.00.');
    expect(flash.current('CEDAR')).toBeUndefined();
    expect(flash.list()).toEqual([]);
    expect(s.texts()).toHaveLength(4);
    expect(s.logged.map((e) => e.type)).toEqual(['flash.started', 'flash.ended']);
    stop();
  });

  it('GIVEN a sale shorter than a minute WHEN started THEN only the countdown marks inside it are said', async () => {
    const s = setup(`    - { id: quick, sku: VAN, price: 15, duration: 30s, maxPerBuyer: 2 }\n`);
    const stop = s.promotions.feature(s.ctx);
    s.promotions.flash.start('quick');
    await vi.advanceTimersByTimeAsync(30 * SEC);
    expect(s.texts()).toEqual([
      'Flash sale! Vanilla candle for €15.00 — 30 s only, max 2 per viewer. !buy VAN',
      'Flash sale: 10 s left — Vanilla candle for €15.00. !buy VAN',
      'Flash sale ended: Vanilla candle is back to its regular price.',
    ]);
    stop();
  });

  it('GIVEN unknown, running or not yet wired sales WHEN started THEN each is refused with its reason', () => {
    const s = setup(CEDAR + `    - { id: cedar-again, sku: CEDAR, price: 18, duration: 1m }\n`);
    expect(s.promotions.flash.start('cedar-flash')).toMatchObject({ ok: false, reason: 'not-ready' });
    const stop = s.promotions.feature(s.ctx);
    expect(s.promotions.flash.start('nope')).toMatchObject({ ok: false, reason: 'unknown-sale' });
    expect(s.promotions.flash.start('cedar-flash').ok).toBe(true);
    expect(s.promotions.flash.start('cedar-flash')).toMatchObject({ ok: false, reason: 'already-running' });
    expect(s.promotions.flash.start('cedar-again')).toMatchObject({ ok: false, reason: 'sku-busy' });
    stop();
    expect(s.promotions.flash.current('CEDAR')).toBeUndefined();
  });

  it('GIVEN a running sale WHEN stopped early THEN the end is announced and the price is gone', () => {
    const s = setup(CEDAR);
    const stop = s.promotions.feature(s.ctx);
    s.promotions.flash.start('cedar-flash');
    expect(s.promotions.flash.stop('cedar-flash')).toBe(true);
    expect(s.promotions.flash.stop('cedar-flash')).toBe(false);
    expect(s.texts().at(-1)).toBe('Flash sale ended: Cedar candle is back to €28.00.');
    expect(s.logged.at(-1)).toMatchObject({ type: 'flash.ended', data: { early: true } });
    expect(s.promotions.flash.current('CEDAR')).toBeUndefined();
    stop();
  });

  it('GIVEN a sale with an `at` WHEN the show goes live THEN it starts at that point of the show clock, and going offline first calls it off', async () => {
    const s = setup(`    - { id: at-45, sku: CEDAR, price: 19, duration: 2m, at: "00:45" }\n`);
    const stop = s.promotions.feature(s.ctx);
    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(44 * 60 * SEC);
    expect(s.promotions.flash.current('CEDAR')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60 * SEC);
    expect(s.promotions.flash.current('CEDAR')?.saleId).toBe('at-45');
    expect(s.logged[0]).toMatchObject({ type: 'flash.started', data: { by: 'schedule' } });
    // a running sale keeps its promise through a stream drop
    await s.bus.emit('stream.offline', { at: Date.now() });
    expect(s.promotions.flash.current('CEDAR')?.saleId).toBe('at-45');
    await vi.advanceTimersByTimeAsync(2 * 60 * SEC);

    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(30 * 60 * SEC);
    await s.bus.emit('stream.offline', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(60 * 60 * SEC);
    expect(s.logged.filter((e) => e.type === 'flash.started')).toHaveLength(1);
    stop();
  });

  it('GIVEN the feature is wired while the show is already 46 minutes in WHEN set up THEN a sale due at 00:45 starts at once and one long over does not', () => {
    const live = { state: 'live' as const, featured: undefined, clock: () => ({ runId: 1, showMs: 46 * 60 * SEC }) };
    const s = setup(`    - { id: at-45, sku: CEDAR, price: 19, duration: 2m, at: "00:45" }\n    - { id: at-10, sku: VAN, price: 9, duration: 2m, at: "00:10" }\n`, live);
    const stop = s.promotions.feature(s.ctx);
    vi.advanceTimersByTime(0);
    expect(s.promotions.flash.current('CEDAR')?.saleId).toBe('at-45');
    expect(s.promotions.flash.current('VAN')).toBeUndefined();
    stop();
  });
});
