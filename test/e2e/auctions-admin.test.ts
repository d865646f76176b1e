import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { adminClient, startAdminApp } from '../support/admin-app.js';
import type { TestApp } from '../support/test-show.js';
import { testConfig } from '../support/test-show.js';

const ADMIN_TOKEN = 'admin-auction-token-5e7a21c9';

describe('an auction run from the dashboard, end to end through the app', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;
  let admin: ReturnType<typeof adminClient>;

  beforeAll(async () => {
    const config = testConfig(`  - { sku: LAMP, title: Brass lamp, price: 80, stock: 1 }
checkout: { linkTemplate: "https://pay.example/{order}", hold: 15m }
channels: { web: { enabled: false } }
auctions:
  - { id: lamp, sku: LAMP, start: 10, duration: 10m }`);
    t = await startAdminApp(config, [twitch, telegram], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    admin = adminClient(t.app.url, ADMIN_TOKEN);
  });
  afterAll(() => t.app.stop());

  it('GIVEN an auction of the show file WHEN the dashboard starts it THEN every chat hears it and a second start is refused', async () => {
    const started = await admin.post('/api/admin/auctions/lamp/start');
    expect(started.status).toBe(201);
    expect(((await started.json()) as { auction: { state: string; startCents: number } }).auction).toMatchObject({ state: 'open', startCents: 1000 });
    expect((await admin.post('/api/admin/auctions/lamp/start')).status).toBe(409);
    expect((await admin.post('/api/admin/auctions/nope/start')).status).toBe(404);
    await t.app.idle();
    for (const channel of [twitch, telegram]) expect(channel.texts().some((x) => x.startsWith('🔨 AUCTION: Brass lamp — starts at €10.00'))).toBe(true);
  });

  it('GIVEN bids on Twitch and Telegram WHEN the dashboard pauses, resumes and ends it THEN bids wait while paused and the leader wins with the lamp in their cart', async () => {
    // Outbid notices are merged for a second (on real time here): Tom's comes after it.
    const told = new Promise<void>((resolve) => t.app.bus.on('auction.outbid', () => resolve()));
    await twitch.say({ id: 't1', name: 'Tom' }, '!bid');
    await telegram.say({ id: '42', name: 'Tanya' }, '/maxbid 15');
    await told;
    expect((await admin.post('/api/admin/auctions/current/pause')).status).toBe(200);
    await twitch.say({ id: 't1', name: 'Tom' }, '!bid 20');
    await t.app.idle();
    // Twitch has no private messages: the answers to Tom come in the room ("you lead" is left out there).
    expect(twitch.texts()).toEqual(
      expect.arrayContaining([
        'You were outbid on Brass lamp: it stands at €11.00. !bid 12 to lead again.',
        '⏸ The auction of Brass lamp is paused at €11.00.',
        'The auction is paused; bid again when it is back on.',
      ]),
    );
    expect((await admin.post('/api/admin/auctions/current/resume')).status).toBe(200);
    const current = (await (await admin.get('/api/admin/auctions/current')).json()) as { auction: { priceCents: number; state: string } };
    expect(current.auction).toMatchObject({ state: 'open', priceCents: 1100 });
    const ended = await admin.post('/api/admin/auctions/current/end');
    expect(((await ended.json()) as { auction: { state: string } }).auction.state).toBe('sold');
    await t.app.idle();
    expect(twitch.texts().some((x) => x.startsWith('You lead'))).toBe(false);
    expect(telegram.sent.find((m) => m.text === 'You lead Brass lamp at €11.00. Your maximum: €15.00; it answers other bids for you.')?.userId).toBe('42');
    const won = telegram.sent.find((m) => m.text.startsWith('You won Brass lamp for €11.00!'));
    expect(won?.userId).toBe('42');
    expect(twitch.texts().some((x) => x.startsWith('🔨 SOLD! Brass lamp to Tanya for €11.00'))).toBe(true);
    expect((await admin.post('/api/admin/auctions/current/end')).status).toBe(409);
    const rows = await t.app.store.models.LoggedEvent.findAll({ where: { type: 'auction.bid' } });
    expect(rows).toHaveLength(3);
  });
});
