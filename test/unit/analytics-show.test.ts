import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsSource } from '../../orchestrator/analytics/analytics-source.js';
import { crossShowReport, type CrossShowReport } from '../../orchestrator/analytics/cross-show.js';
import { showReport, type ShowReport } from '../../orchestrator/analytics/show-report.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { loadCandleShows } from '../support/analytics-fixture.js';

/*
 * The recorded "Candle Night (March)" show (test/fixtures/analytics/): one 30-minute run, 180
 * buckets of 10 s. VAN is featured from the start (the show file), CED from 600 s, MUG from 1200 s.
 * Chat: one background line a minute at :35 (30 lines, buckets 3, 9, …, 177) plus
 *   bucket 30 (300 s): 8 lines, 3 orders (AAA1-3)      bucket 31: 4 lines, 1 order (AAA4)
 *   bucket 90 (900 s): 6 lines (one moderated spam), 2 orders (BBB1-2), 4 votes   bucket 92: 2 votes
 *   bucket 150 (1500 s): 12 lines, 1 order (CCC1)   buckets 160 and 170: one `!buy` line and order each
 * Totals: chat 62, buys 9, votes 6 → means 62/180, 9/180, 6/180, so a bucket scores
 *   chat·180/62 + 2·buys·180/9 + votes·180/6 = chat·2.9032 + buys·40 + votes·30.
 */
describe('analytics of one recorded show', () => {
  let store: Store;
  let report: ShowReport;
  let across: CrossShowReport;

  beforeAll(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    await loadCandleShows(store);
    const source = new AnalyticsSource(store);
    report = showReport((await source.load('candle-night', { initialFeatured: 'VAN' }))!)!;
    const shows = [];
    for (const id of await source.showIds())
      shows.push((await source.load(id, { types: ['show.featured', 'chat.message'], initialFeatured: id === 'candle-night' ? 'VAN' : null }))!);
    across = crossShowReport(shows, 'Europe/Berlin');
  });
  afterAll(() => store.close());

  it('GIVEN the recorded show WHEN the timeline is built THEN each 10 s bucket has its chat, buys, votes and featured product', () => {
    expect(report.timeline).toHaveLength(180);
    const at = (second: number) => report.timeline.find((b) => b.startMs === second * 1000);
    expect(at(300)).toEqual({ runId: 3, startMs: 300_000, chat: 8, buys: 3, votes: 0, featured: 'VAN' });
    expect(at(900)).toEqual({ runId: 3, startMs: 900_000, chat: 6, buys: 2, votes: 4, featured: 'CED' });
    expect(at(1500)).toEqual({ runId: 3, startMs: 1_500_000, chat: 12, buys: 1, votes: 0, featured: 'MUG' });
    expect(report.timeline.reduce((n, b) => n + b.chat, 0)).toBe(62);
    expect(report.timeline.reduce((n, b) => n + b.buys, 0)).toBe(9);
    expect(report.timeline.reduce((n, b) => n + b.votes, 0)).toBe(6);
  });

  it('GIVEN the three designed peaks WHEN golden seconds are ranked THEN they come first, by score, with what was featured and what was said', () => {
    // 900 s: 6·2.9032 + 2·40 + 4·30 = 217.42; 300 s: 8·2.9032 + 3·40 = 143.23; 1500 s: 12·2.9032 + 40 = 74.84;
    // 920 s (60) and 310 s (51.61) are within 30 s of a better bucket; then 1600 s and 1700 s: 2.9032 + 40 = 42.90.
    const moments = report.goldenSeconds.moments.map((m) => [m.second, m.featured, m.score]);
    expect(moments).toEqual([
      [900, 'CED', 217.42],
      [300, 'VAN', 143.23],
      [1500, 'MUG', 74.84],
      [1600, 'MUG', 42.9],
      [1700, 'MUG', 42.9],
    ]);
    // Conversation before commands; the moderated spam line at 900.5 s is never quoted.
    expect(report.goldenSeconds.moments[0]!.lines.map((l) => l.text)).toEqual(['cedar smells like a forest', 'cedar for me', 'go cedar']);
    expect(report.goldenSeconds.moments[1]!.lines.map((l) => `${l.user}: ${l.text}`)).toEqual([
      'anna: the vanilla one smells amazing',
      'ben: wow',
      'cara: is VAN still in stock?',
    ]);
  });

  it('GIVEN mentions and orders WHEN conversions per product are computed THEN mentioners, buyers and units match the log', () => {
    // VAN mentioned by anna (vanilla, bare !buy while featured), cara (VAN), eve (vanilla), gus (!buy VAN), dan (!price VAN) = 5;
    //   buyers anna, cara, gus (paid) and eve (held) = 4, all mentioned it → 0.8; units 1+2+1+1 = 5, paid 4.
    // CED mentioned by ivan, kai (linked to cara), ben, hana, jo = 5; buyers ben (paid) and hana (expired) → 0.4; units 1 (expired is no sale).
    // MUG mentioned by anna, ben (stoneware), cara, gus, jo (stoneware) = 5; buyers anna (paid), gus (cancelled) → 0.4; units 1.
    expect(report.conversions.products.map((p) => [p.sku, p.mentioned, p.buyers, p.mentionedAndBought, p.rate, p.paidBuyers, p.units, p.paidUnits])).toEqual([
      ['VAN', 5, 4, 4, 0.8, 3, 5, 4],
      ['CED', 5, 2, 2, 0.4, 1, 1, 1],
      ['MUG', 5, 2, 2, 0.4, 1, 1, 1],
      ['TOTE', 1, 1, 1, 1, 1, 1, 1],
    ]);
  });

  it('GIVEN chatters on four platforms WHEN conversions per platform are computed THEN a linked identity counts once', () => {
    // twitch: anna, ben, hana, spammer chat; anna, ben, hana buy → 3/4. telegram: cara (+ kai, linked to her), dan, ivan → 3; cara, ivan buy.
    expect(report.conversions.platforms.map((p) => [p.platform, p.chatters, p.buyers, p.chattersWhoBought, p.rate, p.orders])).toEqual([
      ['discord', 3, 1, 1, 0.3333, 1],
      ['telegram', 3, 2, 2, 0.6667, 2],
      ['twitch', 4, 3, 3, 0.75, 4],
      ['web', 1, 1, 1, 1, 2],
    ]);
  });

  it('GIVEN a promo code and an ambassador code WHEN their conversions are computed THEN orders, revenue and commission are theirs', () => {
    // JO7K2: eve's held VAN (1200 − 10% = 1080, commission 108 pending), ben's paid CED (1500 − 150 = 1350, commission 135 earned).
    // FIVE: gus's paid VAN, 1200 − 500 = 700.
    expect(report.conversions.promoCodes).toEqual([
      { code: 'JO7K2', source: 'ambassador', ambassador: 'jo', currency: 'EUR', orders: 2, paidOrders: 1, paidCents: 1350, discountCents: 150 },
      { code: 'FIVE', source: 'yaml', ambassador: null, currency: 'EUR', orders: 1, paidOrders: 1, paidCents: 700, discountCents: 500 },
    ]);
    expect(report.conversions.ambassadors).toEqual([
      { ambassador: 'jo', code: 'JO7K2', currency: 'EUR', orders: 2, paidOrders: 1, paidCents: 1350, commissionEarnedCents: 135, commissionPendingCents: 108 },
    ]);
  });

  it('GIVEN paid, held, expired, cancelled and refunded orders in two currencies WHEN revenue is computed THEN each currency has its own totals', () => {
    // EUR paid: 1200 + 2400 + 700 + 1350 + 2000 = 7650; held 1080; expired 1500; cancelled 2000, also paid after the stock was gone → refund due 2000.
    const [eur, usd] = report.revenue;
    expect(eur).toEqual({
      currency: 'EUR',
      paid: { orders: 5, cents: 7650 },
      held: { orders: 1, cents: 1080 },
      expired: { orders: 1, cents: 1500 },
      cancelled: { orders: 1, cents: 2000 },
      refundDue: { orders: 1, cents: 2000 },
      preorders: { orders: 0, cents: 0 },
      discountCents: 650,
    });
    expect([usd?.currency, usd?.paid]).toEqual(['USD', { orders: 1, cents: 1000 }]);
  });

  it('GIVEN no audience counts WHEN retention is computed THEN it says it comes from chat presence and follows the early chatters', () => {
    // Minutes 0–9: all ten regulars write. Minutes 10–19: anna…eve in the background, ivan, kai(=cara), ben, hana, jo at 900 s → 8.
    // Minutes 20–29: anna, ben, the 1500 s crowd (cara, eve, gus, jo), ivan at 1700 s → 7. Only finn never writes again → 9 of 10.
    expect(report.retention.source).toBe('chat-presence');
    if (report.retention.source !== 'chat-presence') return;
    expect(report.retention.early).toEqual({
      firstMinutes: 10,
      viewers: 10,
      stillActiveLater: 9,
      share: 0.9,
      byWindow: [
        { fromMinute: 10, toMinute: 20, active: 8, share: 0.8 },
        { fromMinute: 20, toMinute: 30, active: 7, share: 0.7 },
      ],
    });
    expect(report.retention.perMinute[5]).toEqual({ minute: 5, active: 8 });
  });

  it('GIVEN the featured switches WHEN segments are cut THEN each span has its chat, orders and featured units per minute', () => {
    expect(report.segments.map((s) => [s.sku, s.startMs / 1000, s.endMs / 1000, s.chat, s.orders, s.featuredUnits, s.featuredUnitsPerMinute])).toEqual([
      ['VAN', 0, 600, 22, 4, 5, 0.5],
      ['CED', 600, 1200, 16, 2, 1, 0.1],
      ['MUG', 1200, 1800, 24, 3, 1, 0.1],
    ]);
  });

  it('GIVEN three monthly shows WHEN compared THEN the best product, hour, weekday and segment are named', () => {
    // Units sold: VAN 2 + 3 + 5 = 10, CED 3 + 3 + 1 = 7, MUG 1 + 0 + 1 = 2 (February's mug expired), TOTE 1 (March only).
    expect(across.products.map((p) => [p.sku, p.shows, p.units])).toEqual([
      ['VAN', 3, 10],
      ['CED', 3, 7],
      ['MUG', 3, 2],
      ['TOTE', 1, 1],
    ]);
    expect(across.bestProduct?.sku).toBe('VAN');
    // Berlin time: January Fri 19:00 (6 units), February Sat 18:00 (6), March Fri 19:00 (8).
    expect(across.byHour).toEqual([
      { key: 18, runs: 1, units: 6, unitsPerRun: 6 },
      { key: 19, runs: 2, units: 14, unitsPerRun: 7 },
    ]);
    expect([across.bestHour?.key, across.bestWeekday?.key]).toEqual([19, 'Fri']);
    // March's VAN span: 5 units in 10 minutes; February's VAN and CED spans 3 units in 15 minutes each.
    expect(across.bestSegments.slice(0, 3).map((s) => [s.showId, s.sku, s.featuredUnitsPerMinute])).toEqual([
      ['candle-night', 'VAN', 0.5],
      ['candle-feb', 'VAN', 0.2],
      ['candle-feb', 'CED', 0.2],
    ]);
  });

  it('GIVEN three shows of units WHEN the next show is forecast THEN the recency-weighted mean plus trend is returned with its explanation', () => {
    // Weights 0.25, 0.5, 1 (Σ 1.75); centre (0.25·1 + 0.5·2 + 3)/1.75 = 17/7; next show is 4 − 17/7 = 11/7 ahead.
    // VAN 2, 3, 5: mean 7/1.75 = 4; Σw(x−c)(u−m) = 1.5, Σw(x−c)² = 13/14 → trend 21/13; 4 + 21/13·11/7 = 85/13 = 6.54 → 6.5.
    // CED 3, 3, 1: mean 13/7; trend −16/13; 13/7 − 16/13·11/7 = −1/13 → floored at 0.
    // MUG 1, 0, 1: mean 5/7; trend 3/13; 5/7 + 3/13·11/7 = 98/91 = 1.08 → 1.1. TOTE: one show, 1, no trend.
    const f = Object.fromEntries(across.forecast.map((x) => [x.sku, x]));
    expect([f.VAN?.units, f.VAN?.mean, f.VAN?.trend]).toEqual([6.5, 4, 1.62]);
    expect([f.CED?.units, f.MUG?.units, f.TOTE?.units]).toEqual([0, 1.1, 1]);
    expect(f.VAN?.explanation).toBe(
      '6.5 = recency-weighted mean 4 units/show over 3 shows (candle-jan: 2 ×0.25, candle-feb: 3 ×0.5, candle-night: 5 ×1) + trend 1.62/show × 1.57 shows ahead',
    );
    expect(f.CED?.explanation).toMatch(/floored at 0 from -0\.08$/);
    expect(f.TOTE?.explanation).toBe('1 = recency-weighted mean 1 units/show over 1 show (candle-night: 1 ×1) (no trend: fewer than 3 shows)');
  });

  it("GIVEN one run asked for WHEN it is not the show's THEN there is no report", () => {
    expect(showReport({ showId: 'x', name: 'x', runs: [], products: [], events: [], orders: [], initialFeatured: null }, { runId: 7 })).toBeUndefined();
  });
});
