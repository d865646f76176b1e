import type { Browser, Page } from 'playwright-core';
import { watchedPage } from './browser.js';

/** The viewer page (`/`) in a watched tab, once its product card shows. */
export async function openViewerPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number },
  options: { timezoneId?: string; locale?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const w = await watchedPage(browser, viewport, options);
  w.page.setDefaultTimeout(10_000);
  await w.page.goto(`${url}/`);
  await w.page.locator('#card').waitFor({ state: 'visible' });
  return w;
}

/** The name bar appears on the first send or Buy, once; the action then goes out under that name. */
export async function giveName(page: Page, name: string): Promise<void> {
  await page.locator('#join').waitFor({ state: 'visible' });
  await page.fill('#name', name);
  await page.click('#join button[type=submit]');
  await page.locator('#join').waitFor({ state: 'hidden' });
}

/** The seller's dashboard (`/dashboard`) in a watched tab, logged in with the admin token. */
export async function openDashboard(browser: Browser, url: string, token: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const w = await watchedPage(browser, viewport);
  w.page.setDefaultTimeout(10_000);
  await w.page.goto(`${url}/dashboard`);
  await w.page.fill('#token', token);
  await w.page.click('#login button[type=submit]');
  return w.page;
}
