import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedCommand } from '../../orchestrator/commands/parse-command.js';
import { DISCORD_BOT, DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { waitFor } from '../support/wait-for.js';

const alice = { id: '4242', login: 'alice', displayName: 'Alice' };

/** showcart with all three real bot clients, each talking over the wire to its local fake. */
describe('three platforms at once, over the wire', () => {
  let p: ThreePlatforms;
  let app: ThreePlatforms['app'];
  let telegram: ThreePlatforms['telegram'];
  let twitch: ThreePlatforms['twitch'];
  let discord: ThreePlatforms['discord'];
  const commands: Array<{ platform: string; command: ParsedCommand }> = [];

  beforeAll(async () => {
    p = await startThreePlatforms('products: [{ sku: VAN, title: Vanilla candle, price: 24, stock: 5 }]', {}, { enforceTelegramLimits: true });
    ({ app, telegram, twitch, discord } = p);
    app.bus.on('chat.command', ({ event, command }) => void commands.push({ platform: event.platform, command }));
  });

  afterAll(() => p?.stop());

  it('GIVEN a Twitch line WHEN relayed THEN Telegram and Discord get it tagged with its origin', async () => {
    twitch.say({ channel: 'candleshop', user: alice, text: 'hello from twitch' });
    await waitFor(() => telegram.sent(GROUP).some((t) => t === '<b>[Twitch]</b> Alice: hello from twitch'), 10_000, 'Telegram relay');
    await waitFor(() => discord.sent(DISCORD_CHANNEL).some((t) => t === '**[Twitch]** Alice: hello from twitch'), 10_000, 'Discord relay');
  });

  it('GIVEN /buy on Telegram and !buy on Discord WHEN received THEN both reach the one parser as the same command', async () => {
    telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 77, first_name: 'Tanya' }, text: '/buy@showcart_bot VAN 2' });
    discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000077', username: 'dima' }, content: '!buy VAN 2' });
    await waitFor(() => commands.filter((c) => c.command.name === 'buy').length === 2, 10_000, 'two buy commands');
    const [a, b] = commands.filter((c) => c.command.name === 'buy');
    expect(new Set([a!.platform, b!.platform])).toEqual(new Set(['telegram', 'discord']));
    expect(a!.command.words).toEqual(['VAN', '2']);
    expect(b!.command.words).toEqual(a!.command.words);
  });

  it("GIVEN the bots' own lines come back WHEN received THEN they are never relayed again", async () => {
    const before = telegram.sent(GROUP).length;
    discord.say({ channelId: DISCORD_CHANNEL, user: DISCORD_BOT, content: '**[Twitch]** Alice: hello from twitch' });
    twitch.say({ channel: 'candleshop', user: alice, text: 'marker line' });
    await waitFor(() => telegram.sent(GROUP).some((t) => t.includes('marker line')), 10_000, 'marker');
    const relayed = telegram.sent(GROUP).slice(before);
    expect(relayed.some((t) => t.includes('[Discord]'))).toBe(false);
    // Twitch echoes the bot's own say() to tmi.js as a self message: nothing of ours comes back to Discord twice.
    expect(discord.sent(DISCORD_CHANNEL).filter((t) => t.includes('hello from twitch'))).toHaveLength(1);
  });

  it('GIVEN a burst of 200 Twitch lines WHEN relayed to a Telegram group THEN it stays within 20 per minute as digests and nothing is lost silently', async () => {
    const before = telegram.sent(GROUP).length;
    for (let i = 0; i < 200; i++) twitch.say({ channel: 'candleshop', user: { ...alice, id: String(5000 + (i % 20)), login: `v${i % 20}`, displayName: `V${i % 20}` }, text: `burst ${i}` });
    const delivered = () => telegram.sent(GROUP).slice(before).flatMap((t) => t.match(/burst \d+/g) ?? []);
    const counted = () => {
      const s = app.outbox.stats().telegram!;
      return s.dropped.stale + s.dropped.overflow;
    };
    await waitFor(() => delivered().length + counted() === 200, 20_000, 'every burst line delivered or counted');
    expect(new Set(delivered()).size).toBe(delivered().length);
    expect(telegram.maxPerWindow(String(GROUP), 60_000)).toBeLessThanOrEqual(20);
    expect(telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 429)).toEqual([]);
    expect(app.outbox.stats().telegram!.coalesced).toBeGreaterThan(0);
  });

  it('GIVEN Telegram answers 429 with retry_after WHEN sending THEN the bot waits and the message arrives once', async () => {
    telegram.failNext('sendMessage', { status: 429, retryAfter: 1 });
    twitch.say({ channel: 'candleshop', user: alice, text: 'after the 429' });
    await waitFor(() => telegram.sent(GROUP).includes('<b>[Twitch]</b> Alice: after the 429'), 15_000, 'message after 429');
    expect(telegram.calls.some((c) => c.method === 'sendMessage' && c.status === 429)).toBe(true);
    expect(telegram.sent(GROUP).filter((t) => t.includes('after the 429'))).toHaveLength(1);
  });

  it('GIVEN Discord dies WHEN the others keep talking THEN they still relay, and Discord is reconnected and caught up when it returns', async () => {
    await discord.kill();
    await waitFor(async () => (await p.health()).channels.find((c) => c.platform === 'discord')?.status.state !== 'connected', 10_000, 'discord reported down');
    twitch.say({ channel: 'candleshop', user: alice, text: 'while discord is down' });
    await waitFor(() => telegram.sent(GROUP).some((t) => t.includes('while discord is down')), 10_000, 'telegram still relays');
    await discord.restart();
    await waitFor(() => discord.sent(DISCORD_CHANNEL).some((t) => t.includes('while discord is down')), 20_000, 'discord catches up');
    telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 78, first_name: 'Olga' }, text: 'back to normal' });
    await waitFor(() => discord.sent(DISCORD_CHANNEL).some((t) => t === '**[Telegram]** Olga: back to normal'), 20_000, 'discord relays again');
  });
});
