import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import type { ShowConfig } from '../../config/schema/index.js';
import { startEdge, type Edge } from '../../orchestrator/http/edge/start-edge.js';
import { canRunBrowser, launchChromium, screenshot } from '../support/browser.js';
import { NatsServer, natsServerBinary } from '../support/nats-server.js';
import { startTestApp, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';
import { giveName, openViewerPage } from '../support/viewer-page.js';

const SECRET = 'web-session-key-for-the-storefront-edges-test-0123456789';

/**
 * The viewer page as a viewer gets it through a web edge, in Debian's chromium: the card and the
 * Buy button work, the page stays up and says so while the core is away (a Buy pressed then is
 * kept), and when the core is back the kept order is confirmed and the cart shows it.
 */
describe.skipIf(!canRunBrowser || !natsServerBinary())('the viewer page through a web edge', () => {
  let nats: NatsServer;
  let browser: Browser;
  let edge: Edge;
  let core: TestApp | undefined;
  let config: ShowConfig;
  const dir = mkdtempSync(join(tmpdir(), 'showcart-edge-page-'));
  const startCore = async () => {
    core = await startTestApp(config, [], { env: { SHOWCART_WEB_SECRET: SECRET }, sqlitePath: join(dir, 'show.sqlite') });
    await waitFor(async () => !edge || !edge.link.away, 15_000, 'the edge hearing the core');
  };

  beforeAll(async () => {
    nats = await NatsServer.start();
    config = parseShow(
      `
show: { id: edge-page, name: Candle night }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: VAN, title: Vanilla candle, price: 18, stock: 5 }
featured: VAN
checkout: { provider: builtin, builtin: { mode: test } }
scale: { nats: "${nats.url}" }
`,
      'edge-page.yaml',
      {},
    ).config;
    await startCore();
    edge = await startEdge({
      config,
      natsUrl: nats.url,
      host: '127.0.0.1',
      port: 0,
      sessionSecret: SECRET,
      log: pino({ level: 'silent' }),
      id: 'p',
      awayAfterMs: 1500,
    });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await edge?.stop();
    await core?.app.stop();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a phone on an edge WHEN the core goes away and comes back THEN the page stays up with the reconnecting note, and a Buy pressed meanwhile is confirmed and lands in the cart', async () => {
    const { page, problems } = await openViewerPage(browser, edge.url, { width: 390, height: 844 });
    await expect.poll(() => page.locator('#card-title').textContent()).toBe('Vanilla candle');
    await page.click('#buy button[type=submit]');
    await giveName(page, 'Mia');
    await page.locator('.bot.private', { hasText: 'Vanilla candle' }).first().waitFor();
    await expect.poll(() => page.locator('#cart-count').textContent()).toContain('1');

    await core!.app.stop();
    core = undefined;
    await page.locator('#core-status').waitFor({ state: 'visible' });
    expect(await page.locator('#core-status').textContent()).toContain('reconnecting');
    // The page and its card stay; a Buy now is kept for the core's return.
    await expect.poll(() => page.locator('#card').isVisible()).toBe(true);
    await page.click('#buy button[type=submit]');
    await waitFor(() => edge.commands.kept >= 2, 5000, 'the Buy kept in JetStream');
    await screenshot(page, 'edge-reconnecting-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(page, 'edge-reconnecting-desktop');
    await page.setViewportSize({ width: 390, height: 844 });

    await startCore();
    await page.locator('#core-status').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.bot.private', { hasText: 'Vanilla candle' }).count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.locator('#cart-count').textContent(), { timeout: 10_000 }).toContain('2');
    await screenshot(page, 'edge-back-phone');
    expect(problems).toEqual([]);
  });
});
