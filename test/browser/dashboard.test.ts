import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPayload, SIGNATURE_HEADER } from '../../orchestrator/http/payment-webhook.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-browser-test-0123456789';
const PAYMENT_SECRET = 'whsec_browser_test_1';
const SHOW = `products:
  - { sku: MUG, title: Mug, price: 12, stock: 50 }
  - { sku: LAMP, title: Lamp, price: 30, stock: 5 }
featured: MUG
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 10m }
alerts: { on: paid, names: first, mergeWithin: 1s }
engagement:
  polls: [{ id: colour, question: "Which colour next?", options: [Red, Blue, Green], duration: 5m }]
promotions:
  unlocks: [{ id: crowd, keyword: unlock, goal: 50, discount: { percent: 10 } }]
  flashSales: [{ id: mugrush, sku: MUG, price: 9, duration: 10m }]
overlay:
  position: top-right
  colors: { accent: "#00c2a8" }`;

/** The seller's dashboard and the OBS overlay in Debian's chromium, against the three platform fakes. */
describe.skipIf(!canRunBrowser)('dashboard and overlay in a real browser', () => {
  let p: ThreePlatforms;
  let browser: Browser;
  let dashboard: Page;
  let overlay: Page;
  /** Script errors and CSP refusals of both pages, filled as they happen. */
  const problems: string[][] = [];

  beforeAll(async () => {
    p = await startThreePlatforms(SHOW, { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN, SHOWCART_PAYMENT_SECRET: PAYMENT_SECRET });
    browser = await launchChromium();
    const d = await watchedPage(browser);
    const o = await watchedPage(browser, { width: 1920, height: 1080 });
    dashboard = d.page;
    overlay = o.page;
    problems.push(d.problems, o.problems);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('GIVEN the dashboard WHEN a wrong admin token is entered THEN it says so and shows no show data', async () => {
    await dashboard.goto(`${p.app.url}/dashboard`);
    await dashboard.locator('#login').waitFor({ state: 'visible' });
    await dashboard.fill('#token', 'not-the-token');
    await dashboard.click('#login button[type=submit]');
    await dashboard.locator('#login-error').waitFor({ state: 'visible' });

    expect(await dashboard.textContent('#login-error')).toBe('Wrong token.');
    expect(await dashboard.isHidden('#app')).toBe(true);
    expect(await dashboard.locator('#chat li, #orders li').count()).toBe(0);
    expect(await dashboard.evaluate(async () => (await fetch('/api/admin/state')).status)).toBe(401);
    await screenshot(dashboard, 'dashboard-wrong-token');
  });

  it('GIVEN the right token WHEN a Twitch viewer writes THEN the line appears in the live chat column with a Twitch badge', async () => {
    await dashboard.fill('#token', ADMIN_TOKEN);
    await dashboard.click('#login button[type=submit]');
    await dashboard.locator('#app').waitFor({ state: 'visible' });
    // The page opens its live feed (EventSource) once logged in.
    await waitFor(async () => (await dashboard.textContent('#status')) === 'connected', 3000, 'the live feed open');

    await afterLines(p.app, 1, () =>
      p.twitch.say({ channel: 'candleshop', user: { id: '5001', login: 'tom', displayName: 'Tom' }, text: 'hello from twitch' }),
    );
    // Handled: what is left is the live feed (throttled to 1 s) reaching the page.
    const line = dashboard.locator('#chat li[data-platform="twitch"]', { hasText: 'hello from twitch' });
    await line.waitFor({ timeout: 3000 });

    expect(await line.locator('.badge').textContent()).toBe('Twitch');
    expect(await line.locator('.author').textContent()).toBe('Tom');
    expect(await dashboard.locator('#channels li.connected').count()).toBe(3);
    await screenshot(dashboard, 'dashboard-live-chat');
  });

  it('GIVEN a line in the live chat WHEN the seller clicks its Delete button THEN Twitch is asked to delete that message', async () => {
    p.twitch.setModerator('candleshop', true);
    const id = p.twitch.say({ channel: 'candleshop', user: { id: '5003', login: 'spam', displayName: 'Spam' }, text: 'buy followers here' });
    const line = dashboard.locator('#chat li[data-platform="twitch"]', { hasText: 'buy followers here' });
    await line.hover();
    const answered = dashboard.waitForResponse((r) => r.url().endsWith('/api/admin/moderate'));
    await line.locator('button.delete').click();
    // The page's request is answered once the delete is queued; then the app's outbox carries it out.
    expect((await answered).ok()).toBe(true);
    await p.app.idle();

    const deleted = p.twitch.helix.find((h) => h.action === 'delete' && h.messageId === id);
    expect(deleted?.status).toBe(204);
  });

  it('GIVEN the overlay open WHEN the seller clicks "Start poll" THEN Telegram gets a native poll, Twitch and Discord the poll message, and the overlay shows the bars', async () => {
    await overlay.goto(`${p.app.url}/overlay`);
    await overlay.locator('#featured .title').waitFor();
    expect(await overlay.textContent('#featured .title')).toBe('Mug');

    await dashboard.selectOption('#poll-id', 'colour');
    const started = dashboard.waitForResponse((r) => r.url().endsWith('/api/admin/polls'));
    await dashboard.click('#start-poll');
    expect((await started).status()).toBe(201);
    await p.app.idle();

    const sendPoll = p.telegram.calls.find((c) => c.method === 'sendPoll' && c.status === 200);
    expect(sendPoll?.params.question).toBe('Which colour next?');
    expect(
      p.discord.sent(DISCORD_CHANNEL).some((t) => t.includes('Which colour next?')),
      'the poll on Discord',
    ).toBe(true);
    // tmi.js resolves a send once it is written to the socket: the fake may still be reading it.
    await p.twitch.waitFor((e) => e.kind === 'message' && e.text.includes('Which colour next?'), 1000);

    await afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user: { id: '5002', login: 'ann', displayName: 'Ann' }, text: '!vote 2' }));
    // Counted: what is left is the overlay's feed (throttled to 250 ms) reaching the page.
    await waitFor(async () => (await overlay.textContent('#poll .bar[data-option="2"] .pct')) === '100%', 3000, 'the vote on the overlay');
    expect(await overlay.locator('#poll .bar').count()).toBe(3);
    expect(await overlay.textContent('#poll .question')).toBe('Which colour next?');
    expect(await overlay.textContent('#poll .bar[data-option="1"] .pct')).toBe('0%');
    const blue = dashboard.locator('#poll-now .bar').nth(1);
    // The dashboard's feed is throttled to 1 s and the page redraws the poll every second.
    await waitFor(async () => (await blue.textContent())?.includes('Blue — 1 (100%)'), 3000, 'the vote on the dashboard');
    await screenshot(dashboard, 'dashboard-poll');
  });

  it('GIVEN a Telegram viewer buys WHEN the signed payment webhook arrives THEN the order shows as paid on the dashboard and the overlay shows the purchase alert', async () => {
    await afterLines(p.app, 1, () => p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 77, first_name: 'Tanya' }, text: '/buy MUG' }));
    const held = dashboard.locator('#orders li[data-status="held"]', { hasText: 'Mug' });
    await held.waitFor({ timeout: 3000 });
    const order = (await held.getAttribute('data-order'))!;
    expect(order).toMatch(/^[A-Z0-9]{8}$/);

    const body = JSON.stringify({ id: 'evt_browser_1', order, amount: 12, currency: 'EUR' });
    const res = await fetch(`${p.app.url}/api/webhooks/payment`, { method: 'POST', headers: { [SIGNATURE_HEADER]: signPayload(PAYMENT_SECRET, body) }, body });
    expect(res.status).toBe(200);

    const paid = dashboard.locator(`#orders li[data-order="${order}"][data-status="paid"]`);
    await paid.waitFor({ timeout: 3000 });
    expect(await paid.locator('.buyer').textContent()).toBe('Tanya');
    expect(await paid.locator('.badge').textContent()).toBe('Telegram');
    await screenshot(dashboard, 'dashboard-paid-order');

    // Purchase alerts are merged for 1 s (alerts.mergeWithin) before the overlay gets one.
    await waitFor(async () => (await overlay.textContent('#alert'))?.includes('Tanya just bought the Mug!'), 3000, 'the purchase alert on the overlay');
    await screenshot(overlay, 'overlay-alert-and-poll', { transparent: true });
  });

  it('GIVEN the overlay WHEN the seller starts a flash sale THEN its countdown shows in the YAML theme on a transparent page', async () => {
    await dashboard.click('#flash [data-flash="mugrush"] button');
    await overlay.locator('#flash .countdown').waitFor({ timeout: 3000 });

    expect(await overlay.textContent('#flash .countdown')).toMatch(/^(10:00|9:5\d)$/);
    // A string, since the tests compile without the DOM's types.
    const look = await overlay.evaluate(`({
      accent: getComputedStyle(document.documentElement).getPropertyValue('--accent').trim(),
      background: getComputedStyle(document.body).backgroundColor,
      position: document.body.className,
    })`);
    expect(look).toEqual({ accent: '#00c2a8', background: 'rgba(0, 0, 0, 0)', position: 'top-right' });
    await screenshot(overlay, 'overlay-flash', { transparent: true });
    expect(problems.flat()).toEqual([]);
  });
});
