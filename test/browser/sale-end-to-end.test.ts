import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-sale-test-0123456789';
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };

/**
 * The whole sale in Debian's chromium, in the demo show as shipped (built-in checkout in
 * test mode) with its three bots on the platform fakes: a web chat viewer buys two products into
 * one cart, pays on the checkout page, every chat and the overlay announce it, and the seller
 * ships it from the dashboard while the buyer is told.
 */
describe.skipIf(!canRunBrowser)('a sale from !buy to shipped in a real browser', () => {
  let p: ThreePlatforms;
  let browser: Browser;
  let viewer: Page;
  let overlay: Page;
  let dashboard: Page;
  const problems: string[][] = [];
  let checkoutUrl = '';
  let cartId = '';

  const botLines = async () => (await viewer.locator('#lines li.bot').allTextContents()).map((t) => t.replace(/^showcart/, ''));

  beforeAll(async () => {
    p = await startThreePlatforms('', { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN, SHOWCART_WEB_SECRET: 'sale-e2e-web-session-secret-0123456789' }, { demo: true });
    browser = await launchChromium();
    const v = await watchedPage(browser, PHONE);
    const o = await watchedPage(browser, { width: 1920, height: 1080 });
    const d = await watchedPage(browser, WIDE);
    viewer = v.page;
    overlay = o.page;
    dashboard = d.page;
    problems.push(v.problems, o.problems, d.problems);
    for (const page of [viewer, overlay, dashboard]) page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('GIVEN the demo WHEN a web chat viewer buys two products THEN both lines are in one cart with one "Pay now" link', async () => {
    await overlay.goto(`${p.app.url}/overlay`);
    await viewer.goto(p.app.url);
    // The chat reads without a name; the first line sent asks for one, then goes out under it.
    await viewer.fill('#text', '!buy VAN S');
    await viewer.press('#text', 'Enter');
    await viewer.fill('#name', 'Anna');
    await viewer.click('#join button[type=submit]');
    await viewer.locator('#join').waitFor({ state: 'hidden' });
    await viewer.locator('#lines li.bot', { hasText: 'Reserved for you (cart' }).waitFor();
    await viewer.fill('#text', '!buy CEDAR');
    await viewer.press('#text', 'Enter');
    const added = viewer.locator('#lines li.bot', { hasText: 'Added to your cart' });
    await added.waitFor();

    const text = (await added.textContent()) ?? '';
    expect(text).toMatch(/Added to your cart [A-Z0-9]{8}: 1× Cedar & smoke candle, €28\.00\. Now 2 items, €52\.00 — pay within 15 min\./);
    cartId = /cart ([A-Z0-9]{8})/.exec(text)![1]!;
    const link = added.locator('a');
    expect(await link.textContent()).toBe('Pay now');
    checkoutUrl = (await link.getAttribute('href')) ?? '';
    expect(checkoutUrl).toMatch(/\/c\/[\w-]{22}$/);
    expect((await botLines()).filter((l) => l.includes(`cart ${cartId}`))).toHaveLength(2);
    await screenshot(viewer, 'sale-cart-in-chat');
  });

  it('GIVEN the cart link WHEN the buyer fills the address and presses Pay (test) THEN the page thanks them and the purchase alert reaches every chat and the overlay', async () => {
    const alerted = new Promise<void>((resolve) => {
      const off = p.app.bus.on('alert.purchase', () => {
        off();
        resolve();
      });
    });
    // The link opens a tab of its own: the chat stays open behind it, as on a phone.
    const { page: pay, problems: payProblems } = await watchedPage(browser, PHONE);
    problems.push(payProblems);
    await pay.goto(checkoutUrl);
    await pay.locator('#form').waitFor({ state: 'visible' });
    expect(await pay.textContent('#test-banner')).toContain('Test mode');
    await pay.fill('#name', 'Anna Berger');
    await pay.fill('#email', 'anna@example.com');
    await pay.fill('#line1', 'Hauptstraße 5');
    await pay.fill('#postalCode', '10115');
    await pay.fill('#city', 'Berlin');
    await pay.selectOption('#country', 'DE');
    // Free shipping from €50 in the demo: this cart is €52.
    expect((await pay.locator('#totals .total-row').allTextContents()).join(' ')).toContain('Total€52.00');
    await screenshot(pay, 'sale-checkout-filled');
    await pay.click('#submit');
    await pay.locator('#view-message').waitFor({ state: 'visible' });
    expect(await pay.textContent('#title')).toBe('Thank you!');
    await screenshot(viewer, 'sale-checkout-paid');

    // The demo merges alerts for 5 s (real time) before it says them.
    await alerted;
    await p.app.idle();
    const alert = /Anna just bought/;
    await waitFor(() => p.telegram.sent(GROUP).some((t) => alert.test(t)), 5000, 'the alert on Telegram');
    await waitFor(() => p.twitch.received('candleshop').some((t) => alert.test(t)), 5000, 'the alert on Twitch');
    await waitFor(() => p.discord.sent(DISCORD_CHANNEL).some((t) => alert.test(t)), 5000, 'the alert on Discord');
    await waitFor(async () => alert.test((await overlay.textContent('#alert')) ?? ''), 5000, 'the alert on the overlay');
    await screenshot(overlay, 'sale-overlay-alert', { transparent: true });

    const cart = await p.app.runtime.carts.view(cartId);
    expect([cart?.status, cart?.totalCents, cart?.lines.length]).toEqual(['paid', 5200, 2]);
  });

  it('GIVEN the paid cart WHEN the seller opens the dashboard, marks it packed and shipped with tracking THEN each step shows and the buyer is told in the web chat', async () => {
    await dashboard.goto(`${p.app.url}/dashboard`);
    await dashboard.fill('#token', ADMIN_TOKEN);
    await dashboard.click('#login button[type=submit]');
    const row = (attrs = '') => dashboard.locator(`#carts li[data-cart="${cartId}"]${attrs}`);
    await row('[data-status="paid"]').waitFor();
    expect(await row().locator('.lines li').allTextContents()).toEqual(['1× Vanilla candle (S)', '1× Cedar & smoke candle']);
    await screenshot(dashboard, 'sale-dashboard-paid');

    await row().locator('button[data-action="packed"]').click();
    await row('[data-fulfilment="packed"]').waitFor();
    await row().locator('button[data-action="shipped"]').click();
    await row().locator('input[name="tracking"]').fill('https://track.example/DHL-0034043416');
    await row().locator('button[data-action="confirm-ship"]').click();
    await row('[data-fulfilment="shipped"]').waitFor();
    await screenshot(dashboard, 'sale-dashboard-shipped');

    // The buyer hears it where they bought: the web chat page, still open.
    const shipped = viewer.locator('#lines li.bot', { hasText: `Your order ${cartId} has shipped` });
    await shipped.waitFor();
    expect(await shipped.textContent()).toContain('Tracking: https://track.example/DHL-0034043416');
    const told = await botLines();
    expect(told, 'paid, then packed').toEqual(
      expect.arrayContaining([expect.stringContaining(`Paid, thank you! Order ${cartId}`), expect.stringContaining(`Your order ${cartId} is packed`)]),
    );
    await screenshot(viewer, 'sale-buyer-told');
    expect(problems.flat()).toEqual([]);
  });
});
