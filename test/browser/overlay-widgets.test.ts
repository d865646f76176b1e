import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-overlay-test-0123456789';
// The mug's picture is on a port nobody listens on: the overlay must fall back, not show a broken image.
const SHOW = `products:
  - { sku: MUG, title: Mug, price: 12, stock: 50, image: "https://127.0.0.1:9/mug.png" }
  - { sku: LAMP, title: Lamp, price: 30, stock: 5 }
featured: MUG
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 10m }
alerts: { on: placed, names: first, mergeWithin: 1s }
engagement:
  polls: [{ id: colour, question: "Which colour next?", options: [Red, Blue, Green], duration: 5m }]
promotions:
  drops: [{ id: hello, discount: { amount: 2 }, cron: "0 0 1 1 *", valid: 5m }]
  unlocks:
    - { id: crowd, keyword: unlock, goal: 50, discount: { percent: 10 } }
    - { id: later, keyword: more, goal: 80, discount: { percent: 5 } }
  flashSales: [{ id: mugrush, sku: MUG, price: 9, duration: 10m }]
overlay:
  position: bottom-right
  alertSound: /sounds/chime.mp3`;

/** Each widget at the size a seller would give its OBS browser source. */
const WIDGETS = {
  alerts: { size: { width: 800, height: 400 }, cards: ['alert', 'drop'] },
  poll: { size: { width: 700, height: 400 }, cards: ['poll'] },
  unlock: { size: { width: 700, height: 400 }, cards: ['unlocks'] },
  flash: { size: { width: 700, height: 160 }, cards: ['flash'] },
  featured: { size: { width: 800, height: 200 }, cards: ['featured'] },
  ticker: { size: { width: 600, height: 320 }, cards: ['ticker'] },
} as const;
type Widget = keyof typeof WIDGETS;

/** The ids of the cards a page draws (as a string: the tests compile without the DOM's types). */
const VISIBLE = `[...document.querySelectorAll('#stack > .card')].filter((c) => getComputedStyle(c).display !== 'none').map((c) => c.id)`;

describe.skipIf(!canRunBrowser)('overlay widgets as OBS browser sources', () => {
  let p: ThreePlatforms;
  let browser: Browser;
  const pages = {} as Record<Widget | 'stack', Page>;
  const problems: string[][] = [];
  const admin = (path: string, body: object = {}) =>
    fetch(`${p.app.url}/api/admin/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    p = await startThreePlatforms(SHOW, { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN });
    browser = await launchChromium();
    for (const [name, { size }] of Object.entries(WIDGETS)) {
      const w = await watchedPage(browser, size);
      problems.push(w.problems);
      await w.page.goto(`${p.app.url}/overlay?widget=${name}`);
      pages[name as Widget] = w.page;
    }
    const stack = await watchedPage(browser, { width: 1920, height: 1080 });
    problems.push(stack.problems);
    await stack.page.goto(`${p.app.url}/overlay`);
    pages.stack = stack.page;
    await pages.featured.locator('#featured .title').waitFor();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await p?.stop();
  });

  it('GIVEN an off-air show WHEN the unlock widget is open THEN it shows no progress bar, and the featured card falls back from a picture that fails', async () => {
    await waitFor(() => pages.featured.locator('#featured .thumb.fallback').count(), 3000, 'the picture fallback');
    expect(await pages.featured.textContent('#featured .thumb.fallback')).toBe('M');
    expect(await pages.featured.locator('#featured img').count()).toBe(0);
    expect(await pages.unlock.evaluate(VISIBLE)).toEqual([]);
  });

  it('GIVEN a rush of three buyers WHEN the alert fires THEN it reads "Anna and 2 others", with the picture fallback, on the alerts widget and the ticker', async () => {
    await p.app.show.goLive(Date.now());
    await afterLines(p.app, 3, () => {
      for (const [id, name] of [
        [71, 'Anna'],
        [72, 'Tom'],
        [73, 'Lee'],
      ] as const) {
        p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id, first_name: name }, text: '/buy MUG' });
      }
    });
    // Merged for 1 s (alerts.mergeWithin), then on its way to every open overlay.
    const alerts = pages.alerts;
    await waitFor(async () => (await alerts.textContent('#alert .text')) === 'Anna and 2 others just bought the Mug!', 4000, 'the merged alert');
    expect(await alerts.textContent('#alert .thumb.fallback')).toBe('M');
    expect(await alerts.getAttribute('#sound', 'src')).toBe(`${p.app.url}/sounds/chime.mp3`);
    await waitFor(async () => (await pages.ticker.textContent('#ticker li')) === 'MAnna +2Mug', 3000, 'the ticker line');
    const animation = `getComputedStyle(document.querySelector('#alert')).animationName`;
    expect(await alerts.evaluate(animation)).toBe('pop');
    // Viewers who asked their system for less motion get the alert without its entrance.
    await alerts.emulateMedia({ reducedMotion: 'reduce' });
    expect(await alerts.evaluate(animation)).toBe('none');
    await screenshot(alerts, 'overlay-widget-alerts', { transparent: true });
    await screenshot(pages.ticker, 'overlay-widget-ticker', { transparent: true });
  });

  it('GIVEN a flash sale of the featured product WHEN it starts THEN the featured card shows the flash price, the usual one struck, and the time left', async () => {
    expect((await admin('flash/mugrush/start')).status).toBe(201);
    const featured = pages.featured;
    await featured.locator('#featured.on-sale').waitFor({ timeout: 3000 });
    expect(await featured.textContent('#featured .price')).toBe('€9.00');
    expect(await featured.textContent('#featured .was')).toBe('€12.00');
    expect(await featured.textContent('#featured .countdown')).toMatch(/^(10:00|9:5\d)$/);
    await pages.flash.locator('#flash .countdown').waitFor({ timeout: 3000 });
    await screenshot(featured, 'overlay-widget-featured-flash', { transparent: true });
    await screenshot(pages.flash, 'overlay-widget-flash', { transparent: true });
  });

  it('GIVEN a live show WHEN a drop fires and an unlock is reached THEN both codes show large, and the other unlock keeps its bar', async () => {
    const unlock = pages.unlock;
    await unlock.locator('#unlocks .unlock').first().waitFor({ timeout: 3000 });
    expect(await unlock.locator('#unlocks .unlock').count()).toBe(2);

    const drop = (await (await admin('drops/hello')).json()) as { code: string };
    const code = pages.alerts.locator(`#drop .code-block[data-code="${drop.code}"] .code`);
    await code.waitFor({ timeout: 3000 });
    expect(await code.textContent()).toBe(drop.code);
    // Large: the code is the biggest text on the widget.
    expect(await pages.alerts.evaluate(`parseFloat(getComputedStyle(document.querySelector('#drop .code')).fontSize)`)).toBeGreaterThanOrEqual(48);

    expect((await admin('unlocks/crowd')).status).toBe(200);
    await unlock.locator('#unlocks .code-block .code').waitFor({ timeout: 3000 });
    expect(await unlock.textContent('#unlocks .code-block .code')).toMatch(/^CROWD-[A-Z0-9]{6}$/);
    expect(await unlock.locator('#unlocks .unlock').count()).toBe(1);

    expect((await admin('polls', { id: 'colour' })).status).toBe(201);
    await pages.poll.locator('#poll .bar').first().waitFor({ timeout: 3000 });
    await screenshot(pages.alerts, 'overlay-widget-alerts-drop', { transparent: true });
    await screenshot(unlock, 'overlay-widget-unlock', { transparent: true });
    await screenshot(pages.poll, 'overlay-widget-poll', { transparent: true });
    await screenshot(pages.stack, 'overlay-stack', { transparent: true });
  });

  it('GIVEN every widget busy WHEN each ?widget= page is looked at THEN it draws only its own cards, and the full stack all but the ticker', async () => {
    for (const [name, { cards }] of Object.entries(WIDGETS)) {
      expect(await pages[name as Widget].evaluate(VISIBLE), name).toEqual(expect.arrayContaining([...cards]));
      expect(
        (await pages[name as Widget].evaluate<string[]>(VISIBLE)).filter((id) => !(cards as readonly string[]).includes(id)),
        name,
      ).toEqual([]);
    }
    expect(await pages.stack.evaluate(VISIBLE)).toEqual(expect.arrayContaining(['drop', 'flash', 'poll', 'unlocks', 'featured']));
    expect(await pages.stack.evaluate(VISIBLE)).not.toContain('ticker');
    expect(problems.flat()).toEqual([]);
  });

  it('GIVEN an unknown widget name WHEN opened THEN the page shows nothing and logs nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 300 } });
    const said: string[] = [];
    page.on('console', (msg) => said.push(`${msg.type()}: ${msg.text()}`));
    page.on('pageerror', (err) => said.push(`page error: ${err.message}`));
    await page.goto(`${p.app.url}/overlay?widget=nonsense`);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(VISIBLE)).toEqual([]);
    expect(said).toEqual([]);
  });
});
