import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { axeViolations } from '../support/axe.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-show.js';
import { giveName, openDashboard, openViewerPage } from '../support/viewer-page.js';

const PHONE = { width: 390, height: 844 };
const ADMIN_TOKEN = 'admin-token-for-the-auction-browser-test-0123';
const SHOW = `
show: { id: auction-page, name: Auction night }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: LAMP, title: Brass lamp, price: 80, stock: 1 }
  - { sku: MUG, title: Studio mug, price: 12, stock: 3 }
featured: LAMP
checkout: { provider: builtin, builtin: { mode: test } }
alerts: { names: first }
auctions:
  - { id: lamp, sku: LAMP, start: 10, duration: 5m, antiSnipe: 10s, buyNow: 90 }
giveaways:
  - { id: mug, sku: MUG, keyword: win, window: 5m, claimWithin: 5m }
`;

/** The storefront's Bid and Enter buttons and the overlay's auction and giveaway cards, in Debian's chromium. */
describe.skipIf(!canRunBrowser)('auctions and giveaways on the viewer page and the overlay', () => {
  let t: TestApp;
  let browser: Browser;
  const admin = (path: string, body: object = {}) =>
    fetch(`${t.app.url}/api/admin/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const open = async (): Promise<Page> => (await openViewerPage(browser, t.app.url, PHONE)).page;

  beforeAll(async () => {
    t = await startTestApp(parseShow(SHOW, 'auction.yaml', {}).config, [], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN an auction started from the dashboard WHEN two viewers press Bid THEN each bid is the next step, the card and the overlay show the price, the leader and the clock, and ending it sells to the leader', async () => {
    expect((await admin('auctions/lamp/start')).status).toBe(201);
    const anna = await open();
    const card = anna.locator('#auction');
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h2').textContent()).toBe('Auction: Brass lamp');
    expect(await card.locator('.standing').textContent()).toBe('Opens at €10.00 · no bid yet');
    await card.locator('button.bid').click();
    await giveName(anna, 'Anna');
    await card.locator('.standing', { hasText: '€10.00 · Anna leads' }).waitFor();

    const boris = await open();
    await boris.locator('#auction button.bid', { hasText: 'Bid €11.00' }).click();
    await giveName(boris, 'Boris');
    await boris.locator('#auction .standing', { hasText: '€11.00 · Boris leads' }).waitFor();
    await anna.locator('#auction .standing', { hasText: '€11.00 · Boris leads' }).waitFor();
    expect(await anna.locator('#auction button.bid').textContent()).toBe('Bid €12.00');
    expect(await anna.locator('#auction .clock').textContent()).toMatch(/^[45]:\d\d$/);
    await screenshot(anna, 'storefront-auction-phone');
    expect(await axeViolations(anna)).toEqual([]);

    const overlay = await watchedPage(browser, { width: 1280, height: 720 });
    await overlay.page.goto(`${t.app.url}/overlay?widget=auction`);
    const onStream = overlay.page.locator('#auction');
    await onStream.locator('.price', { hasText: '€11.00' }).waitFor();
    expect(await onStream.locator('.meta').textContent()).toBe('Boris');
    expect(await onStream.locator('.sku').textContent()).toBe('!bid 12');
    await screenshot(overlay.page, 'overlay-widget-auction');

    expect((await admin('auctions/current/end', { sell: true })).status).toBe(200);
    await boris.locator('#lines li.bot.private', { hasText: 'You won Brass lamp for €11.00' }).waitFor();
    await anna.locator('#auction').waitFor({ state: 'hidden' });
    await Promise.all([anna.close(), boris.close(), overlay.page.close()]);
  });

  it('GIVEN a giveaway WHEN one viewer presses Enter and another types the keyword THEN both are in once, the overlay counts them, and the draw names one winner', async () => {
    expect((await admin('giveaways/mug/start')).status).toBe(201);
    const cleo = await open();
    const card = cleo.locator('#giveaway');
    await card.waitFor({ state: 'visible' });
    await card.locator('button', { hasText: 'Enter the giveaway' }).click();
    await giveName(cleo, 'Cleo');
    await cleo.locator('#lines li.bot.private', { hasText: "You're in the Studio mug giveaway" }).waitFor();
    await card.locator('p', { hasText: '1 entry' }).waitFor();
    // Pressing again counts once: the answer says so, privately.
    await card.locator('button', { hasText: 'Enter the giveaway' }).click();
    await cleo.locator('#lines li.bot.private', { hasText: 'You already have an entry' }).waitFor();

    const dan = await open();
    await dan.fill('#text', 'win');
    await dan.click('#say button[type=submit]');
    await giveName(dan, 'Dan');
    await dan.locator('#giveaway p', { hasText: '2 entries' }).waitFor();
    await screenshot(dan, 'storefront-giveaway-phone');
    expect(await axeViolations(dan)).toEqual([]);

    const overlay = await watchedPage(browser, { width: 1280, height: 720 });
    await overlay.page.goto(`${t.app.url}/overlay?widget=giveaway`);
    await overlay.page.locator('#giveaway .line', { hasText: '!enter or win · 2 entries' }).waitFor();
    await screenshot(overlay.page, 'overlay-widget-giveaway');

    expect((await admin('giveaways/current/close')).status).toBe(200);
    const winner = await overlay.page.locator('#giveaway .price').textContent({ timeout: 10_000 });
    expect(winner).toMatch(/^🎉 (Cleo|Dan) won!$/);
    await cleo.locator('#giveaway p', { hasText: /(Cleo|Dan) won!/ }).waitFor();
    const proof = (await (await fetch(`${t.app.url}/api/giveaways/mug/proof`)).json()) as { entries: string[]; seed: string; draws: unknown[] };
    expect(proof.entries).toHaveLength(2);
    expect(proof.seed).toMatch(/^[0-9a-f]{64}$/);
    expect(proof.draws).toHaveLength(1);
    // The winner claims it from the page's chat: the mug is in their cart at no charge.
    const won = winner!.includes('Cleo') ? cleo : dan;
    await won.fill('#text', '!claim');
    await won.click('#say button[type=submit]');
    await won.locator('#lines li.bot.private', { hasText: /Studio mug is in your cart [A-Z0-9]+ at no charge/ }).waitFor();
    await won.locator('#giveaway').waitFor({ state: 'hidden' });
    await Promise.all([cleo.close(), dan.close(), overlay.page.close()]);
  });

  it('GIVEN the dashboard WHEN the seller starts an auction and a giveaway with its buttons THEN the Show panel follows them (price, leader, clock; entries and the proof link) and ends them', async () => {
    const dash = await openDashboard(browser, t.app.url, ADMIN_TOKEN);
    const panel = dash.locator('#sales-events');
    await panel.locator('button', { hasText: 'Auction lamp' }).click();
    const running = panel.locator('[data-auction="lamp"]');
    await running.waitFor();
    expect(await running.textContent()).toMatch(/^Brass lamp: opens at €10\.00 — [45]:\d\d left, 0 bids/);
    expect(await panel.locator('button', { hasText: 'Auction lamp' }).isDisabled()).toBe(true);
    await panel.locator('button', { hasText: 'Giveaway mug' }).click();
    const drawing = panel.locator('[data-giveaway="mug"]');
    await drawing.waitFor();
    expect(await drawing.textContent()).toMatch(/^Studio mug: 0 entries — closes in [45]:\d\d \(commitment [0-9a-f]{12}…\)proofClose and draw$/);
    expect(await drawing.locator('a').getAttribute('href')).toBe('/api/giveaways/mug/proof');
    await screenshot(dash, 'dashboard-auction-giveaway');
    await panel.locator('button', { hasText: 'End, no sale' }).click();
    await running.waitFor({ state: 'detached' });
    await panel.locator('button', { hasText: 'Close and draw' }).click();
    await drawing.waitFor({ state: 'detached' });
    expect(await panel.textContent()).toContain('No auction running.');
    await dash.close();
  });
});
