import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines } from '../support/wait-for.js';

const spammy = { id: '7001', login: 'spammy', displayName: 'Spammy' };
const mia = { id: '7002', login: 'mia', displayName: 'Mia_Mod', badges: { moderator: 1 as const } };
const linky = { id: '7003', login: 'linky', displayName: 'Linky' };
const carl = { id: '7004', login: 'carl', displayName: 'Carl' };

/** Moderation with the real bot clients over the wire: Twitch carries out deletes and timeouts through Helix. */
describe('moderation over the three platform fakes', () => {
  let p: ThreePlatforms;
  const elsewhere = () => [...p.telegram.sent(GROUP), ...p.discord.sent(DISCORD_CHANNEL)];
  const relayedEverywhere = (marker: string) =>
    expect(
      { telegram: p.telegram.sent(GROUP).some((x) => x.includes(marker)), discord: p.discord.sent(DISCORD_CHANNEL).some((x) => x.includes(marker)) },
      `"${marker}" relayed`,
    ).toEqual({ telegram: true, discord: true });
  /** A Twitch viewer's line, once the app has handled it and everything it caused is done; resolves with its message id. */
  const say = (user: typeof spammy, text: string) => afterLines(p.app, 1, () => p.twitch.say({ channel: 'candleshop', user, text }));
  /**
   * What the bot said in Twitch chat. tmi.js resolves a send once it is written to the socket (IRC
   * acknowledges no PRIVMSG), so the fake may still be reading it: wait for the fake's own record.
   */
  const heardOnTwitch = (match: (text: string) => boolean) =>
    p.twitch.waitFor((e) => e.kind === 'message' && e.channel === '#candleshop' && match(e.text), 1000);

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
    await say(spammy, 'cheap followers at spam.example');
    await heardOnTwitch((x) => x === 'Spammy, no links here please (1/3)');

    const second = await say(spammy, 'www.spam.example/free');
    expect(p.twitch.helix.some((h) => h.action === 'delete' && h.messageId === second)).toBe(true);

    const third = await say(spammy, 'last chance https://spam.example/x');
    const helix = p.twitch.helix.map(({ action, messageId, userId, duration, status }) => ({ action, messageId, userId, duration, status }));
    expect(helix).toEqual([
      { action: 'delete', messageId: second, userId: undefined, duration: undefined, status: 204 },
      { action: 'delete', messageId: third, userId: undefined, duration: undefined, status: 204 },
      { action: 'ban', messageId: undefined, userId: '7001', duration: 120, status: 200 },
    ]);

    await say(carl, 'marker after the spam');
    relayedEverywhere('marker after the spam');
    expect(elsewhere().filter((x) => x.includes('spam.example') || x.includes('Spammy'))).toEqual([]);

    const actions = (await p.app.store.models.LoggedEvent.findAll({ where: { type: 'moderation.action' }, order: [['id', 'ASC']] })).map((r) => r.data);
    expect(actions.map((a) => [a.step, a.rule, a.strike, a.user])).toEqual([
      ['warn', 'link', 1, 'Spammy'],
      ['delete', 'link', 2, 'Spammy'],
      ['timeout', 'link', 3, 'Spammy'],
    ]);
    expect(actions[0]?.reason).toBe('link to spam.example');
  });

  it('GIVEN a moderator WHEN they post a link THEN it is relayed untouched', async () => {
    await say(mia, 'restock news on mod.example');
    relayedEverywhere('restock news on mod.example');
  });

  it('GIVEN an allow-listed domain WHEN a viewer posts it THEN it is relayed', async () => {
    await say(carl, 'pay at https://shop.example-candles.shop/cart');
    relayedEverywhere('shop.example-candles.shop/cart');
  });

  it('GIVEN a banned word WHEN a viewer writes it stretched THEN the line is stopped and warned about', async () => {
    await say(carl, 'this is a scaaaam');
    await heardOnTwitch((x) => x === 'Carl, please watch your language (1/3)');
    expect(elsewhere().filter((x) => x.includes('scaaaam'))).toEqual([]);
  });

  it('GIVEN !permit from a viewer and then from a moderator WHEN the permitted viewer posts a link THEN the viewer is refused, one link is relayed and the next is moderated', async () => {
    await say(linky, 'can I share my shop?');
    relayedEverywhere('can I share my shop?');
    await say(carl, '!permit carl');
    await heardOnTwitch((x) => x === '@Carl Only moderators can permit links.');
    await say(mia, '!permit linky');
    await heardOnTwitch((x) => x.includes('linky may post one link within the next 5 minutes.'));

    await say(linky, 'my shop: linky.example');
    relayedEverywhere('my shop: linky.example');
    await say(linky, 'and again linky.example');
    await heardOnTwitch((x) => x === 'Linky, no links here please (1/3)');
    await say(carl, 'second marker');
    relayedEverywhere('second marker');
    expect(elsewhere().filter((x) => x.includes('and again linky.example'))).toEqual([]);
  });
});
