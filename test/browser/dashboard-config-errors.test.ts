import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadShowFile } from '../../config/loader.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { startAdminApp } from '../support/admin-app.js';
import type { TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-config-errors-test-0123';
const show = (product: string) => `show: { id: errors-show, name: Errors show }
server: { host: 127.0.0.1, port: 0 }
channels: { web: { enabled: false } }
products:
${product}`;

/** A community manager saves a file with several mistakes: the dashboard lists them one per line. */
describe.skipIf(!canRunBrowser)('config errors on the dashboard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-config-errors-'));
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a saved show file with a decimal comma and a misspelt key WHEN it is reloaded THEN the dashboard banner shows each problem on its own line', async () => {
    const file = join(dir, 'show.yaml');
    writeFileSync(file, show('  - { sku: MUG, title: Mug, price: 12, stock: 3 }\n'));
    t = await startAdminApp(loadShowFile(file).config, [], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }, configPath: file, watchConfig: false });
    writeFileSync(file, show('  - sku: MUG\n    title: Mug\n    price: 12,50\n    stok: 3\n'));
    expect(await t.app.config.reload()).toMatchObject({ ok: false });

    browser = await launchChromium();
    const { page } = await watchedPage(browser, { width: 1280, height: 800 });
    await page.goto(`${t.app.url}/dashboard`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await waitFor(async () => (await page.isVisible('#config-error')) === true, 5000, 'the config error banner');
    const lines = (await page.innerText('#config-error')).split('\n');
    expect(lines).toEqual([
      'The show file was not reloaded:',
      expect.stringMatching(/show\.yaml:7:12 products\[0\]\.price: "12,50" is not a number: write 12\.50/),
      expect.stringMatching(/show\.yaml:8:5 products\[0\]\.stok: unknown key "stok"; did you mean stock\?$/),
    ]);
    await screenshot(page, 'dashboard-config-errors');
  }, 60_000);
});
