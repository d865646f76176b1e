import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { axeViolations } from '../support/axe.js';
import { canRunBrowser, launchChromium, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-show.js';
import { giveName, openViewerPage } from '../support/viewer-page.js';
import { waitFor } from '../support/wait-for.js';

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };
const ADMIN_TOKEN = 'admin-token-for-the-storefront-live-test-0123';

// 19:00 in Berlin on 15 January 2030 is 18:00 UTC, 13:00 in New York (EST).
const SHOW = `
show:
  id: live-page
  name: Candle night
  timezone: Europe/Berlin
  schedule:
    - { at: "2030-01-15 19:00", title: "Winter candles; wax, wicks", duration: 90m }
server: { host: 127.0.0.1, port: 0 }
products:
  - sku: VAN
    title: Vanilla candle
    price: 24
    image: https://127.0.0.1:9/vanilla.jpg
    variants:
      - { name: S, stock: 5 }
      - { name: L, stock: 2, price: 32 }
  - { sku: MUG, title: Mug, price: 12, stock: 3 }
featured: VAN
checkout: { provider: builtin, builtin: { mode: test } }
alerts: { on: paid, names: first, mergeWithin: 1s }
engagement:
  polls: [{ id: colour, question: "Which colour next?", options: [Red, Blue, Green], duration: 5m }]
promotions:
  drops: [{ id: hello, discount: { amount: 2 }, cron: "0 0 1 1 *", valid: 5m }]
  unlocks:
    - { id: crowd, keyword: unlock, goal: 50, discount: { percent: 10 } }
`;

/**
 * The viewer page off air (the next show in the viewer's timezone, its calendar file, the catalog
 * with Buy) and live (the poll by tap, unlock progress, codes to copy, the purchase ticker).
 */
describe.skipIf(!canRunBrowser)('the viewer page off air and live in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  const problems: string[][] = [];
  const admin = (path: string, body: object = {}) =>
    fetch(`${t.app.url}/api/admin/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function open(viewport = PHONE, options: { timezoneId?: string; locale?: string } = {}): Promise<Page> {
    const w = await openViewerPage(browser, t.app.url, viewport, options);
    problems.push(w.problems);
    return w.page;
  }

  /** Nothing but the page itself scrolls off a phone's first screen. */
  async function inFirstScreen(page: Page, selectors: string[]): Promise<void> {
    for (const s of selectors) {
      const box = (await page.locator(s).last().boundingBox())!;
      expect(box, s).not.toBeNull();
      expect(box.y + box.height, `${s} inside the first screen`).toBeLessThanOrEqual(PHONE.height);
    }
  }

  beforeAll(async () => {
    t = await startTestApp(parseShow(SHOW, 'live.yaml', {}).config, [], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN an off-air show WHEN a viewer in New York opens the page THEN the header names the show, the next show reads in their time, and its calendar file starts at 18:00 UTC', async () => {
    const page = await open(PHONE, { timezoneId: 'America/New_York', locale: 'en-US' });
    await page.locator('#offair').waitFor({ state: 'visible' });
    expect(await page.textContent('#title')).toBe('Candle night');
    expect(await page.textContent('#next-title')).toBe('Winter candles; wax, wicks');
    expect(await page.getAttribute('#next-time', 'datetime')).toBe('2030-01-15T18:00:00.000Z');
    const when = (await page.textContent('#next-time'))!;
    expect(when).toMatch(/Tue, Jan 15.*1:00\s?PM EST/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#next-ics')]);
    const ics = readFileSync(await download.path(), 'utf8');
    expect(ics).toContain('\r\nDTSTART:20300115T180000Z\r\n');
    expect(ics).toContain('\r\nDTEND:20300115T193000Z\r\n');
    expect(ics).toContain('\r\nSUMMARY:Winter candles\\; wax\\, wicks\r\n');
    expect(ics).toMatch(/\r\nUID:live-page-20300115T180000Z@localhost:\d+\r\n/);

    // The off-air box, the card with Buy and the chat's newest line on one phone screen.
    t.app.outbox.enqueue({ priority: 'alert', target: { kind: 'room', platform: 'web', channelId: 'page' }, body: { kind: 'text', text: 'See you soon!' } });
    await page.locator('#lines li', { hasText: 'See you soon!' }).waitFor();
    await page.locator('#catalog li').first().waitFor();
    await inFirstScreen(page, ['#offair', '#buy-button', '#lines li']);
    await screenshot(page, 'storefront-offair-phone');
    expect(await axeViolations(page)).toEqual([]);
    // A stream that plays (the player shows itself) takes the place back.
    await page.evaluate("document.getElementById('show').hidden = false");
    await page.locator('#offair').waitFor({ state: 'hidden' });
    const wide = await open(WIDE, { timezoneId: 'America/New_York', locale: 'en-US' });
    await wide.locator('#catalog li').first().waitFor();
    await screenshot(wide, 'storefront-offair-wide');
    expect(await axeViolations(wide)).toEqual([]);
    await Promise.all([page.close(), wide.close()]);
  });

  it('GIVEN the catalog off air WHEN a viewer presses Buy on the mug THEN it is reserved as `!buy MUG` would, and once paid the ticker tells everyone', async () => {
    const page = await open();
    const mug = page.locator('#catalog li[data-sku="MUG"]');
    await mug.waitFor();
    expect(await mug.locator('.price').textContent()).toBe('€12.00');
    expect(await mug.locator('.stock').textContent()).toBe('3 left');
    await mug.locator('button').click();
    await giveName(page, 'Anna');
    const reply = page.locator('#lines li.bot.private', { hasText: 'Reserved for you' });
    await reply.waitFor();
    expect(await reply.textContent()).toMatch(/1× Mug, €12\.00/);
    const publicId = /cart ([A-Z0-9]{8})/.exec((await reply.textContent())!)![1]!;
    const cart = await t.app.runtime.carts.view(publicId);
    expect(cart?.lines.map((l) => [l.order.sku, l.order.qty])).toEqual([['MUG', 1]]);

    await t.app.runtime.payments.markPaid(cart!);
    const ticker = page.locator('#ticker');
    await waitFor(async () => ((await ticker.textContent()) ?? '').includes('Anna'), 5000, 'the ticker line');
    expect(await ticker.textContent()).toContain('Mug');
    await page.close();
  });

  it('GIVEN a live show with a poll WHEN a viewer taps an option twice THEN one vote counts, and the unlock and a drop code show with a copy button', async () => {
    await t.app.show.goLive(Date.now());
    const page = await open();
    await page.locator('#offair').waitFor({ state: 'hidden' });
    expect((await admin('polls', { id: 'colour' })).status).toBe(201);
    const blue = page.locator('#poll-options button', { hasText: 'Blue' });
    await blue.waitFor();
    await blue.click();
    await giveName(page, 'Ben');
    await waitFor(() => page.locator('#poll-note', { hasText: '1 voted' }).count(), 5000, 'the first vote');
    await page.locator('#poll-options button', { hasText: 'Blue' }).click();
    await page.locator('#lines li.viewer.mine', { hasText: '!vote 2' }).nth(1).waitFor();
    await waitFor(() => page.locator('#poll-options button', { hasText: 'Blue · 100%' }).count(), 5000, 'the tally');
    expect(await page.textContent('#poll-note')).toBe('1 voted · tap to vote');
    const tally = (await (await fetch(`${t.app.url}/api/overlay/state`)).json()) as { poll: { total: number; options: Array<{ votes: number }> } };
    expect([tally.poll.total, tally.poll.options.map((o) => o.votes)]).toEqual([1, [0, 1, 0]]);
    expect(await page.getAttribute('#poll-options button.mine', 'aria-pressed')).toBe('true');

    await page.locator('#unlocks .unlock').waitFor();
    expect(await page.textContent('#unlocks .unlock p')).toBe('Unlock a discount: 0/50 asked');
    await page.click('#unlocks .unlock button');
    await page.locator('#unlocks .unlock p', { hasText: '1/50' }).waitFor();

    const drop = (await (await admin('drops/hello')).json()) as { code: string };
    const code = page.locator('#codes .code', { hasText: drop.code });
    await code.waitFor();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.app.url });
    await code.locator('button').click();
    await code.locator('button', { hasText: 'Copied' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(drop.code);

    // On air the player takes its place above the card (no stream here: its box is what takes room).
    await page.evaluate("document.getElementById('show').hidden = false");
    await screenshot(page, 'storefront-live-poll-phone');
    await inFirstScreen(page, ['#show', '#card', '#buy-button', '#poll', '#lines li']);
    expect(await page.evaluate('document.scrollingElement.scrollHeight')).toBeLessThanOrEqual(PHONE.height);
    await screenshot(page, 'storefront-live-poll-phone');
    expect(await axeViolations(page)).toEqual([]);
    const wide = await open(WIDE);
    await wide.locator('#poll-options button').first().waitFor();
    await screenshot(wide, 'storefront-live-poll-wide');
    expect(await axeViolations(wide)).toEqual([]);
    await Promise.all([page.close(), wide.close()]);
  });

  it('GIVEN two viewers who asked about different products WHEN their pages look THEN each gets their own "for you" pick, and nobody without the session reads one', async () => {
    const [cleo, dan] = await Promise.all([open(), open()]);
    for (const [page, name, text] of [
      [cleo, 'Cleo', 'is the mug dishwasher safe?'],
      [dan, 'Dan', 'how long does the vanilla candle burn?'],
    ] as const) {
      await page.fill('#text', text);
      await page.press('#text', 'Enter');
      await giveName(page, name);
    }
    await cleo.locator('#for-you-title', { hasText: 'Mug' }).waitFor();
    await dan.locator('#for-you-title', { hasText: 'Vanilla candle' }).waitFor();
    expect(await cleo.textContent('#for-you-why')).toBe('You asked about it');
    expect(await dan.textContent('#for-you-price')).toBe('€24.00');
    await screenshot(dan, 'storefront-for-you-phone');
    expect((await fetch(`${t.app.url}/api/storefront/for-you`)).status).toBe(401);
    await Promise.all([cleo.close(), dan.close()]);
    expect(problems.flat()).toEqual([]);
  });
});
