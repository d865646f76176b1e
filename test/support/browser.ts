import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium; playwright never downloads a browser of its own here. */
export const CHROMIUM = process.env.SHOWCART_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test-artifacts/screenshots';

/** Browser tests run where chromium is installed, and always on CI (which installs it), so a missing one fails there. */
export const canRunBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/**
 * A page that remembers script errors and CSP refusals, which would otherwise pass silently.
 * `timezoneId`/`locale` pin the viewer's clock and language (the machine's otherwise).
 */
export async function watchedPage(
  browser: Browser,
  viewport = { width: 1600, height: 1000 },
  options: { timezoneId?: string; locale?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport, ...options });
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return { page, problems };
}

/** Saves `test-artifacts/screenshots/<name>.png`; `transparent` keeps a transparent page (the overlay) see-through. */
export async function screenshot(page: Page, name: string, options: { transparent?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, omitBackground: options.transparent ?? false });
  return path;
}
