import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { afterLines } from '../support/wait-for.js';
import { WebChatClient } from '../support/web-chat-client.js';
import { isCartReply } from '../support/carts.js';

describe('a private B2B show', () => {
  const twitch = new MemoryChannel('twitch', ['wholesale-room']);
  let t: TestApp;

  beforeAll(async () => {
    const config = testConfig(`checkout: { linkTemplate: "https://pay.example/{order}" }`);
    config.show.private = true;
    config.show.access = { inviteEnv: 'SHOWCART_INVITE_CODE', buyerRoles: ['vip'], buyerRooms: [] };
    t = await startTestApp(config, [twitch], { env: { SHOWCART_INVITE_CODE: 'b2b-spring-2026' } });
  });
  afterAll(() => t.app.stop());

  it('GIVEN the web page WHEN opened without the invite THEN nobody gets in; with it, the buyer chats and buys', async () => {
    const stranger = await WebChatClient.open(t.app.url, 'Stranger');
    // The server tells the refusal, then closes the socket: everything it said has arrived by then.
    await stranger.closed;
    expect(stranger.errors).toContain('This is a private show: open it with your invite link.');
    expect(stranger.welcome).toBeUndefined();

    const buyer = await WebChatClient.join(t.app.url, 'Shop Buyer', undefined, 'b2b-spring-2026');
    await afterLines(t.app, 1, () => buyer.say('!buy MUG'));
    await buyer.waitForLine((l) => (l.text ?? '').includes('Reserved for you (cart '), 'the order');
    await buyer.close();
  });

  it('GIVEN buyers limited to VIPs WHEN a plain viewer and a VIP buy in chat THEN only the VIP gets an order', async () => {
    await twitch.say({ id: 'p', name: 'Plain' }, '!buy MUG');
    await twitch.say({ id: 'v', name: 'Vip', roles: ['vip'] }, '!buy MUG');
    await t.app.idle();
    expect(twitch.texts()).toContain('Buying in this private show is for invited buyers. Ask the seller for access.');
    expect(twitch.texts().filter(isCartReply)).toHaveLength(1);
  });
});
