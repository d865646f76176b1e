import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-show-test-0123456789';
const SHOW = `products:
  - { sku: MUG, title: Mug, price: 12, stock: 50 }
  - { sku: LAMP, title: Lamp, price: 30, variants: [{ name: Brass, stock: 1 }, { name: Black, stock: 2 }] }
featured: MUG
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 10m }
promotions:
  drops: [{ id: hello, discount: { amount: 2 }, cron: "0 0 1 1 *", valid: 5m }]`;

/** Running the show from the dashboard: writing to every chat, the chat's history, stock and restock. */
describe.skipIf(!canRunBrowser)('the dashboard runs the show in a real browser', () => {
  let p: ThreePlatforms;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    p = await startThreePlatforms(SHOW, { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN });
    browser = await launchChromium();
    ({ page, problems } = await watchedPage(browser, { width: 1440, height: 900 }));
    page.setDefaultTimeout(5000);
    await page.goto(`${p.app.url}/dashboard`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await waitFor(async () => (await page.textContent('#status')) === 'connected', 3000, 'the live feed open');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('GIVEN the dashboard WHEN the seller writes a line as the show THEN Telegram, Twitch and Discord get it and the chat column marks it as ours', async () => {
    const text = 'Back in 5 minutes with the brass lamp!';
    await page.fill('#say-text', text);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/admin/say'));
    await page.click('#say button[type=submit]');
    expect((await answered).status()).toBe(202);
    await p.app.idle();

    expect(p.telegram.calls.some((c) => c.method === 'sendMessage' && c.params.chat_id === GROUP && String(c.params.text).includes(text))).toBe(true);
    expect(p.discord.sent(DISCORD_CHANNEL).some((t) => t.includes(text))).toBe(true);
    await p.twitch.waitFor((e) => e.kind === 'message' && e.text.includes(text), 1000);

    const line = page.locator('#chat li.ours.by-seller', { hasText: text });
    await line.waitFor();
    expect(await line.locator('.author').textContent()).toBe('you, as the show');
    expect(await page.inputValue('#say-text')).toBe('');
  });

  it('GIVEN a viewer command WHEN the bot answers THEN the reply shows in the chat column as the bot', async () => {
    await afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user: { id: '5001', login: 'tom', displayName: 'Tom' }, text: '!help' }));
    await page.locator('#chat li:not(.ours)[data-platform="twitch"]', { hasText: '!help' }).waitFor();
    const reply = page.locator('#chat li.ours[data-platform="twitch"]');
    await reply.first().waitFor();
    expect(await reply.first().locator('.author').textContent()).toBe('bot');
  });

  it('GIVEN lines in the chat WHEN the dashboard is reloaded THEN they are there again, each once', async () => {
    const before = await page.locator('#chat li').count();
    await page.reload();
    await waitFor(async () => (await page.textContent('#status')) === 'connected', 3000, 'the live feed open again');
    await page.locator('#chat li.by-seller').waitFor();
    expect(await page.locator('#chat li:not(.ours)[data-platform="twitch"]', { hasText: '!help' }).count()).toBe(1);
    expect(await page.locator('#chat li.by-seller').count()).toBe(1);
    expect(await page.locator('#chat li').count()).toBe(before);
    await screenshot(page, 'dashboard-show-1440');
  });

  it('GIVEN a sold-out variant with a viewer waiting WHEN the seller restocks it THEN available stock rises and the first waiting viewer gets the unit', async () => {
    const buy = (id: string, login: string) =>
      afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user: { id, login, displayName: login }, text: '!buy LAMP Brass' }));
    await buy('6001', 'ann');
    await buy('6002', 'bob');
    await p.app.idle();
    const row = page.locator('#stock tr[data-sku="LAMP"][data-variant="Brass"]');
    await waitFor(async () => (await row.locator('.waiting').textContent()) === '1', 3000, 'bob on the waitlist');
    expect(await row.locator('.available').textContent()).toBe('0');
    expect(await row.locator('.held').textContent()).toBe('1');

    await row.locator('input').fill('3');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/admin/stock/restock'));
    await row.locator('button').click();
    const res = (await (await answered).json()) as { offered: string[] };
    expect(res.offered).toHaveLength(1);
    await p.app.idle();

    // Three added, one handed to bob on a hold: two left to buy.
    await waitFor(async () => (await row.locator('.available').textContent()) === '2', 3000, 'the restock in the panel');
    expect(await row.locator('.held').textContent()).toBe('2');
    expect(await row.locator('.waiting').textContent()).toBe('0');
    await p.twitch.waitFor((e) => e.kind === 'message' && /bob/i.test(e.text) && /LAMP|Lamp/.test(e.text) && e.text !== '!buy LAMP Brass', 1000);
  });

  it('GIVEN a drop WHEN it fires THEN its code shows in the chat column', async () => {
    const drop = await page.evaluate<{ code: string }>(
      "fetch('/api/admin/drops/hello', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }).then((r) => r.json())",
    );
    const line = page.locator(`#chat li.issued-code[data-code="${drop.code}"]`);
    await line.waitFor();
    expect(await line.locator('.code').textContent()).toBe(drop.code);
  });

  it('GIVEN the dashboard at 1280×720 THEN no panel overflows the page sideways', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await screenshot(page, 'dashboard-show-1280');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
    expect(problems).toEqual([]);
  });

  it('GIVEN the dashboard on a phone (390×844) THEN the Show controls come first, and the stock is one card per product that fits the screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const firstPanel = await page.evaluate<string>(`(() => {
      const panels = [...document.querySelectorAll('main > .panel')].filter((e) => e.offsetParent !== null);
      panels.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
      return panels[0].className;
    })()`);
    expect(firstPanel).toContain('controls');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const stock = page.locator('.panel.stock');
    expect(await stock.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const label = `getComputedStyle(document.querySelector('#stock tr[data-sku="MUG"] td.available'), '::before').content`;
    expect(await page.evaluate<string>(label)).toBe('"Available"');
    await stock.scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-show-phone-stock');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'dashboard-show-phone');
    expect(problems).toEqual([]);
  });
});
