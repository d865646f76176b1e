import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

describe('show announcements through the whole app, on three platforms', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100']);
  const discord = new MemoryChannel('discord', ['555']);
  const channels = [twitch, telegram, discord];
  let t: TestApp;

  /** Once everything the app set off has played out, every platform has a line like `pattern`. */
  const everywhere = async (pattern: RegExp) => {
    await t.app.idle();
    for (const c of channels) expect(c.texts(), c.platform).toContainEqual(expect.stringMatching(pattern));
  };

  beforeAll(async () => {
    const config = testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 1 }
checkout: { linkTemplate: "https://pay.example/checkout?order={order}" }
channels: { web: { enabled: false } }
engagement:
  announcements:
    watchLinks: [https://twitch.tv/shop, https://youtube.com/@shop]`);
    // A weekly show, so the recap always has a next date to give.
    config.show.schedule = [{ title: 'Mug Monday', cron: '0 19 * * 1', duration: 90 * 60_000 }];
    t = await startTestApp(config, channels);
  });
  afterAll(async () => {
    await t?.app.stop();
  });

  it('GIVEN the stream goes live WHEN the show starts THEN every platform hears "live now" with the watch links', async () => {
    await t.app.show.goLive(Date.now());
    await everywhere(/^Test show is live now! Watch: https:\/\/twitch\.tv\/shop · https:\/\/youtube\.com\/@shop$/);
  });

  it('GIVEN the last candle was ordered during the show WHEN the stream goes offline THEN every platform gets the recap with the next show', async () => {
    await telegram.say({ id: 'tg-anna', name: 'Anna' }, '!buy LAST');
    await t.app.idle();
    expect((await t.app.store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(0);

    await t.app.show.goOffAir(Date.now());
    const recap = /^Thanks for watching Test show! This show: 0 paid orders, 1 item sold out\. Next show: Mug Monday at (\d{4}-\d{2}-\d{2} )?19:00 UTC\.$/;
    await everywhere(recap);
    for (const c of channels) expect(c.texts().filter((x) => recap.test(x))).toHaveLength(1);
  });
});
