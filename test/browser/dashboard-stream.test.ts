import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { freePort, RtmpTargetServer } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const KEY = 'obs-key-dashboard-stream-0123';
const ADMIN_TOKEN = 'admin-token-for-the-stream-panel-0123456789';

/** The Stream panel with real media: ffmpeg plays OBS (15 fps, a keyframe every 15 frames), a fake platform takes the restream. */
describe.skipIf(!canRunBrowser)('dashboard: stream health', () => {
  let app: Showcart;
  let platform: RtmpTargetServer;
  let publisher: TestPublisher | undefined;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    platform = await RtmpTargetServer.start();
    const config = testConfig();
    config.media.rtmpPort = await freePort();
    config.media.httpPort = await freePort();
    config.media.targets = [{ name: 'twitch', url: platform.url(), keyEnv: 'TWITCH_STREAM_KEY', enabled: true }];
    app = await startShowcart({
      config,
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: KEY, SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN, TWITCH_STREAM_KEY: 'live_twitch_key_1' }),
      log: memoryLog().log,
      media: { enabled: true },
    });
    browser = await launchChromium();
    ({ page, problems } = await watchedPage(browser, { width: 1440, height: 900 }, { locale: 'en-US' }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await publisher?.kill();
    await app?.stop();
    await platform?.stop();
  });

  it('GIVEN OBS publishes WHEN the seller watches the dashboard THEN the Stream panel shows bitrate, fps, keyframe interval and the target live with its bitrate', async () => {
    await page.goto(`${app.url}/dashboard`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await page.locator('#app').waitFor({ state: 'visible' });
    expect(await page.textContent('#targets li.ingest')).toBe('Ingest: offline');

    publisher = TestPublisher.start(`rtmp://127.0.0.1:${app.show.config.media.rtmpPort}/live/${KEY}`);
    const figures = page.locator('#targets li.ingest-figures');
    // ffmpeg was told 15 fps and -g 15: about 15 fps and a keyframe every 1.0 s, once a few keyframes came in
    await waitFor(
      async () => /· 1[45](\.\d)? fps · keyframe every (0\.9|1\.0|1\.1) s$/.test((await figures.textContent({ timeout: 20_000 })) ?? ''),
      20_000,
      'the figures',
    );
    expect(await figures.textContent()).toMatch(/^\d+ kbit\/s|^\d+(\.\d)? Mbit\/s/);
    const target = page.locator('#targets li[data-target="twitch"]');
    await waitFor(async () => (await target.locator('.state').textContent()) === 'live', 20_000, 'the restream live');
    await waitFor(async () => /^\d+(\.\d)? [kM]bit\/s · up /.test((await target.locator('span.muted').textContent()) ?? ''), 5000, 'the target bitrate');
    expect(await page.locator('[data-warning="keyframes"]').count()).toBe(0);
    await screenshot(page, 'dashboard-stream-health');
    expect(problems).toEqual([]);
  }, 60_000);

  it('GIVEN OBS comes back with keyframes 5 s apart WHEN the dashboard updates THEN the panel warns that platforms reject more than 4 s', async () => {
    await publisher?.kill();
    await page.locator('#targets li[data-ingest="reconnecting"]').waitFor({ timeout: 10_000 });
    publisher = TestPublisher.start(`rtmp://127.0.0.1:${app.show.config.media.rtmpPort}/live/${KEY}`, 75);
    const warning = page.locator('#targets [data-warning="keyframes"]');
    await warning.waitFor({ timeout: 20_000 });
    expect(await warning.textContent()).toMatch(
      /^Keyframes are [4-6]\.\d s apart: platforms reject more than 4 s\. In OBS set Output → Keyframe Interval to 2 s\.$/,
    );
    await screenshot(page, 'dashboard-stream-keyframe-warning');
    expect(problems).toEqual([]);
  }, 60_000);

  it('GIVEN a seller with a Russian browser and keyframes 10 s apart THEN figures use a decimal comma and the warning says what to change in OBS', async () => {
    const { page: ru } = await watchedPage(browser, { width: 800, height: 600 }, { locale: 'ru-RU' });
    await ru.goto(`${app.url}/dashboard`);
    // the page's own module as the browser loads it; a string, so vitest does not rewrite the import()
    const [figures, warning, fine] = await ru.evaluate<[string, string | null, string | null]>(`import('/dashboard/stream-health.js').then((m) => [
      m.ingestFigures({ bitrateKbps: 1234, fps: 29.97, keyframeIntervalMs: 10000 }),
      m.keyframeWarning(10000),
      m.keyframeWarning(4000),
    ])`);
    expect(figures).toBe('1,2 Mbit/s · 30 fps · keyframe every 10,0 s');
    expect(warning).toContain('10,0 s apart: platforms reject more than 4 s');
    expect(fine).toBeNull();
    await ru.close();
  });
});
