import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { waitFor } from '../support/wait-for.js';

const spammy = { id: '7001', login: 'spammy', displayName: 'Spammy' };
const mia = { id: '7002', login: 'mia', displayName: 'Mia_Mod', badges: { moderator: 1 as const } };
const linky = { id: '7003', login: 'linky', displayName: 'Linky' };
const carl = { id: '7004', login: 'carl', displayName: 'Carl' };

/** Moderation with the real bot clients over the wire: Twitch carries out deletes and timeouts through Helix. */
describe('moderation over the three platform fakes', () => {
  let p: ThreePlatforms;
  const elsewhere = () => [...p.telegram.sent(GROUP), ...p.discord.sent(DISCORD_CHANNEL)];
  const relayedEverywhere = (marker: string) =>
    waitFor(() => p.telegram.sent(GROUP).some((x) => x.includes(marker)) && p.discord.sent(DISCORD_CHANNEL).some((x) => x.includes(marker)), 15_000, `"${marker}" relayed`);
  const say = (user: typeof spammy, text: string) => p.twitch.say({ channel: 'candleshop', user, text });

  beforeAll(async () => {
    p = await startThreePlatforms(`moderation:
  links: { allow: [example-candles.shop] }
  bannedWords: [scam]
  escalation: { steps: [warn, delete, timeout], strikesWithin: 10m, timeout: 2m }`);
    // Helix only lets the bot moderate where it is a moderator.
    p.twitch.setModerator('candleshop', true);
  });
  afterAll(() => p?.stop());

  it('GIVEN a Twitch viewer posting links WHEN they go on THEN they are warned, then deleted, then timed out, and nothing reaches Telegram or Discord', async () => {
    say(spammy, 'cheap followers at spam.example');
    await waitFor(() => p.twitch.received('candleshop').includes('@Spammy, no links here please (1/3)'), 15_000, 'the warning');

    const second = say(spammy, 'www.spam.example/free');
    await waitFor(() => p.twitch.helix.some((h) => h.action === 'delete' && h.messageId === second), 15_000, 'the delete');

    const third = say(spammy, 'last chance https://spam.example/x');
    await waitFor(() => p.twitch.helix.some((h) => h.action === 'ban'), 15_000, 'the timeout');
    const helix = p.twitch.helix.map(({ action, messageId, userId, duration, status }) => ({ action, messageId, userId, duration, status }));
    expect(helix).toEqual([
      { action: 'delete', messageId: second, userId: undefined, duration: undefined, status: 204 },
      { action: 'delete', messageId: third, userId: undefined, duration: undefined, status: 204 },
      { action: 'ban', messageId: undefined, userId: '7001', duration: 120, status: 200 },
    ]);

    say(carl, 'marker after the spam');
    await relayedEverywhere('marker after the spam');
    expect(elsewhere().filter((x) => x.includes('spam.example') || x.includes('Spammy'))).toEqual([]);

    await p.app.events.flush();
    const actions = (await p.app.store.models.LoggedEvent.findAll({ where: { type: 'moderation.action' }, order: [['id', 'ASC']] })).map((r) => r.data as Record<string, unknown>);
    expect(actions.map((a) => [a.step, a.rule, a.strike, a.user])).toEqual([
      ['warn', 'link', 1, 'Spammy'],
      ['delete', 'link', 2, 'Spammy'],
      ['timeout', 'link', 3, 'Spammy'],
    ]);
    expect(actions[0]?.reason).toBe('link to spam.example');
  });

  it('GIVEN a moderator WHEN they post a link THEN it is relayed untouched', async () => {
    say(mia, 'restock news on mod.example');
    await relayedEverywhere('restock news on mod.example');
  });

  it('GIVEN an allow-listed domain WHEN a viewer posts it THEN it is relayed', async () => {
    say(carl, 'pay at https://shop.example-candles.shop/cart');
    await relayedEverywhere('shop.example-candles.shop/cart');
  });

  it('GIVEN a banned word WHEN a viewer writes it stretched THEN the line is stopped and warned about', async () => {
    say(carl, 'this is a scaaaam');
    await waitFor(() => p.twitch.received('candleshop').includes('@Carl, please watch your language (1/3)'), 15_000, 'the warning');
    expect(elsewhere().filter((x) => x.includes('scaaaam'))).toEqual([]);
  });

  it('GIVEN !permit from a viewer and then from a moderator WHEN the permitted viewer posts a link THEN the viewer is refused, one link is relayed and the next is moderated', async () => {
    say(linky, 'can I share my shop?');
    await relayedEverywhere('can I share my shop?');
    say(carl, '!permit carl');
    await waitFor(() => p.twitch.received('candleshop').includes('@Carl Only moderators can permit links.'), 15_000, 'the refusal');
    say(mia, '!permit linky');
    await waitFor(() => p.twitch.received('candleshop').some((x) => x.includes('linky may post one link within the next 5 minutes.')), 15_000, 'the permit reply');

    say(linky, 'my shop: linky.example');
    await relayedEverywhere('my shop: linky.example');
    say(linky, 'and again linky.example');
    await waitFor(() => p.twitch.received('candleshop').includes('@Linky, no links here please (1/3)'), 15_000, 'the warning after the permit');
    say(carl, 'second marker');
    await relayedEverywhere('second marker');
    expect(elsewhere().filter((x) => x.includes('and again linky.example'))).toEqual([]);
  });
});
