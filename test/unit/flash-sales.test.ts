import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { promotions } from '../../orchestrator/features/promotions/promotions.js';
import { featureHarness } from '../support/feature-harness.js';

const SEC = 1000;
const MIN = 60 * SEC;

const NO_SALES = `show: { id: t, name: T }
products:
  - { sku: CEDAR, title: Cedar candle, price: 28, stock: 10 }
  - { sku: VAN, title: Vanilla candle, price: 24, variants: [{ name: S, stock: 2 }, { name: L, stock: 2, price: 34 }] }
`;
const showFile = (sales: string) => `${NO_SALES}promotions:\n  flashSales:\n${sales}`;

function setup(sales: string) {
  const h = featureHarness(showFile(sales), [promotions]);
  const flashRows = () => h.logged.filter((r) => r.type.startsWith('flash.'));
  return { h, flash: h.services.flash, flashRows };
}

const CEDAR = `    - { id: cedar-flash, sku: CEDAR, price: 19, duration: 2m, maxPerBuyer: 1 }\n`;

describe('flash sales', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN a sale started by the API WHEN it runs THEN the board prices the SKU only during the sale, with a countdown everywhere', async () => {
    const { h, flash } = setup(CEDAR);
    const started = Date.now();
    expect(flash.current('CEDAR')).toBeUndefined();

    const result = flash.start('cedar-flash');
    expect(result).toEqual({ ok: true, sale: { saleId: 'cedar-flash', sku: 'CEDAR', priceCents: 1900, endsAt: started + 120 * SEC, maxPerBuyer: 1 } });
    expect(flash.current('cedar')).toEqual({ saleId: 'cedar-flash', priceCents: 1900, endsAt: started + 120 * SEC, maxPerBuyer: 1 });
    expect(flash.current('VAN')).toBeUndefined();
    expect(flash.current('CEDAR', started + 120 * SEC)).toBeUndefined();
    expect(h.sent[0]).toEqual({
      priority: 'alert',
      target: { kind: 'broadcast' },
      body: { kind: 'text', text: 'Flash sale! Cedar candle for €19.00 instead of €28.00 — 2 min only, max 1 per viewer. !buy CEDAR' },
    });

    await vi.advanceTimersByTimeAsync(60 * SEC);
    expect(h.texts().at(-1)).toBe('Flash sale: 1 min left — Cedar candle for €19.00. !buy CEDAR');
    await vi.advanceTimersByTimeAsync(50 * SEC);
    expect(h.texts().at(-1)).toBe('Flash sale: 10 s left — Cedar candle for €19.00. !buy CEDAR');
    expect(flash.list()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(10 * SEC);
    expect(h.texts().at(-1)).toBe('Flash sale ended: Cedar candle is back to €28.00.');
    expect(flash.current('CEDAR')).toBeUndefined();
    expect(flash.list()).toEqual([]);
    expect(h.texts()).toHaveLength(4);
    expect(h.logged.map((e) => e.type)).toEqual(['flash.started', 'flash.ended']);
    await h.stop();
  });

  it('GIVEN a sale shorter than a minute WHEN started THEN only the countdown marks inside it are said', async () => {
    const { h, flash } = setup(`    - { id: quick, sku: VAN, price: 15, duration: 30s, maxPerBuyer: 2 }\n`);
    flash.start('quick');
    await vi.advanceTimersByTimeAsync(30 * SEC);
    expect(h.texts()).toEqual([
      'Flash sale! Vanilla candle for €15.00 — 30 s only, max 2 per viewer. !buy VAN',
      'Flash sale: 10 s left — Vanilla candle for €15.00. !buy VAN',
      'Flash sale ended: Vanilla candle is back to its regular price.',
    ]);
    await h.stop();
  });

  it('GIVEN unknown or running sales WHEN started THEN each is refused with its reason, and shutdown ends every price', async () => {
    const { h, flash } = setup(CEDAR + `    - { id: cedar-again, sku: CEDAR, price: 18, duration: 1m }\n`);
    expect(flash.start('nope')).toMatchObject({ ok: false, reason: 'unknown-sale' });
    expect(flash.start('cedar-flash').ok).toBe(true);
    expect(flash.start('cedar-flash')).toMatchObject({ ok: false, reason: 'already-running' });
    expect(flash.start('cedar-again')).toMatchObject({ ok: false, reason: 'sku-busy' });
    await h.stop();
    expect(flash.current('CEDAR')).toBeUndefined();
  });

  it('GIVEN a running sale WHEN stopped early THEN the end is announced and the price is gone', async () => {
    const { h, flash } = setup(CEDAR);
    flash.start('cedar-flash');
    expect(flash.stop('cedar-flash')).toBe(true);
    expect(flash.stop('cedar-flash')).toBe(false);
    expect(h.texts().at(-1)).toBe('Flash sale ended: Cedar candle is back to €28.00.');
    expect(h.logged.at(-1)).toMatchObject({ type: 'flash.ended', data: { early: true } });
    expect(flash.current('CEDAR')).toBeUndefined();
    await h.stop();
  });

  it('GIVEN a sale with an `at` WHEN the show goes live THEN it starts at that point of the show clock, and going offline first calls it off', async () => {
    const { h, flash, flashRows } = setup(`    - { id: at-45, sku: CEDAR, price: 19, duration: 2m, at: "00:45" }\n`);
    await h.live();
    await vi.advanceTimersByTimeAsync(44 * MIN);
    expect(flash.current('CEDAR')).toBeUndefined();
    await vi.advanceTimersByTimeAsync(MIN);
    expect(flash.current('CEDAR')?.saleId).toBe('at-45');
    expect(flashRows()[0]).toMatchObject({ type: 'flash.started', data: { by: 'schedule' } });
    // a running sale keeps its promise through a stream drop
    await h.offline();
    expect(flash.current('CEDAR')?.saleId).toBe('at-45');
    await vi.advanceTimersByTimeAsync(2 * MIN);

    await h.live();
    await vi.advanceTimersByTimeAsync(30 * MIN);
    await h.offline();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(flashRows().filter((e) => e.type === 'flash.started')).toHaveLength(1);
    await h.stop();
  });

  it('GIVEN a show live for 46 minutes without them WHEN a show file with sales at 00:45 and 00:10 is loaded THEN the one still in its slot starts at once and the one long over does not', async () => {
    const h = featureHarness(NO_SALES, [promotions]);
    await h.live(Date.now() - 46 * MIN);
    await h.reload(
      showFile(`    - { id: at-45, sku: CEDAR, price: 19, duration: 2m, at: "00:45" }\n    - { id: at-10, sku: VAN, price: 9, duration: 2m, at: "00:10" }\n`),
    );
    vi.advanceTimersByTime(0);
    expect(h.services.flash.current('CEDAR')?.saleId).toBe('at-45');
    expect(h.services.flash.current('VAN')).toBeUndefined();
    await h.stop();
  });

  it('GIVEN a scheduled sale running for 30 s WHEN the show file is reloaded with another price for it THEN the sale keeps its price and end, is counted down and ended once, and never starts again in this run', async () => {
    const { h, flash, flashRows } = setup(`    - { id: at-45, sku: CEDAR, price: 19, duration: 2m, at: "00:45" }\n`);
    await h.live();
    await vi.advanceTimersByTimeAsync(45 * MIN);
    const sale = flash.current('CEDAR');
    expect(sale).toMatchObject({ saleId: 'at-45', priceCents: 1900 });
    await vi.advanceTimersByTimeAsync(30 * SEC);

    await h.reload(showFile(`    - { id: at-45, sku: CEDAR, price: 15, duration: 5m, at: "00:45" }\n`));
    await vi.advanceTimersByTimeAsync(0);
    expect(flash.current('CEDAR')).toEqual(sale);
    await vi.advanceTimersByTimeAsync(90 * SEC - 1);
    expect(flash.current('CEDAR')).toEqual(sale);
    await vi.advanceTimersByTimeAsync(1);
    expect(flash.current('CEDAR')).toBeUndefined();
    // Reloaded again while 00:45 is still within the new 5-minute slot: it already ran in this run.
    await vi.advanceTimersByTimeAsync(30 * SEC);
    await h.reload(showFile(`    - { id: at-45, sku: CEDAR, price: 15, duration: 5m, at: "00:45" }\n`));
    await vi.advanceTimersByTimeAsync(10 * MIN);

    expect(h.texts()).toEqual([
      'Flash sale! Cedar candle for €19.00 instead of €28.00 — 2 min only, max 1 per viewer. !buy CEDAR',
      'Flash sale: 1 min left — Cedar candle for €19.00. !buy CEDAR',
      'Flash sale: 10 s left — Cedar candle for €19.00. !buy CEDAR',
      'Flash sale ended: Cedar candle is back to €28.00.',
    ]);
    expect(flashRows().map((r) => r.type)).toEqual(['flash.started', 'flash.ended']);
    await h.stop();
  });
});
