import { afterEach, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { WebChatClient } from '../support/web-chat-client.js';
import { afterLines, waitFor } from '../support/wait-for.js';
import { isCartReply } from '../support/carts.js';

/**
 * Nobody hoards stock for free: web accounts cost nothing, so holds are limited per network; a
 * quantity never exceeds what exists; one viewer waits for only so many products; and a viewer
 * who lets holds run out goes behind everyone else in the waitlist.
 */
describe('hoarding', () => {
  let t: TestApp | undefined;
  const clients: WebChatClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await t?.app.stop();
  });

  it('GIVEN 8 web accounts on one network WHEN each buys one of 20 lamps THEN 3 are held (the network limit), the rest are told why, and a viewer elsewhere still buys', async () => {
    t = await startTestApp(
      testConfig(`  - { sku: LAMP, title: Lamp, price: 40, stock: 20 }
checkout: { linkTemplate: "https://pay.example/{order}", limits: { holdsPerAddress: 3 } }
moderation: { enabled: false }
channels: { web: { limits: { sharedAddresses: [], perAddress: { lines: { count: 100, per: 1m }, newSessions: { count: 100, per: 1m } } } } }`),
      [new MemoryChannel('twitch', ['shop'])],
    );
    const app = t.app;
    for (let i = 0; i < 8; i++) clients.push(await WebChatClient.join(app.url, `Bot ${i}`));
    await afterLines(app, 8, () => clients.forEach((c) => c.say('!buy LAMP')));
    // Each buyer's own answer (a refusal is said in the room, an order privately); the sockets still carry them.
    const answerOf = (c: WebChatClient, i: number) => c.lines.find((l) => l.kind === 'bot' && l.replyTo === `Bot ${i}`)?.text;
    await waitFor(() => clients.every((c, i) => answerOf(c, i) !== undefined), 5000, 'an answer on every socket');
    const answers = clients.map((c, i) => answerOf(c, i) ?? '');
    expect(answers.filter(isCartReply)).toHaveLength(3);
    expect(answers.filter((a) => a.startsWith('Too many items are already held from your network (3 at once)'))).toHaveLength(5);
    expect(await app.store.models.Order.count({ where: { status: 'held' } })).toBe(3);

    const twitch = app.channels.find((c) => c.platform === 'twitch') as MemoryChannel;
    await twitch.say({ id: 'tw-ann', name: 'Ann' }, '!buy LAMP');
    await app.idle();
    expect(twitch.texts().at(-1)).toMatch(/^Reserved for you \(cart [A-Z0-9]{8}\): 1× Lamp/);
  });

  it('GIVEN a buyer asking for 9999 WHEN there are 5 THEN the quantity is what exists at most and the waitlist gets nothing from it', async () => {
    const chat = new MemoryChannel('twitch', ['shop']);
    t = await startTestApp(
      testConfig(`  - { sku: MATCH, title: Match, price: 1, stock: 5, maxPerBuyer: 100000 }\ncheckout: { linkTemplate: "https://pay.example/{order}" }`),
      [chat],
    );
    await chat.say({ id: 'greedy', name: 'Greedy' }, '!buy MATCH 9999');
    await t.app.idle();
    expect(chat.texts().at(-1)).toMatch(/^Reserved for you \(cart [A-Z0-9]{8}\): 5× Match/);
    expect(await t.app.store.models.WaitlistEntry.count()).toBe(0);
  });

  it('GIVEN a viewer waiting for one product WHEN they queue for a second sold-out one THEN they are told to leave the first, and nothing is queued', async () => {
    const chat = new MemoryChannel('twitch', ['shop']);
    t = await startTestApp(
      testConfig(`  - { sku: A, title: Candle A, price: 5, stock: 1 }
  - { sku: B, title: Candle B, price: 5, stock: 1 }
checkout: { linkTemplate: "https://pay.example/{order}", limits: { waitlistEntries: 1 } }`),
      [chat],
    );
    await chat.say({ id: 'first', name: 'First' }, '!buy A');
    await chat.say({ id: 'first', name: 'First' }, '!buy B');
    await chat.say({ id: 'queue', name: 'Queue' }, '!buy A');
    await chat.say({ id: 'queue', name: 'Queue' }, '!buy B');
    await t.app.idle();
    expect(chat.texts().at(-1)).toBe('Candle B is sold out, and you already wait for 1 product. !cancel leaves the waitlist, then try again.');
    expect(await t.app.store.models.WaitlistEntry.count({ where: { status: 'waiting' } })).toBe(1);
  });

  it('GIVEN a viewer who let two holds lapse WHEN stock frees up THEN a viewer who waited after them is offered it first', async () => {
    const chat = new MemoryChannel('twitch', ['shop']);
    t = await startTestApp(
      testConfig(`  - { sku: VASE, title: Vase, price: 30, stock: 1 }
checkout: { linkTemplate: "https://pay.example/{order}", limits: { lapsesBeforeBack: 2 } }`),
      [chat],
    );
    const { models } = t.app.store;
    // Two earlier carts of the lapser ran out unpaid in this show (two buys in one cart are one lapse).
    for (let i = 0; i < 2; i++) {
      await chat.say({ id: 'lapser', name: 'Lapser' }, '!buy MUG');
      await t.app.idle();
      await models.Order.update({ status: 'expired' }, { where: {} });
      await models.Cart.update({ status: 'expired' }, { where: {} });
    }
    await chat.say({ id: 'holder', name: 'Holder' }, '!buy VASE');
    await chat.say({ id: 'lapser', name: 'Lapser' }, '!buy VASE');
    await chat.say({ id: 'patient', name: 'Patient' }, '!buy VASE');
    await chat.say({ id: 'holder', name: 'Holder' }, '!cancel');
    await t.app.idle();
    const vase = await models.Order.findAll({ where: { status: 'held' }, include: [{ model: models.Identity }] });
    expect(vase.map((o) => (o as typeof o & { Identity: { displayName: string } }).Identity.displayName)).toEqual(['Patient']);
  });
});
