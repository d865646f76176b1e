/**
 * The Discord bot end to end: the whole app (startShowcart) with the real discord.js client
 * talking to FakeDiscord on 127.0.0.1, and in-memory channels as the other platforms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { createDiscordChannel } from '../../bots/discord/index.js';
import type { ChannelState } from '../../orchestrator/channel.js';
import type { ChatEvent, Outbound } from '../../orchestrator/chat-types.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeDiscord, type DiscordCall } from '../fakes/fake-discord.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const TOKEN = 'discord-e2e-token-0123456789';
const GUILD = '810000000000000001';
const LIVE = '810000000000000002';
const OFFTOPIC = '810000000000000003';
const SALE = '810000000000000005';
const MODS = '810000000000000004';
const HELPERS = '810000000000000006';
const MANAGE_MESSAGES = '8192';
const BOT = { id: '820000000000000001', username: 'showcart' };
const alice = { id: '830000000000000001', username: 'alice', global_name: 'Alice' };
const mona = { id: '830000000000000002', username: 'mona', global_name: 'Mona' };
const owner = { id: '830000000000000099', username: 'owner', global_name: 'Olga' };
const helper = { id: '830000000000000003', username: 'hugo' };
const otherBot = { id: '840000000000000001', username: 'otherbot', bot: true };

function newFake(): FakeDiscord {
  return new FakeDiscord({
    token: TOKEN,
    bot: BOT,
    heartbeatIntervalMs: 1_000,
    guilds: [
      {
        id: GUILD,
        name: 'Shop',
        ownerId: owner.id,
        roles: [
          { id: MODS, name: 'Mods' },
          { id: HELPERS, name: 'Helpers', permissions: MANAGE_MESSAGES },
        ],
        channels: [
          { id: LIVE, name: 'live' },
          { id: SALE, name: 'sale' },
          { id: OFFTOPIC, name: 'offtopic' },
        ],
      },
    ],
  });
}

async function startApp(fake: FakeDiscord, token: string, others: MemoryChannel[]): Promise<Showcart> {
  const config = testConfig(
    `channels: { web: { enabled: false }, discord: { api: '${fake.api}', channels: ['${LIVE}', '${SALE}'], moderatorRoles: ['${MODS}'] } }`,
  );
  return startShowcart({
    config,
    database: { sqlitePath: ':memory:' },
    secrets: new Secrets({ DISCORD_BOT_TOKEN: token }),
    log: memoryLog().log,
    extraChannels: others,
    factories: { discord: createDiscordChannel },
  });
}

async function discordHealth(app: Showcart): Promise<{ rooms: string[]; status: ChannelState }> {
  const health = (await (await fetch(`${app.url}/api/health`)).json()) as { channels: Array<{ platform: string; rooms: string[]; status: ChannelState }> };
  const discord = health.channels.find((c) => c.platform === 'discord');
  if (!discord) throw new Error('no discord channel in /api/health');
  return discord;
}

const toRoom = (channelId: string, body: Outbound['body'], extra: Partial<Outbound> = {}): Outbound => ({
  priority: 'reply',
  target: { kind: 'room', platform: 'discord', channelId },
  body,
  ...extra,
});
const isCreated = (predicate: (content: string, call: DiscordCall) => boolean, channelId: string) => (c: DiscordCall) =>
  c.method === 'POST' && c.path === `/channels/${channelId}/messages` && c.status === 200 && predicate(String(c.body.content), c);
/** The message Discord created in `channelId` that `predicate` accepts; asked once the app is idle, when every send has been answered. */
const created = (fake: FakeDiscord, predicate: (content: string, call: DiscordCall) => boolean, channelId = LIVE): DiscordCall => {
  const call = fake.calls.find(isCreated(predicate, channelId));
  expect(call, `a message created in ${channelId}`).toBeDefined();
  return call!;
};
const referenceOf = (call: DiscordCall): unknown => (call.body.message_reference as { message_id?: string } | undefined)?.message_id;

describe('Discord bot through the whole app', () => {
  const fake = newFake();
  const twitch = new MemoryChannel('twitch', ['c']);
  const telegram = new MemoryChannel('telegram', ['-100']);
  const messages: ChatEvent[] = [];
  const commands: ChatEvent[] = [];
  let app: Showcart;

  beforeAll(async () => {
    await fake.start();
    app = await startApp(fake, TOKEN, [twitch, telegram]);
    app.bus.on('chat.message', ({ event }) => void messages.push(event));
    app.bus.on('chat.command', ({ event }) => void commands.push(event));
    // The app starts its channels before it resolves, and Discord's counts as started once READY has come.
    expect((await discordHealth(app)).status.state).toBe('connected');
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  it('GIVEN viewers in the configured channel WHEN they write THEN the other platforms get "[Discord] Name: text" AND roles are mapped', async () => {
    await afterLines(app, 4, () => {
      fake.say({ channelId: LIVE, user: mona, member: { roles: [MODS] }, content: 'hello from discord' });
      fake.say({ channelId: LIVE, user: helper, member: { roles: [HELPERS] }, content: 'helper here' });
      fake.say({ channelId: LIVE, user: owner, content: 'welcome all' });
      fake.say({ channelId: LIVE, user: alice, content: 'hi there' });
    });
    expect(twitch.texts().join('\n')).toContain('Alice: hi there');
    expect(twitch.texts().join(' · ')).toContain('[Discord] Mona: hello from discord');
    const monaLine = messages.find((e) => e.text === 'hello from discord');
    expect(monaLine).toMatchObject({ platform: 'discord', channelId: LIVE, user: { id: mona.id, name: 'Mona' } });
    const rolesOf = (text: string) => messages.find((e) => e.text === text)?.user.roles;
    expect(rolesOf('hello from discord')).toEqual(['moderator', 'member']); // a moderatorRoles role
    expect(rolesOf('helper here')).toEqual(['moderator', 'member']); // Manage Messages in the channel
    expect(rolesOf('welcome all')).toEqual(['broadcaster', 'moderator', 'member']); // the server owner
    expect(rolesOf('hi there')).toEqual(['member']);
    expect(messages.find((e) => e.text === 'helper here')?.user.name).toBe('hugo');
  });

  it('GIVEN a line in a channel that is not configured WHEN written THEN it is ignored', async () => {
    // The ignored line never reaches showcart, so one line is handled: the marker after it on the same gateway.
    await afterLines(app, 1, () => {
      fake.say({ channelId: OFFTOPIC, user: alice, content: 'not for the show' });
      fake.say({ channelId: LIVE, user: alice, content: 'marker one' });
    });
    expect(twitch.texts().join('\n')).toContain('marker one');
    expect(twitch.texts().join('\n')).not.toContain('not for the show');
  });

  it('GIVEN a Twitch line with @everyone, a user mention and markdown WHEN relayed to Discord THEN nobody is pinged AND it shows as written', async () => {
    await twitch.say({ id: 't1', name: 'Tess' }, '@everyone look <@123> **bold**');
    await app.idle();
    const call = created(fake, (content) => content.startsWith('**[Twitch]**'));
    expect(call.body.content).toBe('**[Twitch]** Tess: @\u200beveryone look \\<@123\\> \\*\\*bold\\*\\*');
    expect(call.body.allowed_mentions).toMatchObject({ parse: [] });
  });

  it('GIVEN !help WHEN a viewer types it THEN the reply references their message AND the command is not relayed', async () => {
    const asked = await afterLines(app, 1, () => fake.say({ channelId: LIVE, user: alice, content: '!help' }));
    const reply = created(fake, (content, c) => content.startsWith('Commands:') && referenceOf(c) === asked);
    expect(reply.body.allowed_mentions).toMatchObject({ parse: [], replied_user: false });
    expect(twitch.texts().join('\n')).not.toContain('!help');
  });

  it("GIVEN the bot's own line and another bot's lines WHEN they arrive THEN they are neither relayed nor answered", async () => {
    // Bots' lines are not counted as viewers' lines: Alice's, after them on the same gateway, is the one handled.
    const [botHelp, later] = await afterLines(app, 1, () => {
      fake.say({ channelId: LIVE, user: BOT, content: 'my own line' });
      const bot = fake.say({ channelId: LIVE, user: otherBot, content: '!help' });
      fake.say({ channelId: LIVE, user: otherBot, content: 'beep boop' });
      return [bot, fake.say({ channelId: LIVE, user: alice, content: '!help' })];
    });
    created(fake, (_content, c) => referenceOf(c) === later);
    expect(fake.calls.some((c) => referenceOf(c) === botHelp)).toBe(false);
    await afterLines(app, 1, () => fake.say({ channelId: LIVE, user: alice, content: 'marker two' }));
    expect(twitch.texts().join('\n')).toContain('marker two');
    expect(twitch.texts().join('\n')).not.toMatch(/my own line|beep boop/);
  });

  it('GIVEN a message with a !help button WHEN a viewer presses it THEN the press is acknowledged in time AND answered like the typed command', async () => {
    app.outbox.enqueue(toRoom(LIVE, { kind: 'text', text: 'Pick one' }, { priority: 'alert', buttons: [{ label: 'Help', command: '!help' }] }));
    await app.idle();
    const offer = created(fake, (content) => content === 'Pick one');
    expect(offer.body.components).toEqual([{ type: 1, components: [{ type: 2, style: 1, custom_id: '!help', label: 'Help' }] }]);
    const messageId = String((offer.result as { id: string }).id);
    const pressed = await afterLines(app, 1, () => fake.clickButton({ channelId: LIVE, messageId, user: alice, customId: '!help' }));
    // The adapter acknowledges the press itself, beside the line it hands on: no promise of ours covers that call. Later than 3 s it would be refused anyway.
    const ack = await fake.waitFor((c) => c.path.startsWith(`/interactions/${pressed}/`), 3_000);
    // The fake answers 404 (Unknown interaction) after its 3 s deadline; 204 means it was in time.
    expect(ack).toMatchObject({ status: 204, body: { type: 6 } });
    expect(fake.state.interactions.get(pressed)?.acknowledged).toBe(true);
    created(fake, (content, c) => content.startsWith('Commands:') && referenceOf(c) === pressed);
    expect(commands.find((e) => e.messageId === pressed)).toMatchObject({ text: '!help', channelId: LIVE, user: { id: alice.id, name: 'Alice' } });
  });

  // In the second channel: #live has used its 5 messages per 5 s, and the outbox would wait for that first.
  it('GIVEN Discord answers 429 once WHEN a message is sent THEN @discordjs/rest waits retry_after AND it arrives exactly once', async () => {
    fake.failNext(`POST /channels/${SALE}/messages`, { status: 429, retryAfter: 1 });
    app.outbox.enqueue(toRoom(SALE, { kind: 'text', text: 'after the limit' }));
    await app.idle();
    created(fake, (content) => content === 'after the limit', SALE);
    expect(fake.calls.filter((c) => c.body.content === 'after the limit').map((c) => c.status)).toEqual([429, 200]);
    expect(fake.sent(SALE).filter((t) => t === 'after the limit')).toHaveLength(1);
  });

  it('GIVEN a private answer WHEN Discord refuses the DM THEN it goes to the channel mentioning (and pinging) only that viewer', async () => {
    // Members of this fake take no DMs unless opened: writing to Alice privately answers 50007.
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'discord', userId: alice.id, channelId: SALE },
      body: { kind: 'text', text: 'your code is X1' },
    });
    await app.idle();
    const call = created(fake, (content) => content.endsWith('your code is X1'), SALE);
    expect(call.body.content).toBe(`<@${alice.id}> your code is X1`);
    expect(call.body.allowed_mentions).toMatchObject({ parse: [], users: [alice.id] });
  });

  it('GIVEN a message with a link and a button WHEN sent THEN a Link button (style 5, the url, no custom_id) has its own first row AND the text has no address', async () => {
    const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };
    app.outbox.enqueue(toRoom(SALE, { kind: 'text', text: 'Your cart is ready.' }, { link: pay, buttons: [{ label: 'Help', command: '!help' }] }));
    await app.idle();
    const call = created(fake, (content) => content === 'Your cart is ready.', SALE);
    expect(call.body.components).toEqual([
      { type: 1, components: [{ type: 2, style: 5, url: pay.url, label: 'Pay now' }] },
      { type: 1, components: [{ type: 2, style: 1, custom_id: '!help', label: 'Help' }] },
    ]);
  });

  it('GIVEN a private answer with a link WHEN Discord refuses the DM THEN the channel gets it mentioning the viewer, with the Link button kept', async () => {
    const pay = { label: 'Pay now', url: 'https://shop.example/c/EfGh5678' };
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'discord', userId: mona.id, channelId: SALE },
      body: { kind: 'text', text: 'your cart is waiting' },
      link: pay,
    });
    await app.idle();
    const call = created(fake, (content) => content.endsWith('your cart is waiting'), SALE);
    expect(call.body.content).toBe(`<@${mona.id}> your cart is waiting`);
    expect(call.body.components).toEqual([{ type: 1, components: [{ type: 2, style: 5, url: pay.url, label: 'Pay now' }] }]);
  });

  // #sale has also received #live's lines (relay between rooms), so the outbox may hold these for its 5-per-5 s window.
  it('GIVEN moderation steps WHEN enqueued THEN the member is timed out for 600 s AND the message is deleted', async () => {
    app.outbox.enqueue({
      priority: 'moderation',
      target: { kind: 'room', platform: 'discord', channelId: SALE },
      body: { kind: 'moderation', action: { kind: 'timeout', channelId: SALE, userId: alice.id, userName: 'Alice', seconds: 600, reason: 'spam' } },
    });
    await app.idle();
    const timeout = fake.moderation.find((m) => m.userId === alice.id && m.action === 'timeout');
    expect(timeout).toMatchObject({ guildId: GUILD, reason: 'spam' });
    expect(Math.abs(Date.parse(String(timeout!.until)) - (timeout!.at + 600_000))).toBeLessThan(5_000);

    const spam = await afterLines(app, 1, () => {
      const id = fake.say({ channelId: SALE, user: alice, content: 'buy followers cheap' });
      app.outbox.enqueue({
        priority: 'moderation',
        target: { kind: 'room', platform: 'discord', channelId: SALE },
        body: { kind: 'moderation', action: { kind: 'delete', channelId: SALE, messageId: id } },
      });
      return id;
    });
    expect(fake.calls.some((c) => c.method === 'DELETE' && c.path === `/channels/${SALE}/messages/${spam}` && c.status === 204)).toBe(true);
  });

  // discord.js re-identifies after a failed reconnect, throttled to one IDENTIFY per ~5 s: the one slow test here.
  it('GIVEN Discord goes away WHEN it comes back THEN health showed retrying, other platforms kept relaying AND the queued line is delivered', async () => {
    // The session is lost too, so discord.js must IDENTIFY afresh (and READY flips the state back).
    await fake.kill({ invalidateSessions: true });
    // discord.js notices the dead gateway in the client: no promise of ours covers it.
    await waitFor(async () => (await discordHealth(app)).status.state === 'retrying', 2_000, 'discord retrying');
    // The outbox holds Discord's copy until Discord is back, so app.idle() would wait for that; Telegram's
    // copy goes to a memory channel, whose send is done as the line is handled.
    await twitch.say({ id: 't2', name: 'Tom' }, 'during the outage');
    expect(telegram.texts()).toContain('[Twitch] Tom: during the outage');
    expect((await discordHealth(app)).status.state).not.toBe('connected');
    await fake.restart();
    // discord.js retries every 500 ms and IDENTIFYs at most once per 5 s (+ up to 1.5 s jitter); the outbox rechecks every 500 ms.
    await fake.waitFor(
      isCreated((content) => content.includes('Tom: during the outage'), LIVE),
      8_000,
    );
    expect((await discordHealth(app)).status.state).toBe('connected');
  }, 30_000);
});

describe('Discord bot that cannot log in', () => {
  const fake = newFake();
  const twitch = new MemoryChannel('twitch', ['c']);
  const telegram = new MemoryChannel('telegram', ['-100']);
  let app: Showcart;

  beforeAll(async () => {
    await fake.start();
    app = await startApp(fake, 'a-token-discord-does-not-know', [twitch, telegram]);
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  it('GIVEN a rejected token WHEN the app starts THEN discord is disabled with a reason (no token in it) AND the app keeps relaying', async () => {
    const discord = await discordHealth(app);
    expect(discord.status).toMatchObject({ state: 'disabled', reason: expect.stringContaining('rejected the bot token in DISCORD_BOT_TOKEN') });
    expect(JSON.stringify(discord)).not.toContain('a-token-discord-does-not-know');
    expect(discord.rooms).toEqual([]);
    await twitch.say({ id: 't1', name: 'Tess' }, 'still here');
    await app.idle();
    expect(telegram.texts()).toContain('[Twitch] Tess: still here');
  });
});

describe('Discord bot when Discord is down at start', () => {
  const fake = newFake();
  let app: Showcart;

  beforeAll(async () => {
    await fake.start();
    fake.setDown(true);
    app = await startApp(fake, TOKEN, [new MemoryChannel('twitch', ['c'])]);
  });
  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  it('GIVEN GET /gateway/bot answers 502 WHEN the app starts THEN discord is retrying with backoff AND connects once Discord is back', async () => {
    const discord = await discordHealth(app);
    expect(discord.status).toMatchObject({ state: 'retrying', attempts: 1, lastError: 'Discord login failed: 502 Bad Gateway' });
    fake.setDown(false);
    // The supervisor's next attempt comes within 1.5 s (1 s backoff, jitter ×0.5–1.5): a timer of the client's, no promise of ours.
    await waitFor(async () => (await discordHealth(app)).status.state === 'connected', 3_000, 'discord connected');
  });
});
