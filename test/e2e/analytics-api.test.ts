import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { loadCandleShows } from '../support/analytics-fixture.js';
import { startTestApp, type TestApp } from '../support/test-show.js';

const TOKEN = 'analytics-test-admin-token-0123456789';

/** The running show is the recorded March show, so its file says VAN was on screen from the start. */
const CONFIG = `
show: { id: candle-night, name: Candle Night (March), timezone: Europe/Berlin }
server: { host: 127.0.0.1, port: 0 }
featured: VAN
products:
  - { sku: VAN, title: Vanilla candle, price: 12, stock: 50 }
  - { sku: CED, title: Cedar candle, price: 15, stock: 50 }
  - { sku: MUG, title: Stoneware mug, price: 20, stock: 50 }
  - { sku: TOTE, title: Canvas tote, price: 10, currency: USD, stock: 50 }
`;

/** The CSV's sections: blank-line separated, each with its own header row. */
function sections(csv: string): Record<string, Array<Record<string, string>>> {
  const out: Record<string, Array<Record<string, string>>> = {};
  // RFC 4180 (quoted cells may hold commas, doubled quotes and line breaks); blank lines separate sections.
  const rows: string[][] = parse(csv, { relaxColumnCount: true, skipEmptyLines: true, bom: true });
  let header: string[] = [];
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue;
    if (row[0] === 'section') header = row;
    else (out[row[0]!] ??= []).push(Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
  }
  return out;
}

describe('analytics over HTTP', () => {
  let t: TestApp;
  const auth = { authorization: `Bearer ${TOKEN}` };
  const get = (path: string, headers: Record<string, string> = auth) => fetch(`http://127.0.0.1:${t.app.port}${path}`, { headers });

  beforeAll(async () => {
    t = await startTestApp(parseShow(CONFIG, 'analytics.yaml', {}).config, [], { env: { SHOWCART_ADMIN_TOKEN: TOKEN } });
    await loadCandleShows(t.app.store);
  });
  afterAll(() => t.app.stop());

  it('GIVEN no admin token or a wrong one WHEN analytics is asked for THEN it is refused and the token is not echoed', async () => {
    for (const path of ['/api/analytics', '/api/analytics/candle-night', '/api/analytics/candle-night?format=csv']) {
      const res = await get(path, {});
      expect(res.status).toBe(401);
    }
    const wrong = await get('/api/analytics/candle-night', { authorization: 'Bearer not-the-token' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('not-the-token');
  });

  it("GIVEN the admin token WHEN the show report is asked for as JSON THEN the golden seconds, conversions and revenue are the recorded show's", async () => {
    const res = await get('/api/analytics/candle-night');
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      goldenSeconds: { moments: Array<{ second: number; featured: string }> };
      conversions: { products: Array<{ sku: string; units: number }> };
      revenue: Array<{ currency: string; paid: { cents: number } }>;
    };
    // Hand-computed in test/unit/analytics-show.test.ts.
    expect(report.goldenSeconds.moments.slice(0, 3).map((m) => [m.second, m.featured])).toEqual([
      [900, 'CED'],
      [300, 'VAN'],
      [1500, 'MUG'],
    ]);
    expect(report.conversions.products.map((p) => [p.sku, p.units])).toEqual([
      ['VAN', 5],
      ['CED', 1],
      ['MUG', 1],
      ['TOTE', 1],
    ]);
    expect(report.revenue.map((r) => [r.currency, r.paid.cents])).toEqual([
      ['EUR', 7650],
      ['USD', 1000],
    ]);
  });

  it('GIVEN format=csv or Accept: text/csv WHEN the show report is asked for THEN a CSV download parses back to the same figures', async () => {
    const res = await get('/api/analytics/candle-night?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('candle-night-analytics.csv');
    const csv = sections(await res.text());
    expect(csv.timeline).toHaveLength(180);
    expect(csv.timeline?.find((r) => r.second === '900')).toEqual({
      section: 'timeline',
      run: '3',
      second: '900',
      chat: '6',
      buys: '2',
      votes: '4',
      featured: 'CED',
    });
    expect(csv.golden?.[1]).toMatchObject({
      second: '300',
      featured: 'VAN',
      score: '143.23',
      said: 'anna: the vanilla one smells amazing | ben: wow | cara: is VAN still in stock?',
    });
    expect(csv.products?.map((r) => [r.sku, r.mentioned, r.buyers, r.rate, r.units])).toEqual([
      ['VAN', '5', '4', '0.8', '5'],
      ['CED', '5', '2', '0.4', '1'],
      ['MUG', '5', '2', '0.4', '1'],
      ['TOTE', '1', '1', '1', '1'],
    ]);
    expect(csv.platforms?.map((r) => [r.platform, r.chatters, r.buyers])).toEqual([
      ['discord', '3', '1'],
      ['telegram', '3', '2'],
      ['twitch', '4', '3'],
      ['web', '1', '1'],
    ]);
    expect(csv['promo-codes']?.map((r) => [r.code, r.paid_cents])).toEqual([
      ['JO7K2', '1350'],
      ['FIVE', '700'],
    ]);
    expect(csv.ambassadors?.[0]).toMatchObject({ ambassador: 'jo', commission_earned_cents: '135', commission_pending_cents: '108' });
    expect(csv.revenue?.map((r) => [r.currency, r.paid_cents, r.refund_due_cents])).toEqual([
      ['EUR', '7650', '2000'],
      ['USD', '1000', '0'],
    ]);

    const byAccept = await get('/api/analytics/candle-night?run=3', { ...auth, accept: 'text/csv' });
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(sections(await byAccept.text()).timeline).toHaveLength(180);
  });

  it('GIVEN an unknown show, an unknown run or a bad parameter WHEN asked for THEN 404 or 400 says so', async () => {
    expect((await get('/api/analytics/no-such-show')).status).toBe(404);
    expect((await get('/api/analytics/candle-night?run=99')).status).toBe(404);
    expect((await get('/api/analytics/candle-night?run=abc')).status).toBe(400);
  });

  it('GIVEN three recorded shows WHEN the cross-show report is asked for THEN it names the best product and the forecast', async () => {
    const res = await get('/api/analytics');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      timezone: string;
      bestProduct: { sku: string };
      bestHour: { key: number };
      forecast: Array<{ sku: string; units: number }>;
    };
    expect([body.timezone, body.bestProduct.sku, body.bestHour.key]).toEqual(['Europe/Berlin', 'VAN', 19]);
    expect(body.forecast.map((f) => [f.sku, f.units])).toEqual([
      ['VAN', 6.5],
      ['CED', 0],
      ['MUG', 1.1],
      ['TOTE', 1],
    ]);
  });

  it('GIVEN a browser WHEN it opens /analytics THEN the page and its script are served without inline code', async () => {
    const page = await get('/analytics', {});
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/analytics/analytics.js" type="module"></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
    const js = await get('/analytics/analytics.js', {});
    expect([js.status, js.headers.get('content-type')?.split(';')[0]]).toEqual([200, 'text/javascript']);
  });
});
