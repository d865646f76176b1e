import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

describe('buying during a flash sale', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let t: TestApp;

  beforeAll(async () => {
    const config = testConfig(`checkout: { linkTemplate: "https://pay.example/{order}" }
promotions: { flashSales: [{ id: mug-flash, sku: MUG, price: 7.5, duration: 2m, maxPerBuyer: 1 }] }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch]);
  });
  afterAll(() => t.app.stop());

  it('GIVEN a running flash sale WHEN a viewer buys THEN they pay the sale price, once per the sale limit', async () => {
    await twitch.say({ id: 'a', name: 'Ann' }, '!buy MUG');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringContaining('1× Mug, €12.00'));
    expect(t.app.flash.start('mug-flash').ok).toBe(true);
    await twitch.say({ id: 'b', name: 'Ben' }, '!buy MUG 2');
    await t.app.idle();
    expect(twitch.texts()).toContainEqual(expect.stringContaining('1× Mug, €7.50'));
    await twitch.say({ id: 'b', name: 'Ben' }, '!buy MUG');
    await t.app.idle();
    expect(twitch.texts()).toContain('You already have 1 of Mug; the limit is 1 per viewer during this flash sale.');
    expect(t.app.flash.stop('mug-flash')).toBeTruthy();
  });
});
