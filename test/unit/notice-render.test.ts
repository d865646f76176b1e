import { describe, expect, it } from 'vitest';
import { renderDiscord, messageOptions } from '../../bots/discord/discord-render.js';
import { inlineKeyboard, renderTelegram } from '../../bots/telegram/telegram-render.js';
import { startedCommand } from '../../bots/telegram/telegram-normalize.js';
import { renderTwitch } from '../../bots/twitch/twitch-render.js';
import { renderWeb } from '../../bots/web/web-render.js';
import type { Addressee, Outbound } from '../../orchestrator/chat-types.js';

const notice = (people: Addressee[], text = "you're in — Candle is held for you"): Outbound => ({
  priority: 'reply',
  target: { kind: 'room', platform: 'telegram', channelId: 'room' },
  body: { kind: 'notice', text, people },
});
const buyers = (n: number, link = false): Addressee[] =>
  Array.from({ length: n }, (_, i) => ({
    userId: String(5_000_000 + i),
    userName: `Buyer ${i}`,
    messageId: `m${i}`,
    ...(link && { link: { label: 'Pay now', url: `https://shop.example/c/tok${i}abcdefghijklmnop` } }),
  }));

describe('notices naming several people', () => {
  it('GIVEN three Telegram buyers WHEN rendered THEN each is a real mention (tg://user) and the words follow once', () => {
    const { parts, omitted } = renderTelegram(notice(buyers(3)), 4096);
    expect(omitted).toBe(0);
    expect(parts).toEqual([
      '<a href="tg://user?id=5000000">Buyer 0</a>, <a href="tg://user?id=5000001">Buyer 1</a>, <a href="tg://user?id=5000002">Buyer 2</a>: you\'re in — Candle is held for you',
    ]);
  });

  it('GIVEN a name with markup and a detail WHEN rendered for Telegram THEN the name is escaped and the detail follows it', () => {
    const { parts } = renderTelegram(notice([{ userId: '7', userName: '<b>evil.example</b>', detail: '#2' }], 'x'), 4096);
    expect(parts[0]).toMatch(/^<a href="tg:\/\/user\?id=7">&lt;b&gt;evil\.\u2060example&lt;\/\u2060b&gt;<\/a> #2: x$/);
  });

  it('GIVEN 80 buyers WHEN rendered for Telegram THEN at most 50 are named in one message and the rest are left for the next', () => {
    const { parts, omitted } = renderTelegram(notice(buyers(80)), 4096);
    expect(parts).toHaveLength(1);
    expect(omitted).toBe(30);
    expect(parts[0]!.match(/tg:\/\/user/g)).toHaveLength(50);
  });

  it('GIVEN Twitch buyers with their cart links WHEN rendered THEN each @login is followed by their own link, within 500 characters, the rest omitted', () => {
    const { parts, omitted } = renderTwitch(
      notice(buyers(20, true), "you're in — Candle is held for you; pay within 15 min at the link after your name."),
      500,
      (id) => `login_${id}`,
    );
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBeLessThanOrEqual(500);
    expect(parts[0]).toMatch(/^@login_m0 https:\/\/shop\.example\/c\/tok0abcdefghijklmnop · @login_m1 https:\/\/shop\.example\/c\/tok1/);
    expect(omitted).toBeGreaterThan(0);
    expect(parts[0]!.match(/@login_/g)).toHaveLength(20 - omitted);
  });

  it('GIVEN Twitch buyers without links WHEN rendered THEN they are @mentions separated by spaces', () => {
    const { parts } = renderTwitch(notice(buyers(3)), 500, () => undefined);
    expect(parts).toEqual(["@Buyer0 @Buyer1 @Buyer2: you're in — Candle is held for you"]);
  });

  it('GIVEN Discord buyers WHEN rendered and sent THEN they are <@id> mentions AND only they are pinged', () => {
    const people = buyers(2).map((b, i) => ({ ...b, userId: `71000000000000000${i}` }));
    const { parts } = renderDiscord(notice(people), 2000);
    expect(parts).toEqual(["<@710000000000000000> <@710000000000000001>: you're in — Candle is held for you"]);
    const options = messageOptions({ text: parts[0]!, mentions: people.map((p) => p.userId) });
    expect(options.allowedMentions).toEqual({ parse: [], repliedUser: false, users: ['710000000000000000', '710000000000000001'] });
  });

  it('GIVEN web viewers WHEN a notice names them THEN the line carries their names, so each page marks it as an answer to its viewer', () => {
    const { parts } = renderWeb(
      notice(
        [
          { userId: 'w1', userName: 'Ann', detail: '#1' },
          { userId: 'w2', userName: 'Bob\u202e', detail: '#2' },
        ],
        'sold out',
      ),
      2000,
    );
    expect(parts.map((p) => JSON.parse(p) as unknown)).toEqual([{ kind: 'bot', text: 'Ann #1, Bob #2: sold out', mentions: ['Ann', 'Bob'] }]);
  });

  it('GIVEN a button meant to answer privately WHEN Telegram renders it THEN it opens the bot with the command as the start parameter', () => {
    expect(inlineKeyboard([{ label: 'My cart', command: '/cart', privately: true }], undefined, 'candle_bot')).toEqual([
      [{ text: 'My cart', url: 'https://t.me/candle_bot?start=cart' }],
    ]);
    // Without the bot's name (not yet known) it stays a command button.
    expect(inlineKeyboard([{ label: 'My cart', command: '/cart', privately: true }])).toEqual([[{ text: 'My cart', callback_data: '/cart' }]]);
  });

  it('GIVEN "/start cart" from a deep link WHEN normalized THEN it is the cart command; a bare /start stays the greeting', () => {
    expect(startedCommand('/start cart')).toBe('/cart');
    expect(startedCommand('/start@candle_bot cart')).toBe('/cart');
    expect(startedCommand('/start')).toBe('/start');
    expect(startedCommand('/start two words')).toBe('/start two words');
  });
});
