import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

describe('promotions through the whole app, on three platforms', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100']);
  const discord = new MemoryChannel('discord', ['555']);
  const channels = [twitch, telegram, discord];
  const heard: Array<{ text: string; viewerId: number }> = [];
  let t: TestApp;
  const issued = async (source: string) =>
    (await t.app.store.models.PromoCode.findAll({ where: { source }, order: [['id', 'ASC']] })).map((c) => ({
      code: c.code,
      kind: c.kind,
      value: c.value,
      maxUses: c.maxUses,
    }));

  /** The platforms that have not been sent a text matching `pattern`. */
  const missing = (pattern: RegExp) => channels.filter((c) => !c.texts().some((x) => pattern.test(x))).map((c) => c.platform);
  /** Says a line and waits until the app has handled it and sent what it caused. */
  const say = async (c: MemoryChannel, user: { id: string; name: string }, text: string) => {
    await c.say(user, text);
    await t.app.idle();
  };
  /** The next `name` fact on the app's bus: for what the show clock or a sale's own timer does. */
  const next = <K extends ShowEventName>(name: K) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = t.app.bus.on(name, (payload) => {
        off();
        resolve(payload);
      });
    });
  const count = (c: MemoryChannel, pattern: RegExp) => c.texts().filter((x) => pattern.test(x)).length;

  beforeAll(async () => {
    const config = testConfig(`featured: MUG
channels: { web: { enabled: false } }
promotions:
  unlocks:
    - { id: fifteen-off, keyword: unlock, goal: 3, window: 15m, discount: { percent: 15 }, valid: 30m, milestones: [50] }
  drops:
    - { id: hello, discount: { amount: 2 }, randomBetween: ["00:00", "00:00"], valid: 5m, maxUses: 5, message: Welcome drop! }
  flashSales:
    - { id: mug-flash, sku: MUG, price: 9, duration: 2s, maxPerBuyer: 1 }`);
    t = await startTestApp(config, channels);
    t.app.bus.on('chat.message', ({ event, viewer }) => void heard.push({ text: event.text, viewerId: viewer.viewerId }));
  });
  afterAll(async () => {
    await t?.app.stop();
  });

  it('GIVEN the stream goes live WHEN a drop is due at the start THEN its code is announced on every platform', async () => {
    // The drop falls on the show clock's timer, just after going live.
    const dropped = next('drop.issued');
    await t.app.show.goLive(Date.now());
    await dropped;
    await t.app.idle();

    expect(missing(/^Welcome drop! Code HELLO-[A-Z0-9]{6} works for 5 min — !buy MUG HELLO-[A-Z0-9]{6}$/)).toEqual([]);
    expect(await issued('drop')).toEqual([{ code: expect.stringMatching(/^HELLO-[A-Z0-9]{6}$/), kind: 'amount', value: 200, maxUses: 5 }]);
  });

  it('GIVEN viewers on three platforms, one of them twice and once from a linked account WHEN they ask THEN they count once each and the code reaches every platform', async () => {
    // Anna linked her Twitch and Telegram accounts before the show: one viewer, two identities.
    const anna = await t.app.store.models.Viewer.create({ displayName: 'Anna' });
    await t.app.store.models.Identity.create({ viewerId: anna.id, platform: 'twitch', platformUserId: 'tw-anna', displayName: 'Anna', roles: [] });
    await t.app.store.models.Identity.create({ viewerId: anna.id, platform: 'telegram', platformUserId: 'tg-anna', displayName: 'Anna', roles: [] });

    await say(twitch, { id: 'tw-anna', name: 'Anna' }, 'unlock');
    await say(twitch, { id: 'tw-anna', name: 'Anna' }, 'UNLOCK please!');
    await say(telegram, { id: 'tg-anna', name: 'Anna' }, 'unlock');
    expect(heard).toHaveLength(3);
    expect(new Set(heard.map((h) => h.viewerId))).toEqual(new Set([anna.id]));

    await say(discord, { id: 'dc-bob', name: 'Bob' }, 'can we unlock it?');
    expect(missing(/^Unlock 15% off: 2\/3 viewers asked — type unlock!$/)).toEqual([]);

    await say(telegram, { id: 'tg-carl', name: 'Carl' }, 'Unlock');
    const reached = /^Unlocked! Code FIFTEEN-[A-Z0-9]{6} gives 15% off for 30 min — !buy MUG FIFTEEN-[A-Z0-9]{6}$/;
    expect(missing(reached)).toEqual([]);
    expect(await issued('unlock')).toEqual([{ code: expect.stringMatching(/^FIFTEEN-[A-Z0-9]{6}$/), kind: 'percent', value: 15, maxUses: null }]);

    await say(twitch, { id: 'tw-dave', name: 'Dave' }, 'unlock');
    expect(heard).toHaveLength(6);
    expect(await issued('unlock')).toHaveLength(1);
    for (const c of channels) expect([count(c, /^Unlock 15% off/), count(c, reached)]).toEqual([1, 1]);
  });

  it('GIVEN a flash sale started from the API WHEN it runs THEN start and end reach every platform and the board prices MUG only meanwhile', async () => {
    const { flash } = t.app;
    expect(flash.current('MUG')).toBeUndefined();
    // The sale ends on its own 2 s timer.
    const ended = next('flash.ended');
    const started = flash.start('mug-flash');
    expect(started).toMatchObject({ ok: true, sale: { sku: 'MUG', priceCents: 900, maxPerBuyer: 1 } });
    expect(flash.current('mug')?.priceCents).toBe(900);
    await t.app.idle();
    expect(missing(/^Flash sale! Mug for €9\.00 instead of €12\.00 — 2 s only, max 1 per viewer\. !buy MUG$/)).toEqual([]);
    await ended;
    await t.app.idle();
    expect(missing(/^Flash sale ended: Mug is back to €12\.00\.$/)).toEqual([]);
    expect(flash.current('MUG')).toBeUndefined();
    expect(flash.list()).toEqual([]);
  });
});
