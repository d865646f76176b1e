import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeatureServices } from '../../orchestrator/feature.js';
import { promotions } from '../../orchestrator/features/promotions/promotions.js';
import { cronScheduler } from '../../orchestrator/shared/cron.js';
import { randomMoment } from '../../orchestrator/show-schedule.js';
import { featureHarness, HandCron, MemoryIssuer, type HarnessOptions } from '../support/feature-harness.js';

const MIN = 60_000;

const NO_DROPS = `show: { id: t, name: T, timezone: Europe/Berlin }\nproducts:\n  - { sku: MUG, title: Mug, price: 12, stock: 3 }\n`;
const showFile = (drops: string) => `${NO_DROPS}promotions:\n  drops:\n${drops}`;

function setup(drops: string | undefined, options: Omit<HarnessOptions, 'services'> = {}) {
  const issuer = new MemoryIssuer();
  const h = featureHarness(drops === undefined ? NO_DROPS : showFile(drops), [promotions], {
    ...options,
    services: { codes: issuer as unknown as FeatureServices['codes'] },
  });
  return { h, issuer };
}

const RANDOM = `    - { id: midshow, discount: { amount: 5 }, randomBetween: ["00:20", "00:50"], valid: 10m, maxUses: 20, message: Surprise! The next 20 orders get 5 € off. }\n`;

describe('a random moment in a window of the show clock', () => {
  it('GIVEN a window WHEN the random source is at its ends THEN the moment stays inside, and a window already begun is narrowed', () => {
    expect(randomMoment([20 * MIN, 50 * MIN], () => 0)).toBe(20 * MIN);
    expect(randomMoment([20 * MIN, 50 * MIN], () => 0.999999999)).toBe(50 * MIN);
    expect(randomMoment([50 * MIN, 20 * MIN], () => 0.5)).toBe(35 * MIN);
    expect(randomMoment([20 * MIN, 50 * MIN], () => 0, 40 * MIN)).toBe(40 * MIN);
    expect(randomMoment([20 * MIN, 50 * MIN], () => 0, 51 * MIN)).toBeUndefined();
  });
});

describe('surprise drops', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN a random drop and an injected random WHEN the show goes live THEN the code drops once, at that moment, announced with its message', async () => {
    const { h, issuer } = setup(RANDOM, { random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(issuer.issued).toHaveLength(0); // nothing before the show is live

    await h.live();
    await vi.advanceTimersByTimeAsync(35 * MIN - 1);
    expect(issuer.issued).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(issuer.issued).toEqual([{ source: 'drop', discount: { amount: 5 }, validMs: 10 * MIN, maxUses: 20, prefix: 'MIDSHOW' }]);
    expect(h.texts()).toEqual(['Surprise! The next 20 orders get 5 € off. Code MIDSHOW-1001 works for 10 min — !buy SKU MIDSHOW-1001']);

    await vi.advanceTimersByTimeAsync(120 * MIN);
    expect(issuer.issued).toHaveLength(1);
    await h.stop();
  });

  it('GIVEN a random drop WHEN the stream goes offline before its moment THEN it is called off, and the next run picks a new moment', async () => {
    const randoms = [0.9, 0];
    const { h, issuer } = setup(RANDOM, { random: () => randoms.shift() ?? 0 });
    await h.live();
    await vi.advanceTimersByTimeAsync(30 * MIN);
    await h.offline();
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(issuer.issued).toHaveLength(0);

    await h.live();
    await vi.advanceTimersByTimeAsync(20 * MIN);
    expect(issuer.issued).toHaveLength(1);
    await h.stop();
  });

  it('GIVEN a cron drop WHEN its time comes THEN it drops only while the show is live, in the show timezone, with a default message', async () => {
    const cron = new HandCron();
    const { h } = setup(`    - { id: hourly, discount: { percent: 10 }, cron: "0 * * * *", valid: 10m, maxUses: 3 }\n`, { cron: cron.scheduler });
    expect(cron.active.size).toBe(0); // off air: not even scheduled

    await h.live();
    expect([...cron.active.keys()]).toEqual(['0 * * * *@Europe/Berlin']);
    cron.tick('0 * * * *@Europe/Berlin');
    await vi.advanceTimersByTimeAsync(0);
    expect(h.texts()).toEqual(['Surprise drop! 10% off for the first 3 orders. Code HOURLY-1001 works for 10 min — !buy SKU HOURLY-1001']);

    await h.offline();
    expect(cron.active.size).toBe(0);
    await h.stop();
  });

  it('GIVEN real croner and fake timers WHEN the day passes live and off air THEN the drop comes at its local time in the show timezone, only while live', async () => {
    // 20:00 in Berlin is 19:00 UTC in December; the show goes live at 18:00 UTC.
    const { h, issuer } = setup(`    - { id: evening, discount: { percent: 10 }, cron: "0 20 * * *", valid: 10m, products: [MUG] }\n`, { cron: cronScheduler });
    await h.live();
    await vi.advanceTimersByTimeAsync(59 * MIN);
    expect(issuer.issued).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(issuer.issued).toHaveLength(1);
    expect(h.texts()).toEqual(['Surprise drop! 10% off MUG. Code EVENING-1001 works for 10 min — !buy MUG EVENING-1001']);
    await vi.advanceTimersByTimeAsync(2 * 60 * MIN); // past 20:00 UTC: nothing more
    expect(issuer.issued).toHaveLength(1);

    await h.offline();
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN); // the next evening, off air
    expect(issuer.issued).toHaveLength(1);
    await h.stop();
  });

  it('GIVEN a drop due at 00:00 and a message with {code} WHEN the live event arrives a little late THEN it still drops, with the code where the message puts it', async () => {
    const { h } = setup(`    - { id: now, discount: { percent: 20 }, randomBetween: ["00:00", "00:00"], message: "Type !buy MUG {code} now!" }\n`);
    await h.live(Date.now() - 40); // the event reaches us a moment after the stream went live
    await vi.advanceTimersByTimeAsync(0);
    expect(h.texts()).toEqual(['Type !buy MUG NOW-1001 now!']);
    await h.stop();
  });

  it('GIVEN a show live for 30 minutes without it WHEN a show file with a drop window 00:20–00:50 is loaded THEN the moment falls in what is left of it', async () => {
    const { h, issuer } = setup(undefined, { random: () => 0 });
    await h.live(Date.now() - 30 * MIN);
    await h.reload(showFile(RANDOM));
    await vi.advanceTimersByTimeAsync(0);
    expect(issuer.issued).toHaveLength(1);
    expect(h.logged.find((r) => r.type === 'drop.scheduled')).toEqual({ type: 'drop.scheduled', data: { id: 'midshow', showMs: 30 * MIN } });
    await h.stop();
  });

  it('GIVEN a random drop whose moment was chosen WHEN the show file is reloaded before it THEN it still drops at that moment, once', async () => {
    const randoms = [0.5, 0];
    const { h, issuer } = setup(RANDOM, { random: () => randoms.shift() ?? 0 });
    await h.live();
    await vi.advanceTimersByTimeAsync(30 * MIN);
    await h.reload(showFile(RANDOM));
    await vi.advanceTimersByTimeAsync(5 * MIN - 1);
    expect(issuer.issued).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(issuer.issued).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(issuer.issued).toHaveLength(1);
    expect(h.logged.filter((r) => r.type === 'drop.scheduled').map((r) => r.data.showMs)).toEqual([35 * MIN]);
    await h.stop();
  });

  it('GIVEN a random drop that already fired in this run WHEN the show file is reloaded, its window still open THEN it does not fire again', async () => {
    const { h, issuer } = setup(RANDOM, { random: () => 0 });
    await h.live();
    await vi.advanceTimersByTimeAsync(20 * MIN);
    expect(issuer.issued).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(5 * MIN);
    await h.reload(showFile(RANDOM));
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(issuer.issued).toHaveLength(1);
    expect(h.texts()).toHaveLength(1);
    await h.stop();
  });

  it('GIVEN a cron drop with real croner WHEN the show file is reloaded while live THEN its local time drops one code, not one per wiring', async () => {
    const evening = `    - { id: evening, discount: { percent: 10 }, cron: "0 20 * * *", valid: 10m, products: [MUG] }\n`;
    const { h, issuer } = setup(evening, { cron: cronScheduler });
    await h.live();
    await vi.advanceTimersByTimeAsync(30 * MIN);
    await h.reload(showFile(evening));
    await vi.advanceTimersByTimeAsync(29 * MIN);
    expect(issuer.issued).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(issuer.issued).toHaveLength(1);
    expect(h.texts()).toEqual(['Surprise drop! 10% off MUG. Code EVENING-1001 works for 10 min — !buy MUG EVENING-1001']);
    await h.stop();
  });

  it('GIVEN a cron drop due but not yet run WHEN the show file is reloaded in that instant THEN its code still drops, once', async () => {
    const evening = `    - { id: evening, discount: { percent: 10 }, cron: "0 20 * * *", valid: 10m, products: [MUG] }\n`;
    const { h, issuer } = setup(evening, { cron: cronScheduler });
    await h.live();
    await vi.advanceTimersByTimeAsync(60 * MIN - 1);
    vi.setSystemTime(Date.now() + 5); // the event loop is late: 20:00 has passed, croner has not run it
    await h.reload(showFile(evening));
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(issuer.issued).toHaveLength(1);
    await h.stop();
  });
});
