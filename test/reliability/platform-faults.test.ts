import { QueryTypes } from 'sequelize';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeFault } from '../fakes/index.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { waitFor } from '../support/wait-for.js';

/**
 * One platform misbehaves for a while (hangs, resets connections, answers 429 or 5xx) while
 * viewers chat and buy everywhere: the other two keep relaying and confirming orders, every order
 * placed is confirmed to its buyer once the platform is back, and the outbox drains to zero.
 * Twitch going away (its connections cut) is covered by test/e2e/twitch-bot.test.ts
 * ("GIVEN Twitch goes down …"); a plain 502 outage of each HTTP platform by telegram-bot and
 * discord-bot tests; single 429s by cross-platform, telegram-bot and discord-bot tests.
 */
const SHOW = `products:
  - { sku: MUG, title: Mug, price: 12, stock: 100 }
checkout: { linkTemplate: "https://pay.example/c?o={order}", hold: 30m, remindBefore: 0s }
alerts: { on: paid, names: first, mergeWithin: 1s }`;

const FAULTS: Array<[string, FakeFault]> = [
  ['hangs (requests held unanswered, then cut)', 'hang'],
  ['resets every connection', 'reset'],
  ['answers 429 retry_after 1 s', { status: 429, retryAfter: 1 }],
  ['answers 503', { status: 503 }],
];

const tom = { id: '5001', login: 'tom', displayName: 'Tom' };
const ORDER = /\bcart ([A-Z0-9]{8})\b/g;

/** The fault lasts until it has been met this often: retries (or a second held request) happened during it. */
const timesMet = (fault: FakeFault) => (fault === 'hang' ? 2 : 3);

function ordersIn(texts: string[]): Set<string> {
  return new Set(texts.flatMap((t) => [...t.matchAll(ORDER)].map((m) => m[1]!)));
}

describe('a platform that fails for a while', () => {
  let p: ThreePlatforms | undefined;
  afterEach(async () => {
    await p?.stop();
    p = undefined;
  });

  const telegramTexts = () => p!.telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 200).map((c) => String(c.params.text));
  const confirmed = () => ({ telegram: ordersIn(telegramTexts()), twitch: ordersIn(p!.twitch.received()), discord: ordersIn(p!.discord.sent()) });
  const queued = () => Object.values(p!.app.outbox.stats()).reduce((n, s) => n + s.queued, 0);

  /** Every order in the store reached its buyer on the platform it was placed from, and nothing waits in the outbox. */
  async function everyOrderConfirmedAndDrained(expectedOrders: number): Promise<void> {
    await waitFor(
      async () => {
        // A buyer is told the cart an order went into.
        const rows = await p!.app.store.db.query<{ channel_id: string | null; cart: string }>(
          'SELECT o.channel_id, c.public_id AS cart FROM orders o JOIN carts c ON c.id = o.cart_id',
          { type: QueryTypes.SELECT },
        );
        const seen = confirmed();
        return rows.length === expectedOrders && rows.every((o) => ordersFor(seen, o.channel_id).has(o.cart)) && queued() === 0;
      },
      25_000,
      `${expectedOrders} orders each confirmed to its buyer and an empty outbox`,
    );
    const stats = p!.app.outbox.stats();
    for (const platform of ['telegram', 'twitch', 'discord'] as const) expect(stats[platform]?.queued, platform).toBe(0);
  }

  function ordersFor(seen: ReturnType<typeof confirmed>, channelId: string | null): Set<string> {
    if (channelId === DISCORD_CHANNEL) return seen.discord;
    if (channelId === String(GROUP)) return seen.telegram;
    return seen.twitch;
  }

  it.each(FAULTS)(
    'GIVEN Telegram %s WHEN viewers chat and buy everywhere THEN Twitch and Discord carry on, and once Telegram is back every order is confirmed and the outbox drains',
    async (_, fault) => {
      p = await startThreePlatforms(SHOW);
      p.telegram.setFault(fault);
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 77, first_name: 'Tanya' }, text: '/buy MUG' });
      p.twitch.say({ channel: 'candleshop', user: tom, text: 'while telegram is struggling' });
      p.twitch.say({ channel: 'candleshop', user: tom, text: '!buy MUG' });
      p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000001', username: 'dina' }, content: '!buy MUG 2' });

      // The others keep working while the fault is on.
      await waitFor(() => p!.discord.sent(DISCORD_CHANNEL).some((x) => x.includes('while telegram is struggling')), 10_000, 'Twitch relayed to Discord');
      await waitFor(() => confirmed().twitch.size === 1 && confirmed().discord.size === 1, 10_000, 'Twitch and Discord buyers confirmed');
      const met = p.telegram.faultsMet;
      await waitFor(() => met.hang + met.reset + met.status >= timesMet(fault), 15_000, `Telegram met the fault ${timesMet(fault)} times`);
      expect(confirmed().telegram.size).toBe(0);

      p.telegram.setFault();
      await everyOrderConfirmedAndDrained(3);
      await waitFor(
        () => p!.telegram.sent(GROUP).some((x) => x.includes('while telegram is struggling')) || p!.app.outbox.stats().telegram!.dropped.failed > 0,
        15_000,
        'the relayed line delivered or counted',
      );
    },
  );

  it.each(FAULTS)(
    'GIVEN Discord REST %s WHEN viewers chat and buy everywhere THEN Twitch and Telegram carry on, and once Discord is back every order is confirmed and the outbox drains',
    async (_, fault) => {
      p = await startThreePlatforms(SHOW);
      p.discord.setFault(fault);
      p.discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000001', username: 'dina' }, content: '!buy MUG' });
      p.twitch.say({ channel: 'candleshop', user: tom, text: 'while discord is struggling' });
      p.twitch.say({ channel: 'candleshop', user: tom, text: '!buy MUG' });
      p.telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 77, first_name: 'Tanya' }, text: '/buy MUG 2' });

      await waitFor(() => p!.telegram.sent(GROUP).some((x) => x.includes('while discord is struggling')), 10_000, 'Twitch relayed to Telegram');
      await waitFor(() => confirmed().twitch.size === 1 && confirmed().telegram.size === 1, 10_000, 'Twitch and Telegram buyers confirmed');
      const met = p.discord.faultsMet;
      await waitFor(() => met.hang + met.reset + met.status >= timesMet(fault), 15_000, `Discord met the fault ${timesMet(fault)} times`);
      expect(confirmed().discord.size).toBe(0);

      p.discord.setFault();
      await everyOrderConfirmedAndDrained(3);
    },
  );
});
