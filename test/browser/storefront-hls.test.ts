import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const KEY = 'obs-key-storefront-hls-0123';

/** The viewer page plays the show over HLS through hls.js: ffmpeg as OBS, showcart's own HLS, Debian's chromium. */
describe.skipIf(!canRunBrowser)('the viewer page plays HLS through hls.js', () => {
  let app: Showcart;
  let publisher: TestPublisher | undefined;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const config = testConfig();
    config.media.rtmpPort = await freePort();
    config.media.httpPort = await freePort();
    // HLS first, as with a cache in front; TestPublisher's keyframe every second allows 1 s segments
    config.media.hls = { enabled: true, segmentSeconds: 1 };
    config.media.player = 'hls';
    app = await startShowcart({
      config,
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: KEY }),
      log: memoryLog().log,
      media: { enabled: true },
    });
    browser = await launchChromium();
    ({ page, problems } = await watchedPage(browser, { width: 1280, height: 900 }, { locale: 'en-US' }));
  }, 60_000);

  afterAll(async () => {
    await publisher?.kill();
    await browser?.close();
    await app?.stop();
  });

  it('GIVEN the show file asks for HLS WHEN OBS goes live THEN hls.js is loaded, fetches the playlist and segments, and the video plays on', async () => {
    const hlsRequests: string[] = [];
    page.on('response', (res) => {
      if (/\/hls\/show\/|\/vendor\/hls\.js$/.test(res.url())) hlsRequests.push(`${res.status()} ${new URL(res.url()).pathname}`);
    });
    // Chromium 141+ plays HLS natively, as Safari does, and the player prefers that: hide it, as in
    // Firefox, so the page takes hls.js
    await page.addInitScript(`{
      const canPlayType = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type) { return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type); };
    }`);
    // the page polls the playback every 5 s; it is open before the show starts, as a viewer waiting for it
    await page.goto(`${app.url}/`);
    publisher = TestPublisher.start(`rtmp://127.0.0.1:${app.show.config.media.rtmpPort}/live/${KEY}`);

    const video = page.locator('video#show');
    await video.waitFor({ state: 'visible', timeout: 40_000 });
    expect(await page.evaluate('window.Hls?.isSupported() === true')).toBe(true);
    // strings, not functions: the page's CSP refuses the eval that waitForFunction would need
    const currentTime = () => page.evaluate<number>("document.querySelector('video#show').currentTime");
    const t1 = await waitFor(async () => ((await currentTime()) > 1 ? currentTime() : null), 30_000, 'the video to play a second');
    await waitFor(async () => (await currentTime()) > t1 + 1, 15_000, 'the video to play on');

    expect(hlsRequests).toContain('200 /vendor/hls.js');
    expect(hlsRequests).toContain('200 /hls/show/index.m3u8');
    expect(hlsRequests.some((r) => /^200 \/hls\/show\/[a-z0-9]+-\d+\.ts$/.test(r))).toBe(true);
    // decoded, not just buffered: the element has a picture of the test source's size
    expect(await page.evaluate("(v => [v.videoWidth, v.videoHeight, v.error])(document.querySelector('video#show'))")).toEqual([320, 240, null]);
    expect(problems).toEqual([]);
    await screenshot(page, 'storefront-hls');
  }, 90_000);
});
