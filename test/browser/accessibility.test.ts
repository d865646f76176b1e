import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { adminClient, startAdminApp } from '../support/admin-app.js';
import { axeViolations } from '../support/axe.js';
import { canRunBrowser, launchChromium, watchedPage } from '../support/browser.js';
import { testConfig, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-axe-test-0123456789';
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1440, height: 900 };
/** Every widget has something to show: a cart in chat, a poll, a flash sale and a purchase alert on placing. */
const SHOW = `  - { sku: TEE, title: T-shirt, price: 20, variants: [{ name: M, stock: 5 }, { name: L, stock: 5 }] }
featured: MUG
checkout: { provider: builtin, hold: 10m, shipping: { flat: 4.9, pickup: "Shop, Main St 1" } }
alerts: { on: placed, names: first, mergeWithin: 0s }
engagement:
  polls: [{ id: colour, question: "Which colour next?", options: [Red, Blue, Green], duration: 5m }]
promotions:
  unlocks: [{ id: crowd, keyword: unlock, goal: 50, discount: { percent: 10 } }]
  flashSales: [{ id: mugrush, sku: MUG, price: 9, duration: 10m }]
overlay: { colors: { accent: "#00c2a8" } }`;

/** axe-core (WCAG 2 A/AA) on every page showcart serves, each in a state with its widgets showing. */
describe.skipIf(!canRunBrowser)('accessibility of the pages in a real browser', () => {
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;
  let browser: Browser;
  let cartToken: string;
  const problems: string[][] = [];
  let current: Page | undefined;

  /** Closes the page of the previous check first: chromium allows 6 connections per host, and each open page holds its live feed. */
  async function open(path: string, viewport = WIDE): Promise<Page> {
    await current?.close();
    const watched = await watchedPage(browser, viewport);
    current = watched.page;
    problems.push(watched.problems);
    watched.page.setDefaultTimeout(5000);
    await watched.page.goto(`${t.app.url}${path}`);
    return watched.page;
  }

  beforeAll(async () => {
    t = await startAdminApp(testConfig(SHOW), [telegram], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    const admin = adminClient(t.app.url, ADMIN_TOKEN);
    const before = telegram.sent.length;
    await telegram.say({ id: '77', name: 'Anna' }, '!buy MUG');
    await t.app.idle();
    const link = telegram.sent
      .slice(before)
      .filter((m) => m.link)
      .at(-1)?.link?.url;
    if (!link) throw new Error(`no checkout link: ${telegram.texts().join(' | ')}`);
    cartToken = link.split('/c/')[1]!;
    expect((await admin.post('/api/admin/polls', { id: 'colour' })).status).toBe(201);
    expect((await admin.post('/api/admin/flash/mugrush/start')).status).toBe(201);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN a seller logged in with a cart and a poll running WHEN axe checks the dashboard on a desktop and a phone THEN it finds no serious or critical violation', async () => {
    for (const viewport of [WIDE, PHONE]) {
      const page = await open('/dashboard', viewport);
      await page.fill('#token', ADMIN_TOKEN);
      await page.click('#login button[type=submit]');
      await waitFor(async () => (await page.textContent('#status')) === 'connected', 3000, 'the live feed open');
      await page.locator('#carts li').first().waitFor();
      await page.locator('#poll-now .bar').first().waitFor();

      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('GIVEN a seller logged in WHEN axe checks the analytics page the dashboard links to THEN it finds no serious or critical violation', async () => {
    const page = await open('/dashboard');
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await waitFor(async () => (await page.textContent('#status')) === 'connected', 3000, 'the live feed open');
    // The session cookie of the dashboard lets the analytics page read its API.
    await page.goto(`${t.app.url}/analytics`);
    await page.locator('#report').waitFor({ state: 'visible' });

    expect(await axeViolations(page)).toEqual([]);
  });

  it('GIVEN the login form WHEN axe checks the dashboard THEN it finds no serious or critical violation', async () => {
    const page = await open('/dashboard', PHONE);
    await page.locator('#login').waitFor({ state: 'visible' });

    expect(await axeViolations(page)).toEqual([]);
  });

  it('GIVEN an alert, a poll and a flash sale showing WHEN axe checks the overlay THEN it finds no serious or critical violation', async () => {
    const page = await open('/overlay', { width: 1920, height: 1080 });
    await page.locator('#poll .bar').first().waitFor();
    await page.locator('#flash .countdown').waitFor();
    // The purchase in beforeAll is under a minute old, so the overlay announces it on load.
    await page.locator('#alert').waitFor({ state: 'visible' });

    expect(await axeViolations(page)).toEqual([]);
  });

  it('GIVEN each widget placed on its own WHEN axe checks it THEN it finds no serious or critical violation', async () => {
    for (const widget of ['alerts', 'poll', 'unlock', 'flash', 'featured', 'ticker']) {
      const page = await open(`/overlay?widget=${widget}`, { width: 800, height: 600 });
      // The first state from the feed sets the theme's colours; the widget is drawn by then.
      await page.waitForFunction("document.documentElement.style.getPropertyValue('--accent') !== ''");

      expect({ widget, found: await axeViolations(page) }).toEqual({ widget, found: [] });
    }
    // Six pages, each loaded and checked by axe: on a busy two-core machine that is close to 30 s.
  }, 90_000);

  it('GIVEN a cart WHEN axe checks its checkout page on a phone and a desktop, before and after a refused submit THEN it finds no serious or critical violation', async () => {
    for (const viewport of [PHONE, WIDE]) {
      const page = await open(`/c/${cartToken}`, viewport);
      await page.locator('#totals .total-row').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);

      // The error messages beside the fields have their own colours: checked while they show.
      await page.check('input[name=delivery][value=ship]');
      await page.click('#submit');
      await page.locator('#name-error').waitFor({ state: 'visible' });
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('GIVEN an unknown cart token WHEN axe checks the 404 page THEN it finds no serious or critical violation', async () => {
    const page = await open('/c/no-such-cart-token-0000000000');

    expect(await axeViolations(page)).toEqual([]);
  });

  it('GIVEN a live show WHEN axe checks the viewer page at 390×844 and 1440×900 THEN it finds no serious or critical violation', async () => {
    for (const viewport of [PHONE, WIDE]) {
      const page = await open('/', viewport);
      await page.waitForLoadState('networkidle');

      const found = await axeViolations(page);
      expect(found).toEqual([]);
    }
  });

  it('GIVEN a Telegram line in chat WHEN a viewer presses Buy, is asked a name and opens the cart THEN axe finds no serious or critical violation in any state', async () => {
    await telegram.say({ id: '79', name: 'Clara' }, 'hello from telegram');
    await t.app.idle();
    const page = await open('/', PHONE);
    await page.locator('#lines li', { hasText: 'hello from telegram' }).waitFor();
    await page.click('#buy-button');
    await page.locator('#join').waitFor({ state: 'visible' });
    const asked = await axeViolations(page);
    await page.fill('#name', 'Dana');
    await page.click('#join button[type=submit]');
    await page.locator('#cart-button').waitFor({ state: 'visible' });
    await page.click('#cart-button');
    await page.locator('#cart').waitFor({ state: 'visible' });
    const drawer = await axeViolations(page);

    expect([...asked, ...drawer]).toEqual([]);
  });

  it('GIVEN every page checked THEN none had a script error or a CSP refusal', () => {
    expect(problems.flat()).toEqual([]);
  });
});
