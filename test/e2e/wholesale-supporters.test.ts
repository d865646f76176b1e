import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { isCartReply } from '../support/carts.js';

describe('wholesale quotes, pre-orders and supporter perks', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let privateShow: TestApp;
  let publicShow: TestApp;

  beforeAll(async () => {
    const products = `  - sku: VAN
    title: Vanilla candle
    price: 24
    stock: 100
    wholesale: [{ minQty: 10, price: 18 }, { minQty: 50, price: 15 }]
checkout: { linkTemplate: "https://pay.example/{order}" }
supporters: [{ role: subscriber, discount: { percent: 5 } }, { role: vip, discount: { percent: 10 } }]
channels: { web: { enabled: false } }`;
    privateShow = await startTestApp(withPrivate(products), [twitch]);
    publicShow = await startTestApp(testConfig(products), [new MemoryChannel('discord', ['d'])]);
  });
  afterAll(async () => {
    await privateShow.app.stop();
    await publicShow.app.stop();
  });

  it('GIVEN a private B2B show WHEN a buyer asks !quote VAN 25 THEN the tier price comes at once', async () => {
    await twitch.say({ id: 'b1', name: 'Shop Owner' }, '!quote VAN 25');
    await privateShow.app.idle();
    expect(twitch.texts()).toContain('Vanilla candle ×25: €18.00 each (wholesale from 10), €450.00 in total. !preorder VAN 25 books it from the next batch.');
  });

  it('GIVEN a private show WHEN a buyer pre-orders THEN it is recorded without touching stock', async () => {
    await twitch.say({ id: 'b1', name: 'Shop Owner' }, '!preorder VAN 60');
    await privateShow.app.idle();
    expect(twitch.texts().some((x) => /^Pre-order [A-Z0-9]{8}: 60× Vanilla candle, €900\.00, from the next batch\./.test(x))).toBe(true);
    await twitch.say({ id: 'b1', name: 'Shop Owner' }, '!stock VAN');
    await privateShow.app.idle();
    expect(twitch.texts()).toContain('Vanilla candle: 100 left.');
  });

  it('GIVEN a subscriber and a VIP WHEN they buy THEN each gets their best supporter discount; others pay the list price', async () => {
    const discord = publicShow.app.channels.find((c) => c.platform === 'discord') as MemoryChannel;
    await discord.say({ id: 's1', name: 'Sub', roles: ['subscriber'] }, '!buy VAN');
    await discord.say({ id: 'v1', name: 'Vip', roles: ['subscriber', 'vip'] }, '!buy VAN');
    await discord.say({ id: 'n1', name: 'Newbie' }, '!buy VAN');
    await publicShow.app.idle();
    const totals = discord
      .texts()
      .filter(isCartReply)
      .map((x) => /, (€\d+\.\d\d)/.exec(x)?.[1]);
    expect(totals).toEqual(['€22.80', '€21.60', '€24.00']);
  });

  it('GIVEN a public show WHEN someone asks for a quote THEN wholesale prices stay private', async () => {
    const discord = publicShow.app.channels.find((c) => c.platform === 'discord') as MemoryChannel;
    await discord.say({ id: 'n1', name: 'Newbie' }, '!quote VAN 25');
    await publicShow.app.idle();
    expect(discord.texts()).toContain('Vanilla candle: €24.00 each. Wholesale prices are given in our private B2B shows; ask the seller for an invite.');
  });
});

function withPrivate(products: string) {
  const config = testConfig(products);
  config.show.private = true;
  return config;
}
