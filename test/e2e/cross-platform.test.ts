import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedCommand } from '../../orchestrator/commands/parse-command.js';
import { DISCORD_BOT, DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { afterLines, waitFor } from '../support/wait-for.js';

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
    await afterLines(app, 1, () => twitch.say({ channel: 'candleshop', user: alice, text: 'hello from twitch' }));
    expect(telegram.sent(GROUP)).toContain('<b>[Twitch]</b> Alice: hello from twitch');
    expect(discord.sent(DISCORD_CHANNEL)).toContain('**[Twitch]** Alice: hello from twitch');
  });

  it('GIVEN /buy on Telegram and !buy on Discord WHEN received THEN both reach the one parser as the same command', async () => {
    await afterLines(app, 2, () => {
      telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 77, first_name: 'Tanya' }, text: '/buy@showcart_bot VAN 2' });
      discord.say({ channelId: DISCORD_CHANNEL, user: { id: '600000000000000077', username: 'dima' }, content: '!buy VAN 2' });
    });
    expect(commands.filter((c) => c.command.name === 'buy')).toHaveLength(2);
    const [a, b] = commands.filter((c) => c.command.name === 'buy');
    expect(new Set([a!.platform, b!.platform])).toEqual(new Set(['telegram', 'discord']));
    expect(a!.command.words).toEqual(['VAN', '2']);
    expect(b!.command.words).toEqual(a!.command.words);
  });

  it("GIVEN the bots' own lines come back WHEN received THEN they are never relayed again", async () => {
    const before = telegram.sent(GROUP).length;
    // Our own line is not counted as a viewer's: the marker after it is the line waited for.
    await afterLines(app, 1, () => {
      discord.say({ channelId: DISCORD_CHANNEL, user: DISCORD_BOT, content: '**[Twitch]** Alice: hello from twitch' });
      twitch.say({ channel: 'candleshop', user: alice, text: 'marker line' });
    });
    expect(telegram.sent(GROUP)).toContainEqual(expect.stringContaining('marker line'));
    const relayed = telegram.sent(GROUP).slice(before);
    expect(relayed.some((t) => t.includes('[Discord]'))).toBe(false);
    // Twitch echoes the bot's own say() to tmi.js as a self message: nothing of ours comes back to Discord twice.
    expect(discord.sent(DISCORD_CHANNEL).filter((t) => t.includes('hello from twitch'))).toHaveLength(1);
  });

  it('GIVEN a burst of 200 Twitch lines WHEN relayed to a Telegram group THEN it stays within 20 per minute as digests and nothing is lost silently', async () => {
    const before = telegram.sent(GROUP).length;
    await afterLines(app, 200, () => {
      for (let i = 0; i < 200; i++)
        twitch.say({
          channel: 'candleshop',
          user: { ...alice, id: String(5000 + (i % 20)), login: `v${i % 20}`, displayName: `V${i % 20}` },
          text: `burst ${i}`,
        });
    });
    const delivered = () =>
      telegram
        .sent(GROUP)
        .slice(before)
        .flatMap((t) => t.match(/burst \d+/g) ?? []);
    const counted = () => {
      const s = app.outbox.stats().telegram!;
      return s.dropped.stale + s.dropped.overflow;
    };
    expect(delivered().length + counted()).toBe(200);
    expect(new Set(delivered()).size).toBe(delivered().length);
    expect(telegram.maxPerWindow(String(GROUP), 60_000)).toBeLessThanOrEqual(20);
    expect(telegram.calls.filter((c) => c.method === 'sendMessage' && c.status === 429)).toEqual([]);
    expect(app.outbox.stats().telegram!.coalesced).toBeGreaterThan(0);
  });

  it('GIVEN Telegram answers 429 with retry_after WHEN sending THEN the bot waits and the message arrives once', async () => {
    telegram.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await afterLines(app, 1, () => twitch.say({ channel: 'candleshop', user: alice, text: 'after the 429' }));
    expect(telegram.sent(GROUP)).toContain('<b>[Twitch]</b> Alice: after the 429');
    expect(telegram.calls.some((c) => c.method === 'sendMessage' && c.status === 429)).toBe(true);
    expect(telegram.sent(GROUP).filter((t) => t.includes('after the 429'))).toHaveLength(1);
  });

  it('GIVEN Discord dies WHEN the others keep talking THEN they still relay, and Discord is reconnected and caught up when it returns', async () => {
    await discord.kill();
    const discordState = async () => (await p.health()).channels.find((c) => c.platform === 'discord')?.status.state;
    // discord.js noticing the dead gateway (at once: the socket closes), and later resuming (it retries every 500 ms), happens in the client: no promise of ours covers it.
    await waitFor(async () => (await discordState()) !== 'connected', 2_000, 'discord reported down');
    // The outbox holds Discord's copy until Discord is back, so app.idle() would wait for that: wait for the line, then for Telegram's copy
    // (Telegram's relay pace in a group is one digest per 4 s, its 20 a minute with room left for replies).
    const handled = app.lines.handled() + 1;
    twitch.say({ channel: 'candleshop', user: alice, text: 'while discord is down' });
    await app.lines.until(handled);
    await telegram.waitFor((c) => c.method === 'sendMessage' && c.status === 200 && String(c.params.text).includes('while discord is down'), 10_000);
    await discord.restart();
    await waitFor(async () => (await discordState()) === 'connected', 3_000, 'discord reconnected');
    await app.idle();
    expect(discord.sent(DISCORD_CHANNEL)).toContainEqual(expect.stringContaining('while discord is down'));
    await afterLines(app, 1, () =>
      telegram.injectText({ chatId: GROUP, chatType: 'supergroup', from: { id: 78, first_name: 'Olga' }, text: 'back to normal' }),
    );
    expect(discord.sent(DISCORD_CHANNEL)).toContain('**[Telegram]** Olga: back to normal');
  });
});
