import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };

/** Reading needs no name: the page asks for one at the first line sent, which then goes out under it. */
async function join(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await page.fill('#text', 'hi');
  await page.press('#text', 'Enter');
  await page.fill('#name', name);
  await page.click('#join button[type=submit]');
  await page.locator('#join').waitFor({ state: 'hidden' });
}

/** The web chat page in Debian's chromium: a bot line's link is a real link, and only an http(s) one. */
describe.skipIf(!canRunBrowser)('links on the web chat page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp(testConfig());
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN a bot line with a checkout link WHEN the page shows it THEN a button-styled <a> under the text opens the url in a new tab with noopener noreferrer', async () => {
    const { page, problems } = await watchedPage(browser, { width: 800, height: 600 });
    page.setDefaultTimeout(5000);
    await join(page, `${t.app.url}/`, 'Anna');
    t.app.outbox.enqueue({
      priority: 'alert',
      target: { kind: 'room', platform: 'web', channelId: 'page' },
      body: { kind: 'text', text: 'Carts are open.' },
      link: pay,
    });
    const link = page.locator('#lines li.bot a.link-button');
    await link.waitFor({ state: 'visible' });

    expect(
      await link.evaluate((a) => ({ href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel'), text: a.textContent })),
    ).toEqual({
      href: pay.url,
      target: '_blank',
      rel: 'noopener noreferrer',
      text: 'Pay now',
    });
    expect(await page.locator('#lines li.bot', { has: page.locator('a.link-button') }).textContent()).toBe('showcartCarts are open.Pay now');
    // A block of its own: under the text, not beside it.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('#lines li.bot a')).display`)).toBe('block');
    await screenshot(page, 'web-chat-link');
    expect(problems).toEqual([]);
  });

  it('GIVEN lines whose links are javascript:, data: or https WHEN the page shows them THEN only the https one becomes a link', async () => {
    const { page, problems } = await watchedPage(browser);
    // A server that would send what ours never does: the page has to refuse it on its own.
    await page.routeWebSocket(/\/ws\/chat$/, (ws) => {
      ws.onMessage((raw) => {
        const hello = JSON.parse(String(raw)) as { type: string; name: string };
        if (hello.type !== 'hello') return;
        const line = (id: string, text: string, url: string) => ({ id, kind: 'bot', at: 0, text, link: { label: 'Open', url } });
        const history = [line('1', 'script', 'javascript:alert(1)'), line('2', 'data', 'data:text/html,<b>x</b>'), line('3', 'good', pay.url)];
        ws.send(JSON.stringify({ type: 'welcome', userId: 'w1', name: hello.name, session: 'w1.s', title: 'Links', maxLength: 500, history }));
      });
    });
    await join(page, `${t.app.url}/`, 'Ben');
    await page.locator('#lines li.bot').nth(2).waitFor();
    expect(await page.locator('#lines a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([pay.url]);
    expect(await page.locator('#lines li.bot').allTextContents()).toEqual(['showcartscript', 'showcartdata', 'showcartgoodOpen']);
    expect(problems).toEqual([]);
  });
});
