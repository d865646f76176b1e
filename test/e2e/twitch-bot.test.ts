/**
 * The whole app with the real Twitch adapter: tmi.js over WebSocket and Helix over HTTP, both
 * against FakeTwitch on 127.0.0.1, with an in-memory "Telegram" as the other side of the relay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { createTwitchChannel } from '../../bots/twitch/index.js';
import { TwitchChannel } from '../../bots/twitch/twitch-channel.js';
import { COMMAND_GUARD } from '../../bots/twitch/twitch-render.js';
import type { ChannelState } from '../../orchestrator/channel.js';
import type { ChatEvent, ModerationAction } from '../../orchestrator/chat-types.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Backoff } from '../../orchestrator/shared/backoff.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeTwitch, type TwitchEvent } from '../fakes/fake-twitch.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const TOKEN = 'twitchtoken0123456789abcdef';
const alice = { id: '4242', login: 'alice', displayName: 'Alice', badges: { subscriber: 12 } };
const ROOM = { kind: 'room', platform: 'twitch', channelId: 'candleshop' } as const;

interface Started {
  app: Showcart;
  log: ReturnType<typeof memoryLog>;
}

/** The real adapter, reconnecting within a few hundred ms instead of Twitch's 0.5–60 s backoff, so waits for a reconnect stay short. */
const quickReconnects: typeof createTwitchChannel = (config, token, log) =>
  new TwitchChannel(config, token, log, { backoff: new Backoff({ baseMs: 100, maxMs: 400 }) });

async function startApp(
  fake: FakeTwitch,
  token: string,
  extraChannels: MemoryChannel[],
  overrides: Record<string, unknown> = {},
  factory = createTwitchChannel,
): Promise<Started> {
  const twitch = {
    username: 'showcartbot',
    server: '127.0.0.1',
    port: fake.port,
    secure: false,
    api: fake.helixRoot,
    authApi: fake.authRoot,
    channels: ['candleshop'],
    ...overrides,
  };
  // JSON is YAML too, and quotes the URLs for us.
  const config = testConfig(`channels: ${JSON.stringify({ web: { enabled: false }, twitch })}`);
  const log = memoryLog();
  const app = await startShowcart({
    config,
    database: { sqlitePath: ':memory:' },
    secrets: new Secrets({ TWITCH_OAUTH_TOKEN: token }),
    log: log.log,
    extraChannels,
    factories: { twitch: factory },
  });
  return { app, log };
}

async function twitchStatus(app: Showcart): Promise<ChannelState | undefined> {
  const health = (await (await fetch(`${app.url}/api/health`)).json()) as { channels: Array<{ platform: string; status: ChannelState }> };
  return health.channels.find((c) => c.platform === 'twitch')?.status;
}

function chatLine(text: string): (e: TwitchEvent) => boolean {
  return (e) => e.kind === 'message' && e.text === text;
}

/**
 * What the bot said in Twitch chat, once the app is idle. tmi.js resolves a send once it is written
 * to the socket (IRC acknowledges no PRIVMSG), so the fake may still be reading it: this waits for
 * the fake's own record of it, which is all that is left to arrive.
 */
function heard(fake: FakeTwitch, match: (e: TwitchEvent) => boolean): Promise<TwitchEvent> {
  return fake.waitFor(match, 1000);
}

function moderate(app: Showcart, action: ModerationAction): void {
  app.outbox.enqueue({ priority: 'moderation', target: ROOM, body: { kind: 'moderation', action } });
}

describe('Twitch bot end to end: real tmi.js and Helix against the fake', () => {
  const fake = new FakeTwitch({ password: TOKEN, moderatorOf: ['candleshop'], enforceLimits: true });
  const telegram = new MemoryChannel('telegram', ['-100', '-200']);
  const seen: ChatEvent[] = [];
  let t: Started;

  beforeAll(async () => {
    await fake.start();
    // Given with the "oauth:" prefix: IRC wants it, Helix must get the bare token. The bot moderates
    // #candleshop, so the show says so and no 1-per-second pause slows these tests down.
    t = await startApp(fake, `oauth:${TOKEN}`, [telegram], { moderator: true }, quickReconnects);
    t.app.bus.on('chat.message', ({ event }) => void seen.push(event));
    await fake.waitForJoin('#candleshop');
  });

  afterAll(async () => {
    await t?.app.stop();
    await fake.stop();
  });

  it('GIVEN a subscriber writes in Twitch chat WHEN relayed THEN Telegram gets "[Twitch] Alice: …" AND the ChatEvent has her id, the message id and the subscriber role', async () => {
    const id = await afterLines(t.app, 1, () => fake.say({ channel: '#candleshop', user: alice, text: 'hello from twitch' }));
    expect(telegram.texts('-100')).toContain('[Twitch] Alice: hello from twitch');
    expect(seen.find((e) => e.messageId === id)).toMatchObject({
      platform: 'twitch',
      channelId: 'candleshop',
      user: { id: '4242', name: 'Alice', roles: ['subscriber'] },
      text: 'hello from twitch',
    });
  });

  it('GIVEN a Telegram line with a line break WHEN relayed THEN Twitch chat gets "[Telegram] Boris: …" as one line of at most 500 characters', async () => {
    await telegram.say({ id: '42', name: 'Boris' }, 'first line\nsecond line', { room: '-100' });
    await t.app.idle();
    await heard(fake, chatLine('[Telegram] Boris: first line · second line'));
    await telegram.say({ id: '42', name: 'Boris' }, `long ${'word '.repeat(400)}`, { room: '-100' });
    await t.app.idle();
    const long = await heard(fake, (e) => e.kind === 'message' && e.text.startsWith('[Telegram] Boris: long'));
    expect(long.kind === 'message' && long.text.length).toBeLessThanOrEqual(500);
    expect(fake.received('#candleshop').every((text) => text.length <= 500 && !/[\r\n]/.test(text))).toBe(true);
  });

  it('GIVEN relayed ".timeout alice 600" and an announcement "/ban alice" WHEN sent to Twitch THEN both arrive as chat text and Twitch runs no command', async () => {
    const commandsBefore = fake.moderation.length;
    await telegram.say({ id: '66', name: 'Mallory' }, '.timeout alice 600', { room: '-100' });
    t.app.outbox.enqueue({ priority: 'alert', target: ROOM, body: { kind: 'text', text: '/ban alice' } });
    await t.app.idle();
    await heard(fake, chatLine('[Telegram] Mallory: .timeout alice 600'));
    await heard(fake, chatLine(`${COMMAND_GUARD}/ban alice`));
    expect(fake.moderation.length).toBe(commandsBefore);
  });

  it('GIVEN a viewer types !help WHEN answered THEN Twitch chat gets "@Alice Commands: …" AND the command is not relayed', async () => {
    await afterLines(t.app, 1, () => fake.say({ channel: '#candleshop', user: alice, text: '!help' }));
    const reply = await heard(fake, (e) => e.kind === 'message' && e.text.startsWith('@Alice Commands: '));
    expect(reply.kind === 'message' && reply.text).toContain('!help <command> explains one');
    expect(telegram.texts().some((text) => text.includes('!help'))).toBe(false);
  });

  it('GIVEN a reply with a link WHEN sent to Twitch THEN the one PRIVMSG is the text with the address at its end, and within 500 characters', async () => {
    const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };
    t.app.outbox.enqueue({ priority: 'reply', target: ROOM, body: { kind: 'text', text: 'Your cart is ready.' }, replyTo: { userName: 'Alice' }, link: pay });
    const long = 'word '.repeat(96).trim();
    t.app.outbox.enqueue({ priority: 'reply', target: ROOM, body: { kind: 'text', text: long }, link: pay });
    await t.app.idle();
    await heard(fake, chatLine(`@Alice Your cart is ready. ${pay.url}`));
    // Split so that the address fits whole on the last line: nothing is cut.
    const last = await heard(fake, (e) => e.kind === 'message' && e.text.endsWith(` ${pay.url}`) && e.text.startsWith('word'));
    expect(last.kind === 'message' && last.text.length).toBeLessThanOrEqual(500);
    const lines = fake.received('#candleshop').filter((text) => text.startsWith('word'));
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe(`${long} ${pay.url}`);
  });

  it("GIVEN the bot's own lines WHEN tmi.js reports them (self) THEN none is relayed back to Telegram", async () => {
    expect(fake.received('#candleshop').length).toBeGreaterThan(3);
    await afterLines(t.app, 1, () => fake.say({ channel: '#candleshop', user: alice, text: 'marker after the bot spoke' }));
    expect(telegram.texts('-100')).toContain('[Twitch] Alice: marker after the bot spoke');
    const echoed = telegram.texts().filter((text) => text.startsWith('[Twitch]') && (text.includes('[Telegram]') || /showcartbot/i.test(text)));
    expect(echoed).toEqual([]);
  });

  it('GIVEN a moderator bot WHEN a timeout goes through the outbox THEN Helix records a 600 s ban of that user with the reason', async () => {
    await afterLines(t.app, 1, () => fake.say({ channel: '#candleshop', user: alice, text: 'buy followers at spam.example' }));
    moderate(t.app, { kind: 'timeout', channelId: 'candleshop', userId: '4242', userName: 'alice', seconds: 600, reason: 'spam links' });
    await t.app.idle();
    const ban = fake.helix.find((e) => e.action === 'ban');
    expect(ban).toMatchObject({ channel: '#candleshop', userId: '4242', duration: 600, reason: 'spam links', status: 200 });
  });

  it('GIVEN a viewer message WHEN a delete goes through the outbox THEN Helix deletes that message id', async () => {
    const id = await afterLines(t.app, 1, () => fake.say({ channel: '#candleshop', user: alice, text: 'delete me please' }));
    moderate(t.app, { kind: 'delete', channelId: 'candleshop', messageId: id });
    await t.app.idle();
    const deleted = fake.helix.find((e) => e.action === 'delete' && e.status === 204);
    expect(deleted).toMatchObject({ channel: '#candleshop', messageId: id });
  });

  it('GIVEN Helix answers 429 once WHEN a delete is sent THEN the outbox waits for Ratelimit-Reset and the delete then succeeds', async () => {
    const id = await afterLines(t.app, 1, () => fake.say({ channel: '#candleshop', user: alice, text: 'second spam' }));
    fake.failNextHelix(429, 1);
    moderate(t.app, { kind: 'delete', channelId: 'candleshop', messageId: id });
    await t.app.idle();
    expect(fake.helix.filter((e) => e.messageId === id).map((e) => e.status)).toEqual([429, 204]);
  });

  it('GIVEN a bot with the moderator badge WHEN health is read THEN it is connected with no warning', async () => {
    const status = await twitchStatus(t.app);
    expect(status?.state).toBe('connected');
    expect(status).not.toHaveProperty('warning');
  });

  it('GIVEN the bot is no moderator WHEN it times someone out THEN Helix says 403, a clear PermanentSendError is logged once, and chat goes on', async () => {
    fake.setModerator('candleshop', false);
    try {
      // Another viewer than the one timed out above: a second timeout of a viewer still timed out adds nothing.
      moderate(t.app, { kind: 'timeout', channelId: 'candleshop', userId: '4343', userName: 'mallory', seconds: 60, reason: 'test' });
      await t.app.idle();
      expect(fake.helix.filter((e) => e.status === 403)).toHaveLength(1);
      const logged = t.log
        .lines()
        .find((l) => l.msg === 'moderation action could not be carried out and is dropped' && JSON.stringify(l.err).includes('not a moderator'));
      expect(logged?.err).toMatchObject({ type: 'PermanentSendError', message: expect.stringContaining('/mod showcartbot') });
      await telegram.say({ id: '42', name: 'Boris' }, 'still chatting', { room: '-100' });
      await t.app.idle();
      await heard(fake, chatLine('[Telegram] Boris: still chatting'));
      expect(fake.helix.filter((e) => e.status === 403)).toHaveLength(1);
      // The line the bot sent brought a USERSTATE without the moderator badge: health says so.
      expect(await twitchStatus(t.app)).toMatchObject({ state: 'connected', warning: expect.stringContaining('not a moderator in #candleshop') });
    } finally {
      fake.setModerator('candleshop', true);
    }
  });

  it("GIVEN Twitch sends RECONNECT WHEN the bot reconnects THEN it rejoins through our supervisor AND tmi.js's own delayed reconnect stays retired, leaving one connection", async () => {
    const eventsBefore = fake.events.length;
    fake.requestReconnect();
    // The supervisor reconnects on its (quick) backoff: a new connection joins.
    await fake.waitFor((e) => e.kind === 'join' && fake.events.indexOf(e) >= eventsBefore, 2000);
    // tmi.js calls connect() on the old client about 1.5 s after RECONNECT even with reconnect: false.
    await waitFor(() => t.log.text().includes('this Twitch client was retired'), 3000, "tmi.js's own reconnect attempt");
    expect(fake.connections).toBe(1);
    expect((await twitchStatus(t.app))?.state).toBe('connected');
  });

  it('GIVEN Twitch goes down WHEN lines keep coming THEN health says retrying, Telegram keeps relaying, and once Twitch is back the bot rejoins and delivers the queued line', async () => {
    await fake.kill();
    // tmi.js notices the cut socket and the supervisor reports it.
    const status = await waitFor(
      async () => {
        const s = await twitchStatus(t.app);
        return s?.state === 'retrying' ? s : undefined;
      },
      2000,
      'twitch retrying',
    );
    expect(status.nextAttemptAt).toEqual(expect.any(Number));
    await telegram.say({ id: '42', name: 'Boris' }, 'said during the outage', { room: '-200' });
    // The app cannot go idle while the line's copy for Twitch waits in the outbox: wait for the other group's copy alone.
    await waitFor(() => telegram.texts('-100').includes('[Telegram] Boris: said during the outage'), 1000, 'relay between Telegram groups');
    expect(fake.received('#candleshop')).not.toContain('[Telegram] Boris: said during the outage');
    await fake.restart();
    await fake.waitForJoin('#candleshop', 2000);
    await t.app.idle();
    await heard(fake, chatLine('[Telegram] Boris: said during the outage'));
    expect((await twitchStatus(t.app))?.state).toBe('connected');
    expect(fake.connections).toBe(1);
  });

  it('GIVEN everything above WHEN the log is read THEN the token never appears in it', () => {
    expect(t.log.text()).not.toContain(TOKEN);
  });
});

describe('Twitch limits of a bot that is not a moderator', () => {
  const fake = new FakeTwitch({ password: TOKEN, enforceLimits: true });
  const telegram = new MemoryChannel('telegram', ['-100']);
  let t: Started;

  beforeAll(async () => {
    await fake.start();
    t = await startApp(fake, TOKEN, [telegram]);
    await fake.waitForJoin('#candleshop');
  });

  afterAll(async () => {
    await t?.app.stop();
    await fake.stop();
  });

  it('GIVEN a bot without the moderator badge WHEN it joins THEN the start-up log and health say it is not a moderator and why that matters', async () => {
    const status = await twitchStatus(t.app);
    expect(status).toMatchObject({ state: 'connected', warning: expect.stringContaining('not a moderator in #candleshop') });
    expect(status).toMatchObject({ warning: expect.stringContaining('/mod showcartbot') });
    expect(t.log.lines().some((l) => l.level === 40 && String(l.msg).includes('not a moderator in #candleshop'))).toBe(true);
  });

  it('GIVEN 30 Telegram lines at once WHEN relayed THEN Twitch gets all of them in a few digests, never over 20 messages in 30 s, and drops nothing', async () => {
    const before = fake.received('#candleshop').length;
    await Promise.all(Array.from({ length: 30 }, (_, i) => telegram.say({ id: '50', name: 'Fan' }, `b${i}x`, { room: '-100' })));
    // Idle once the outbox has paced out every digest; the last one is then at most on its way to the fake.
    await t.app.idle();
    await heard(fake, (e) => e.kind === 'message' && e.text.includes('b29x'));
    const sent = fake.received('#candleshop').slice(before);
    const all = sent.join('\n');
    expect(
      Array.from({ length: 30 }, (_, i) => `b${i}x`).filter((token) => !all.includes(token)),
      'lines missing in Twitch chat',
    ).toEqual([]);
    expect(sent.length).toBeLessThan(30);
    expect(sent.some((text) => text.includes(' · Fan: '))).toBe(true);
    expect(fake.maxPerWindow('showcartbot', 30_000)).toBeLessThanOrEqual(20);
    expect(fake.dropped).toBe(0);
  });
});

describe('Twitch bot with a refused token', () => {
  const fake = new FakeTwitch({ password: 'the-valid-token-0123456789' });
  const telegram = new MemoryChannel('telegram', ['-100']);
  const apps: Showcart[] = [];

  beforeAll(() => fake.start());
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await fake.stop();
  });

  async function disabledReason(t: Started): Promise<string> {
    apps.push(t.app);
    // The bot connects after the app has started; the refusal comes at its first attempt.
    const status = await waitFor(
      async () => {
        const s = await twitchStatus(t.app);
        return s?.state === 'disabled' ? s : undefined;
      },
      3000,
      'twitch disabled',
    );
    // The app itself keeps running and answering the other platforms.
    await telegram.say({ id: '42', name: 'Boris' }, '/help');
    await t.app.idle();
    expect(
      telegram.texts('-100').some((text) => text.startsWith('Commands:')),
      'the help reply',
    ).toBe(true);
    telegram.sent.length = 0;
    return status.reason;
  }

  it('GIVEN Twitch says "Login authentication failed" WHEN the bot connects THEN health shows twitch disabled with that reason AND the app keeps running', async () => {
    // The OAuth root cannot be reached, which is not fatal, so the IRC login is what refuses the token.
    const t = await startApp(fake, 'a-revoked-token-0123456789', [telegram], { authApi: 'http://127.0.0.1:1/oauth2' });
    expect(await disabledReason(t)).toContain('Login authentication failed');
    expect(fake.events.filter((e) => e.kind === 'join')).toEqual([]);
  });

  it('GIVEN the token fails validation with 401 WHEN the bot starts THEN it is disabled before touching chat, with a reason naming TWITCH_OAUTH_TOKEN', async () => {
    const connectionsBefore = fake.connections;
    const t = await startApp(fake, 'another-revoked-token-0123', [telegram]);
    expect(await disabledReason(t)).toMatch(/rejected the OAuth token.*TWITCH_OAUTH_TOKEN/);
    expect(fake.connections).toBe(connectionsBefore);
  });
});
