import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

describe('relay routing', () => {
  const twitch = new MemoryChannel('twitch', ['candleshop']);
  const telegram = new MemoryChannel('telegram', ['-100', '-200']);
  const discord = new MemoryChannel('discord', ['999'], undefined, { canDirectMessage: true });
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(testConfig('channels: { web: { enabled: false } }'), [twitch, telegram, discord]);
  });
  afterAll(() => t.app.stop());

  it('GIVEN a Twitch line WHEN relayed THEN every other room gets it tagged with origin and author, never Twitch itself', async () => {
    await twitch.say({ id: 'u1', name: 'Alice' }, 'hi all');
    await t.app.idle();
    expect(telegram.sent.map((m) => [m.channelId, m.text])).toEqual([
      ['-100', '[Twitch] Alice: hi all'],
      ['-200', '[Twitch] Alice: hi all'],
    ]);
    expect(discord.texts()).toEqual(['[Twitch] Alice: hi all']);
    expect(twitch.sent).toEqual([]);
  });

  it('GIVEN a line in one Telegram group WHEN relayed THEN the other group gets it but not the one it came from', async () => {
    telegram.sent.length = 0;
    discord.sent.length = 0;
    await telegram.say({ id: '42', name: 'Boris' }, 'hello from group 2', { room: '-200' });
    await t.app.idle();
    expect([telegram.sent.length, twitch.sent.length, discord.sent.length]).toEqual([1, 1, 1]);
    expect(telegram.sent[0]).toMatchObject({ channelId: '-100', text: '[Telegram] Boris: hello from group 2' });
  });

  it("GIVEN the bot's own line comes back from a platform WHEN received THEN it is not relayed anywhere", async () => {
    const before = [twitch.sent.length, telegram.sent.length, discord.sent.length];
    await discord.say({ id: 'bot', name: 'showcart' }, '[Twitch] Alice: hi all', { self: true });
    await twitch.say({ id: 'u9', name: 'Carl' }, 'marker');
    await t.app.idle();
    expect(discord.sent.length).toBe(before[2]! + 1);
    expect(discord.texts().at(-1)).toBe('[Twitch] Carl: marker');
    expect(twitch.sent.length).toBe(before[0]);
    expect(telegram.texts().filter((t) => t.includes('[Discord]'))).toEqual([]);
  });

  it('GIVEN a command WHEN received THEN it is answered where it was asked and not relayed', async () => {
    const before = [telegram.sent.length, discord.sent.length];
    await twitch.say({ id: 'u1', name: 'Alice' }, '!help');
    await t.app.idle();
    const reply = twitch.sent.find((m) => m.text.startsWith('Commands:'));
    expect(reply?.text).toMatch(/^Commands: !price !stock !featured .*\. !help <command> explains one, e\.g\. !help buy\.$/);
    expect(reply?.text).not.toContain('!buy');
    expect(reply?.text.length).toBeLessThanOrEqual(500);
    expect(reply?.replyToMessageId).toBeDefined();
    expect([telegram.sent.length, discord.sent.length]).toEqual(before);
  });

  it('GIVEN a Telegram viewer WHEN they ask /help help THEN the reply speaks in /commands', async () => {
    await telegram.say({ id: '42', name: 'Boris' }, '/help help', { room: '-100' });
    await t.app.idle();
    expect(telegram.texts('-100').at(-1)).toBe('/help [command]: list the commands, or explain one (also /start)');
  });

  it('GIVEN every line WHEN handled THEN it is in the event log with its viewer', async () => {
    await t.app.events.flush();
    const rows = await t.app.store.models.LoggedEvent.findAll({ where: { type: 'chat.message' }, order: [['id', 'ASC']] });
    expect(rows.map((r) => r.data.text)).toContain('hi all');
    expect(rows.every((r) => typeof r.viewerId === 'number')).toBe(true);
    expect(rows.map((r) => r.data.text)).not.toContain('[Twitch] Alice: hi all');
  });
});
