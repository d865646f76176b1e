import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { loadCandleShows } from '../support/analytics-fixture.js';
import { axeViolations } from '../support/axe.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-show.js';

const ADMIN_TOKEN = 'admin-token-for-the-analytics-page-0123456789';
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
/** When the recorded March show went live (run 3 of test/fixtures/analytics). */
const LIVE = Date.parse('2026-03-06T18:00:00.000Z');

/** The seller's analytics page in Debian's chromium, in the dashboard's theme, before and after the recorded shows are loaded. */
describe.skipIf(!canRunBrowser)('analytics page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    t = await startTestApp(parseShow(CONFIG, 'analytics.yaml', {}).config, [], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    browser = await launchChromium();
    ({ page, problems } = await watchedPage(browser, { width: 1440, height: 900 }, { locale: 'en-US', timezoneId: 'Europe/Berlin' }));
    await page.goto(`${t.app.url}/dashboard`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await page.locator('#app').waitFor({ state: 'visible' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN a show that never went live WHEN the seller opens analytics THEN each part says there is nothing yet, in the dashboard theme', async () => {
    await page.goto(`${t.app.url}/analytics`);
    await page.locator('#across').waitFor({ state: 'visible' });
    expect(await page.textContent('#across-rankings')).toBe('No sales in any show yet.');
    expect(await page.textContent('#best')).toBe('No past shows yet.');
    await page.locator('#report').waitFor({ state: 'visible' });
    expect(await page.textContent('#rankings')).toBe('No sales in this show yet.');
    expect(await page.textContent('#revenue')).toBe('No sales in this show yet.');
    expect(await page.textContent('#chart')).toBe('No timeline yet: this show has not gone live.');
    // the dashboard's background and font
    const look = await page.evaluate<[string, string]>('[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).fontFamily]');
    expect(look).toEqual(['rgb(20, 20, 28)', 'system-ui, sans-serif']);
    await screenshot(page, 'analytics-empty');
    expect(problems).toEqual([]);
  });

  it('GIVEN the recorded shows and chat in the 90 s before going live WHEN the March show is opened THEN products rank by revenue and by units, and the warm-up is on the timeline', async () => {
    await loadCandleShows(t.app.store);
    const warmUp = [95_000, 92_000].map((before, i) => ({
      showId: 'candle-night',
      runId: null,
      type: 'chat.message',
      at: LIVE - before,
      showMs: null,
      platform: 'twitch',
      viewerId: null,
      data: { text: `waiting for the show ${i}` },
    }));
    await t.app.store.models.LoggedEvent.bulkCreate(warmUp);
    await page.goto(`${t.app.url}/analytics?show=candle-night&run=3`);
    await page.locator('#rankings .rank.revenue li').first().waitFor();

    const ranked = (kind: string, part: string) => page.locator(`#rankings .rank.${kind} li .${part}`).allTextContents();
    const byRevenue = await ranked('revenue', 'name');
    const byUnits = await ranked('units', 'name');
    expect(byRevenue.length).toBeGreaterThan(1);
    // both lists hold every product sold, each ranked longest first
    expect(new Set(byRevenue)).toEqual(new Set(byUnits));
    const units = (await ranked('units', 'figure')).map((r) => Number(/^(\d+) units?$/.exec(r)![1]));
    expect([...units].sort((a, b) => b - a)).toEqual(units);
    expect((await ranked('revenue', 'figure'))[0]).toMatch(/^€\d+\.\d\d/);
    // the warm-up: the timeline's axis starts before 0 and a line marks going live
    // the warm-up: a line marks going live, after the timeline's first buckets
    await page.locator('#chart line.golive').waitFor({ state: 'attached' });
    expect(Number(await page.locator('#chart line.golive').getAttribute('x1'))).toBeGreaterThan(0);
    const first = await page.evaluate(async () => ((await (await fetch('/api/analytics/candle-night?run=3')).json()) as { timeline: unknown[] }).timeline[0]);
    expect(first).toMatchObject({ startMs: -100_000, chat: 2 });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'analytics-march-show');
    await page.locator('#rankings').scrollIntoViewIfNeeded();
    await screenshot(page, 'analytics-march-rankings');
    expect(problems).toEqual([]);
  });
});
