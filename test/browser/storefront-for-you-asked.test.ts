import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { canRunBrowser, launchChromium, screenshot } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-show.js';
import { giveName, openViewerPage } from '../support/viewer-page.js';

const PHONE = { width: 390, height: 844 };

const SHOW = `
show: { id: glow-page, name: Glow night }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: SERUM, title: Hyaluronic serum, price: 32, stock: 5, category: skincare, description: "A rich serum for dry skin; calms redness overnight." }
  - { sku: PALETTE, title: Nude palette, price: 45, stock: 5, category: makeup, description: "Twelve matte shades for everyday looks." }
  - { sku: CLEANSER, title: Gel cleanser, price: 18, stock: 5, category: skincare, description: "A foaming gel for oily skin and large pores." }
featured: SERUM
checkout: { provider: builtin, builtin: { mode: test } }
`;

/**
 * The viewer page's "for you" slot from each viewer's own questions: the product whose
 * description answers what they asked, why in their own words (shown as text, never as markup),
 * and a new pick as soon as the server has handled their next line.
 */
describe.skipIf(!canRunBrowser)('the "for you" slot from what each viewer asked', () => {
  let t: TestApp;
  let browser: Browser;
  const problems: string[][] = [];

  async function open(): Promise<Page> {
    const w = await openViewerPage(browser, t.app.url, PHONE);
    problems.push(w.problems);
    return w.page;
  }
  async function send(page: Page, text: string, name?: string): Promise<void> {
    await page.fill('#text', text);
    await page.press('#text', 'Enter');
    if (name) await giveName(page, name);
  }

  beforeAll(async () => {
    t = await startTestApp(parseShow(SHOW, 'glow.yaml', {}).config, []);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN two viewers asking about different needs WHEN their pages look THEN each slot offers what answers them, quoting their words, and a next question changes it', async () => {
    const [nia, oli] = await Promise.all([open(), open()]);
    await send(nia, 'anything for dry skin?', 'Nia');
    await send(oli, 'any shades for everyday <b>looks</b>?', 'Oli');

    await nia.locator('#for-you-title', { hasText: 'Hyaluronic serum' }).waitFor();
    expect(await nia.textContent('#for-you-why')).toBe('You asked about dry skin');
    expect(await nia.textContent('#for-you-price')).toBe('€32.00');
    await oli.locator('#for-you-title', { hasText: 'Nude palette' }).waitFor();
    // The viewer's words are text on the page: the <b> they typed is shown, not obeyed.
    expect(await oli.textContent('#for-you-why')).toBe('You asked about shades for everyday <b>looks');
    expect(await oli.locator('#for-you-why b').count()).toBe(0);
    await screenshot(nia, 'storefront-for-you-asked-phone');

    // The next question is picked up once the server has handled it, with no fixed wait.
    await send(nia, 'and what about oily skin with large pores?');
    await nia.locator('#for-you-title', { hasText: 'Gel cleanser' }).waitFor();
    expect(await nia.textContent('#for-you-why')).toBe('You asked about oily skin with large pores');
    await Promise.all([nia.close(), oli.close()]);
    expect(problems.flat()).toEqual([]);
  });
});
