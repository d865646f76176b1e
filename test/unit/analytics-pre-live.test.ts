import { describe, expect, it } from 'vitest';
import type { EventRow, OrderRow, ShowData } from '../../orchestrator/analytics/analytics-types.js';
import { PRE_LIVE_MS, withPreLive } from '../../orchestrator/analytics/pre-live.js';
import { showReport } from '../../orchestrator/analytics/show-report.js';

const LIVE = Date.UTC(2026, 2, 14, 19, 0, 0);
const MIN = 60_000;
const runs = [{ id: 1, startedAt: LIVE, endedAt: LIVE + 20 * MIN }];

const chat = (at: number, viewerId: number, runId: number | null = null): EventRow => ({
  runId,
  type: 'chat.message',
  at,
  showMs: runId === null ? null : at - LIVE,
  platform: 'twitch',
  viewerId,
  data: { text: 'hi' },
});

const order = (publicId: string, at: number, o: Partial<OrderRow> = {}): OrderRow => ({
  publicId,
  runId: null,
  showMs: null,
  createdAt: at,
  viewerId: 7,
  platform: 'web',
  status: 'paid',
  sku: 'MUG',
  qty: 1,
  totalCents: 1200,
  discountCents: 0,
  currency: 'EUR',
  code: null,
  ambassador: null,
  commission: null,
  ...o,
});

describe('activity before going live', () => {
  it('GIVEN chat 5 minutes before OBS went live WHEN attributed THEN it belongs to that run at -5:00 on its clock', () => {
    const [early] = withPreLive([chat(LIVE - 5 * MIN, 1)], runs, (e) => e.at);
    expect(early).toMatchObject({ runId: 1, showMs: -5 * MIN });
  });

  it('GIVEN activity longer ago than the warm-up, or after the last run THEN it stays off air', () => {
    const rows = [chat(LIVE - PRE_LIVE_MS - 1, 1), chat(LIVE + 30 * MIN, 2)];
    expect(withPreLive(rows, runs, (e) => e.at).map((e) => e.runId)).toEqual([null, null]);
  });

  it('GIVEN a warm-up with chat and an order WHEN run 1 is reported THEN both count, the timeline starts before 0 and retention starts at 0', () => {
    const events = withPreLive([chat(LIVE - 65_000, 1), chat(LIVE - 64_000, 2), chat(LIVE + 15_000, 1, 1)], runs, (e) => e.at);
    const orders = withPreLive(
      [order('A', LIVE - 30_000), order('B', LIVE + 60_000, { sku: 'LAMP', totalCents: 3000, runId: 1, showMs: 60_000 })],
      runs,
      (o) => o.createdAt,
    );
    const data: ShowData = {
      showId: 's',
      name: 'S',
      runs,
      products: [
        { sku: 'MUG', title: 'Mug' },
        { sku: 'LAMP', title: 'Lamp' },
      ],
      events,
      orders,
      initialFeatured: null,
    };
    const report = showReport(data, { runId: 1 })!;
    expect(report.timeline[0]).toMatchObject({ startMs: -70_000, chat: 2 });
    expect(report.timeline.find((b) => b.startMs === -30_000)).toMatchObject({ buys: 1 });
    expect(report.timeline.find((b) => b.startMs === 10_000)).toMatchObject({ chat: 1 });
    expect(report.conversions.products.map((p) => [p.sku, p.units, p.paid])).toEqual([
      ['LAMP', 1, { EUR: 3000 }],
      ['MUG', 1, { EUR: 1200 }],
    ]);
    expect(report.revenue[0]!.paid).toEqual({ orders: 2, cents: 4200 });
    expect(report.retention.source === 'chat-presence' && report.retention.perMinute[0]).toEqual({ minute: 0, active: 1 });
  });
});
