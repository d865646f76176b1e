import { describe, expect, it } from 'vitest';
import { csvCell } from '../../orchestrator/analytics/analytics-csv.js';
import type { EventRow } from '../../orchestrator/analytics/analytics-types.js';
import { forecastUnits } from '../../orchestrator/analytics/forecast.js';
import { goldenSeconds } from '../../orchestrator/analytics/golden-seconds.js';
import { distinctiveTitleWords, mentionsByProduct } from '../../orchestrator/analytics/mentions.js';
import { retention } from '../../orchestrator/analytics/retention.js';
import type { Bucket } from '../../orchestrator/analytics/timeline.js';

const event = (over: Partial<EventRow>): EventRow => ({ runId: 1, type: 'chat.message', at: 0, showMs: 0, platform: 'twitch', viewerId: 1, data: {}, ...over });
const bucket = (second: number, chat: number, buys = 0, votes = 0): Bucket => ({ runId: 1, startMs: second * 1000, chat, buys, votes, featured: null });

describe('analytics parts', () => {
  it('GIVEN cells a spreadsheet would run as formulas WHEN written to CSV THEN they are defused and quoted as needed', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('GIVEN a burst spread over neighbouring buckets WHEN golden seconds are picked THEN the burst is reported once, at its best bucket', () => {
    // 6 buckets, chat 1, 1, 8, 6, 1, 3 (mean 20/6): scores 0.3, 0.3, 2.4, 1.8, 0.3, 0.9. Bucket 20 wins; 30 is within 30 s of it;
    // 50 is exactly 30 s away, so it is a moment of its own.
    const buckets = [bucket(0, 1), bucket(10, 1), bucket(20, 8), bucket(30, 6), bucket(40, 1), bucket(50, 3)];
    expect(goldenSeconds(buckets, [], 2).map((m) => [m.second, m.score])).toEqual([
      [20, 2.4],
      [50, 0.9],
    ]);
  });

  it('GIVEN a quiet show WHEN golden seconds are picked THEN buckets without any signal are never moments', () => {
    expect(goldenSeconds([bucket(0, 0), bucket(10, 0)], [])).toEqual([]);
  });

  it('GIVEN titles sharing a word WHEN distinctive words are found THEN only words naming one product count', () => {
    const words = distinctiveTitleWords([
      { sku: 'VAN', title: 'Vanilla candle' },
      { sku: 'CED', title: 'Cedar candle' },
      { sku: 'MUG', title: 'Big mug' },
    ]);
    expect([...words].sort()).toEqual([
      ['cedar', 'CED'],
      ['vanilla', 'VAN'],
    ]);
  });

  it('GIVEN commands with and without a SKU WHEN mentions are counted THEN a bare !buy or a variant-only !buy means the featured product', () => {
    const products = [
      { sku: 'VAN', title: 'Vanilla candle' },
      { sku: 'CED', title: 'Cedar candle' },
    ];
    const events = [
      event({ type: 'command', viewerId: 1, data: { name: 'buy', args: {} } }),
      event({ type: 'command', viewerId: 2, data: { name: 'buy', args: { item: 'L 2' } } }),
      event({ type: 'command', viewerId: 3, data: { name: 'price', args: { sku: 'ced' } } }),
      event({ type: 'command', viewerId: 4, data: { name: 'help', args: { command: 'VAN' } } }),
      event({ viewerId: 5, data: { text: 'Cedar? or VANILLA' } }),
    ];
    const mentions = mentionsByProduct(events, products, () => 'VAN');
    expect([...(mentions.get('VAN') ?? [])].sort()).toEqual([1, 2, 5]);
    expect([...(mentions.get('CED') ?? [])].sort()).toEqual([3, 5]);
  });

  it('GIVEN audience counts from two platforms WHEN retention is computed THEN each minute sums the last count of each platform', () => {
    const count = (minute: number, second: number, platform: string, n: number) =>
      event({
        type: 'audience.count',
        platform,
        viewerId: null,
        at: minute * 60_000 + second * 1000,
        showMs: minute * 60_000 + second * 1000,
        data: { count: n },
      });
    const r = retention([
      count(0, 5, 'twitch', 10),
      count(0, 50, 'twitch', 12),
      count(0, 30, 'telegram', 3),
      count(1, 5, 'twitch', 20),
      count(2, 5, 'twitch', 8),
      event({ viewerId: 9 }),
    ]);
    expect(r.source).toBe('audience.count');
    if (r.source !== 'audience.count') return;
    // Minute 0: twitch's last 12 + telegram 3 = 15; minute 1: 20; minute 2: 8 → peak 20, average 43/3, end 8/20.
    expect(r.perMinute).toEqual([
      { minute: 0, viewers: 15 },
      { minute: 1, viewers: 20 },
      { minute: 2, viewers: 8 },
    ]);
    expect([r.peak, r.average, r.endOfPeak]).toEqual([{ minute: 1, viewers: 20 }, 14.3, 0.4]);
  });

  it('GIVEN two shows WHEN forecast THEN the weighted mean is used without a trend', () => {
    // Weights 0.5 and 1: (0.5·4 + 1·10)/1.5 = 8.
    const f = forecastUnits([
      { showId: 'a', units: 4 },
      { showId: 'b', units: 10 },
    ]);
    expect([f?.units, f?.trend, f?.shows]).toEqual([8, 0, ['a', 'b']]);
    expect(forecastUnits([])).toBeUndefined();
  });
});
