import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { waitFor } from '../support/wait-for.js';

/**
 * "3, 2, 1, buy!" over the real telegraf, tmi.js and discord.js clients, every fake enforcing its
 * platform's limits and the Twitch bot no moderator (20 lines per 30 s): the buyers' answers that
 * wait for a room are merged into notices naming them, and private details go privately.
 */
describe('answers to a burst of buyers', () => {
  let rig: ThreePlatforms;

  beforeAll(async () => {
    rig = await startThreePlatforms(
      `products:
  - { sku: CANDLE, title: Candle, price: 12, stock: unlimited, maxPerBuyer: 1 }
  - { sku: VASE, title: Vase, price: 40, stock: 0 }
checkout: { provider: builtin, hold: 15m, shipping: { pickup: "Studio" } }
moderation: { enabled: false }
`,
      {},
      { enforceLimits: true, twitchModerator: false, discordDms: 'closed' },
    );
  }, 60_000);
  afterAll(() => rig?.stop());

  it('GIVEN 30 Twitch buyers typing !buy in the same second WHEN answered THEN a few lines name them all, each with their own cart link, and Twitch dropped nothing', async () => {
    const logins = Array.from({ length: 30 }, (_, i) => `twbuyer${i}`);
    logins.forEach((login, i) =>
      rig.twitch.say({ channel: 'candleshop', user: { id: String(6_100_000 + i), login, displayName: login }, text: '!buy CANDLE' }),
    );
    const bot = () => rig.twitch.events.filter((e) => e.kind === 'message' && e.login === 'showcartbot').map((e) => (e.kind === 'message' ? e.text : ''));
    const told = (login: string) => bot().some((t) => new RegExp(`@${login}\\b`).test(t));
    await waitFor(() => logins.every(told), 20_000, 'every Twitch buyer named');
    const lines = bot().filter((t) => /@twbuyer/.test(t));
    expect(lines.length).toBeLessThanOrEqual(8);
    for (const login of logins) {
      const line = lines.find((t) => new RegExp(`@${login}\\b`).test(t))!;
      // A lone first answer is the full reply; every merged one carries the buyer's link after their name.
      expect(line).toMatch(new RegExp(`@${login}\\b.*http://[^ ]+/c/[A-Za-z0-9_-]{20,}`));
    }
    expect(rig.twitch.dropped).toBe(0);
  }, 30_000);

  it('GIVEN Telegram buyers who never pressed Start WHEN a burst is answered THEN the group gets notices with real mentions and a "My cart" button that opens the bot, and Start brings their cart privately', async () => {
    const users = Array.from({ length: 12 }, (_, i) => ({ id: 7_100_000 + i, first_name: `Tg${i}` }));
    for (const u of users) rig.telegram.neverStarted(u.id);
    for (const u of users) rig.telegram.injectText({ chatId: GROUP, from: u, text: '/buy CANDLE' });
    const group = () => rig.telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(GROUP));
    const named = (id: number) => group().some((c) => String(c.params.text).includes(`tg://user?id=${id}`));
    await waitFor(() => users.every((u) => named(u.id)), 20_000, 'every Telegram buyer mentioned');
    const notices = group().filter((c) => /you're in/.test(String(c.params.text)));
    expect(notices.length).toBeGreaterThan(0);
    const markup = JSON.stringify(notices[0]!.params.reply_markup);
    expect(markup).toContain('https://t.me/showcart_bot?start=cart');
    expect(rig.telegram.calls.filter((c) => c.status === 429)).toHaveLength(0);

    const buyer = users[5]!;
    rig.telegram.pressStart(buyer, 'cart');
    const dm = await waitFor(
      () => rig.telegram.calls.find((c) => c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(buyer.id)),
      10_000,
      'the cart sent privately',
    );
    expect(String(dm.params.text)).toMatch(/Your cart/);
    expect(JSON.stringify(dm.params.reply_markup ?? dm.params.text)).toMatch(/\/c\/[A-Za-z0-9_-]{20,}/);
  }, 40_000);

  it('GIVEN Discord buyers, some taking DMs and some not, WHEN they buy the sold-out Vase and the Candle at once THEN DMs go privately, the rest are merged notices pinging only them, and waitlist places follow their names', async () => {
    const open = Array.from({ length: 4 }, (_, i) => ({ id: `7200000000000000${10 + i}`, username: `dmopen${i}` }));
    const closed = Array.from({ length: 8 }, (_, i) => ({ id: `7300000000000000${10 + i}`, username: `dmclosed${i}` }));
    for (const u of open) rig.discord.openDms(u.id);
    for (const u of [...open, ...closed]) rig.discord.say({ channelId: DISCORD_CHANNEL, user: u, content: '!buy CANDLE' });
    const waitlisters = Array.from({ length: 6 }, (_, i) => ({ id: `7400000000000000${10 + i}`, username: `wait${i}` }));
    for (const u of waitlisters) rig.discord.say({ channelId: DISCORD_CHANNEL, user: u, content: '!buy VASE' });

    await waitFor(() => open.every((u) => rig.discord.direct(u.id).some((t) => /Reserved for you/.test(t))), 20_000, 'DMs to the open ones');
    const room = () => rig.discord.calls.filter((c) => c.method === 'POST' && c.status === 200 && c.path === `/channels/${DISCORD_CHANNEL}/messages`);
    const mentioned = (id: string) => room().some((c) => String(c.body.content).includes(`<@${id}>`));
    await waitFor(() => [...closed, ...waitlisters].every((u) => mentioned(u.id)), 30_000, 'every other Discord buyer mentioned');
    for (const u of open) expect(mentioned(u.id)).toBe(false);
    const merged = room().filter((c) => /you're in/.test(String(c.body.content)));
    for (const call of merged) {
      const ids = [...String(call.body.content).matchAll(/<@(\d+)>/g)].map((m) => m[1]);
      expect((call.body.allowed_mentions as { users?: string[] }).users).toEqual(ids);
    }
    const waitlist = room().filter((c) => /waitlist/.test(String(c.body.content)));
    expect(waitlist.map((c) => String(c.body.content)).join(' ')).toMatch(/<@\d+> #\d/);
  }, 60_000);
});
