import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { Bus } from '../../orchestrator/bus.js';
import type { Outbound } from '../../orchestrator/chat-types.js';
import type { IssueCodeRequest, PromoIssuer } from '../../orchestrator/commerce/promo-issuer.js';
import { createPromotions, type PromotionsContext, type PromotionsOptions } from '../../orchestrator/features/promotions/promotions.js';
import { randomMoment, type CronScheduler } from '../../orchestrator/features/promotions/schedulers.js';
import { memoryLog } from '../support/quiet-log.js';

const MIN = 60_000;

class MemoryIssuer implements PromoIssuer {
  readonly issued: IssueCodeRequest[] = [];
  async issue(request: IssueCodeRequest) {
    this.issued.push(request);
    return { code: `${request.prefix}-${1000 + this.issued.length}`, expiresAt: Date.now() + request.validMs };
  }
}

/** A cron scheduler driven by hand: `tick(expr)` is "the cron time came". */
class HandCron {
  readonly active = new Map<string, () => void>();
  readonly scheduler: CronScheduler = (expression, timezone, run) => {
    const key = `${expression}@${timezone}`;
    this.active.set(key, run);
    return { stop: () => this.active.delete(key) };
  };
  tick(key: string): void {
    this.active.get(key)?.();
  }
}

const OFF_AIR: PromotionsContext['show'] = { state: 'off-air', featured: undefined, clock: () => ({ runId: null, showMs: null }) };

function setup(drops: string, options: PromotionsOptions = {}, show = OFF_AIR) {
  const config = parseShow(
    `show: { id: t, name: T, timezone: Europe/Berlin }\nproducts:\n  - { sku: MUG, title: Mug, price: 12, stock: 3 }\npromotions:\n  drops:\n${drops}`,
    't.yaml',
    {},
  ).config;
  const bus = new Bus((_event, err) => {
    throw err;
  });
  const sent: string[] = [];
  const ctx: PromotionsContext = {
    config,
    bus,
    outbox: { enqueue: (out: Outbound) => void sent.push(out.body.kind === 'text' ? out.body.text : '') },
    show,
    events: { append: () => undefined },
    log: memoryLog().log,
  };
  const issuer = new MemoryIssuer();
  const stop = createPromotions(issuer, options).feature(ctx);
  return { bus, sent, issuer, stop };
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
    const s = setup(RANDOM, { random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(s.issuer.issued).toHaveLength(0); // nothing before the show is live

    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(35 * MIN - 1);
    expect(s.issuer.issued).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.issuer.issued).toEqual([{ source: 'drop', discount: { amount: 5 }, validMs: 10 * MIN, maxUses: 20, prefix: 'MIDSHOW' }]);
    expect(s.sent).toEqual(['Surprise! The next 20 orders get 5 € off. Code MIDSHOW-1001 works for 10 min — !buy SKU MIDSHOW-1001']);

    await vi.advanceTimersByTimeAsync(120 * MIN);
    expect(s.issuer.issued).toHaveLength(1);
    s.stop();
  });

  it('GIVEN a random drop WHEN the stream goes offline before its moment THEN it is called off, and the next run picks a new moment', async () => {
    const randoms = [0.9, 0];
    const s = setup(RANDOM, { random: () => randoms.shift() ?? 0 });
    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(30 * MIN);
    await s.bus.emit('stream.offline', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(60 * MIN);
    expect(s.issuer.issued).toHaveLength(0);

    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(20 * MIN);
    expect(s.issuer.issued).toHaveLength(1);
    s.stop();
  });

  it('GIVEN a cron drop WHEN its time comes THEN it drops only while the show is live, in the show timezone, with a default message', async () => {
    const cron = new HandCron();
    const s = setup(`    - { id: hourly, discount: { percent: 10 }, cron: "0 * * * *", valid: 10m, maxUses: 3 }\n`, { cron: cron.scheduler });
    expect(cron.active.size).toBe(0); // off air: not even scheduled

    await s.bus.emit('stream.live', { at: Date.now() });
    expect([...cron.active.keys()]).toEqual(['0 * * * *@Europe/Berlin']);
    cron.tick('0 * * * *@Europe/Berlin');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sent).toEqual(['Surprise drop! 10% off for the first 3 orders. Code HOURLY-1001 works for 10 min — !buy SKU HOURLY-1001']);

    await s.bus.emit('stream.offline', { at: Date.now() });
    expect(cron.active.size).toBe(0);
    s.stop();
  });

  it('GIVEN real croner and fake timers WHEN the day passes live and off air THEN the drop comes at its local time in the show timezone, only while live', async () => {
    // 20:00 in Berlin is 19:00 UTC in December; the show goes live at 18:00 UTC.
    const s = setup(`    - { id: evening, discount: { percent: 10 }, cron: "0 20 * * *", valid: 10m, products: [MUG] }\n`);
    await s.bus.emit('stream.live', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(59 * MIN);
    expect(s.issuer.issued).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(s.issuer.issued).toHaveLength(1);
    expect(s.sent).toEqual(['Surprise drop! 10% off MUG. Code EVENING-1001 works for 10 min — !buy MUG EVENING-1001']);
    await vi.advanceTimersByTimeAsync(2 * 60 * MIN); // past 20:00 UTC: nothing more
    expect(s.issuer.issued).toHaveLength(1);

    await s.bus.emit('stream.offline', { at: Date.now() });
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN); // the next evening, off air
    expect(s.issuer.issued).toHaveLength(1);
    s.stop();
  });

  it('GIVEN a drop due at 00:00 and a message with {code} WHEN the live event arrives a little late THEN it still drops, with the code where the message puts it', async () => {
    const s = setup(`    - { id: now, discount: { percent: 20 }, randomBetween: ["00:00", "00:00"], message: "Type !buy MUG {code} now!" }\n`);
    await s.bus.emit('stream.live', { at: Date.now() - 40 }); // the event reaches us a moment after the stream went live
    await vi.advanceTimersByTimeAsync(0);
    expect(s.sent).toEqual(['Type !buy MUG NOW-1001 now!']);
    s.stop();
  });

  it('GIVEN the feature is wired 30 minutes into the show WHEN a drop window 00:20–00:50 is planned THEN the moment falls in what is left of it', async () => {
    const s = setup(RANDOM, { random: () => 0 }, { state: 'live', featured: undefined, clock: () => ({ runId: 1, showMs: 30 * MIN }) });
    await vi.advanceTimersByTimeAsync(0);
    expect(s.issuer.issued).toHaveLength(1);
    s.stop();
  });
});
