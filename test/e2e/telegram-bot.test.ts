/**
 * The whole app with the Telegram adapter, talking over HTTP to FakeTelegram through the real
 * telegraf client, and a memory channel standing in for Twitch on the other side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { createTelegramChannel } from '../../bots/telegram/index.js';
import type { ChannelState } from '../../orchestrator/channel.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeTelegram, type TelegramCall, type TgUser } from '../fakes/index.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { afterLines, waitFor } from '../support/wait-for.js';

const TOKEN = '777:fake-telegram-token';
const BOT: TgUser = { id: 777, first_name: 'Showcart', username: 'showcart_bot' };
const RELAY = -1001;
const HELP = -1002;
const BUTTONS = -1003;
const STRANGERS = -1999;
const alice: TgUser = { id: 4242, first_name: 'Alice', last_name: 'Smith', username: 'alice' };
const carol: TgUser = { id: 5151, first_name: 'Carol', username: 'carol_owner' };
const dave: TgUser = { id: 6161, first_name: 'Dave' };

interface Running {
  app: Showcart;
  twitch: MemoryChannel;
}

async function startApp(fake: FakeTelegram, token: string, chats: number[]): Promise<Running> {
  const twitch = new MemoryChannel('twitch', ['c']);
  const config = testConfig(`channels:
  web: { enabled: false }
  telegram: { apiRoot: "${fake.apiRoot}", chats: [${chats.map((id) => `{ id: ${id} }`).join(', ')}] }`);
  const app = await startShowcart({
    config,
    database: { sqlitePath: ':memory:' },
    secrets: new Secrets({ TELEGRAM_BOT_TOKEN: token }),
    log: memoryLog().log,
    extraChannels: [twitch],
    factories: { telegram: createTelegramChannel },
  });
  return { app, twitch };
}

async function telegramHealth(app: Showcart): Promise<ChannelState | undefined> {
  const res = await fetch(`http://127.0.0.1:${app.port}/api/health`);
  const body = (await res.json()) as { channels: Array<{ platform: string; status: ChannelState }> };
  return body.channels.find((c) => c.platform === 'telegram')?.status;
}

const sendTo = (chatId: number) => (c: TelegramCall) => c.method === 'sendMessage' && c.status === 200 && Number(c.params.chat_id) === chatId;

describe('Telegram bot, end to end through telegraf and FakeTelegram', () => {
  const fake = new FakeTelegram({ token: TOKEN, bot: BOT });
  let app: Showcart;
  let twitch: MemoryChannel;

  /** Runs `act`, which makes the fake deliver `lines` viewer lines, until they are handled and their answers sent; resolves with its result. */
  const inject = <T>(lines: number, act: () => T) => afterLines(app, lines, act);
  /** Calls the fake recorded after the first `from`. */
  const callsSince = (from: number, predicate: (c: TelegramCall) => boolean) => fake.calls.slice(from).filter(predicate);

  beforeAll(async () => {
    await fake.start();
    // FakeTelegram answers methods it does not know with `true`; give getChatAdministrators a real list.
    const call = fake.state.call.bind(fake.state);
    fake.state.call = (method, params) =>
      method === 'getChatAdministrators' && Number(params.chat_id) === RELAY
        ? [
            { status: 'creator', user: { ...carol, is_bot: false }, is_anonymous: false },
            { status: 'administrator', user: { ...dave, is_bot: false }, can_delete_messages: true },
          ]
        : call(method, params);
    ({ app, twitch } = await startApp(fake, TOKEN, [RELAY, HELP, BUTTONS]));
    // telegraf connects after the app has started: its first long poll, and who administers the relay group.
    await fake.waitFor((c) => c.method === 'getUpdates', 3000);
    await fake.waitFor((c) => c.method === 'getChatAdministrators' && Number(c.params.chat_id) === RELAY, 3000);
  });

  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  it('GIVEN a viewer line in a group WHEN relayed THEN Twitch gets "[Telegram] Name: text" AND the other groups get escaped HTML, never the group it came from', async () => {
    const from = fake.calls.length;
    await inject(1, () => fake.injectText({ chatId: RELAY, from: alice, text: 'is <b>this</b> 5 & up?' }));
    expect(twitch.texts()).toContain('[Telegram] Alice Smith: is <b>this</b> 5 & up?');
    const [call] = callsSince(from, sendTo(HELP));
    expect(call?.params).toMatchObject({ text: '<b>[Telegram]</b> Alice Smith: is &lt;b&gt;this&lt;/b&gt; 5 &amp; up?', parse_mode: 'HTML' });
    expect(fake.sent(RELAY).filter((t) => t.includes('Alice Smith'))).toEqual([]);
  });

  it('GIVEN a Twitch line with markup and a mention WHEN relayed to Telegram THEN it arrives as HTML with a bold tag, escaped, and pings nobody', async () => {
    const from = fake.calls.length;
    await twitch.say({ id: 't1', name: 'Bob <3' }, 'a < b && c, hi @alice');
    await app.idle();
    const [call] = callsSince(from, (c) => sendTo(RELAY)(c) && String(c.params.text).includes('Bob'));
    expect(call?.params.text).toBe('<b>[Twitch]</b> Bob &lt;3: a &lt; b &amp;&amp; c, hi @\u2060alice');
    expect(call?.params.parse_mode).toBe('HTML');
  });

  it('GIVEN lines from a stranger group, a private chat, a photo caption and the bot itself WHEN received THEN only the caption is relayed', async () => {
    // Only the private word and the caption reach the app as viewer lines: the stranger group and the bot's own line stop at the adapter.
    await inject(2, () => {
      fake.injectText({ chatId: STRANGERS, from: alice, text: 'from a group we do not serve' });
      fake.injectText({ chatId: alice.id, from: alice, text: 'a private word' });
      fake.injectText({ chatId: RELAY, from: BOT, text: 'the bot talking' });
      fake.inject({
        message: { message_id: 9001, date: 0, chat: { id: RELAY, type: 'supergroup', title: 'Relay' }, from: alice, photo: [], caption: 'look at this' },
      });
    });
    const relayed = twitch.texts().join('\n');
    expect(relayed).toContain('[Telegram] Alice Smith: look at this');
    for (const text of ['from a group we do not serve', 'a private word', 'the bot talking']) expect(relayed).not.toContain(text);
  });

  it('GIVEN /help and /help@showcart_bot in a group WHEN answered THEN each reply goes to that chat as a reply, escaped, AND neither is relayed', async () => {
    for (const text of ['/help', '/help@showcart_bot']) {
      const from = fake.calls.length;
      const id = await inject(1, () => fake.injectText({ chatId: HELP, from: alice, text }));
      const [call] = callsSince(from, (c) => sendTo(HELP)(c) && String(c.params.text).startsWith('Commands:'));
      expect(call?.params.reply_parameters).toMatchObject({ message_id: id });
      expect(call?.params.text).toContain('/help &lt;command&gt;');
    }
    expect(twitch.texts().filter((t) => t.includes('/help'))).toEqual([]);
  });

  it('GIVEN /help@other_bot WHEN received THEN the bot leaves it to the other bot', async () => {
    // The adapter drops a command for another bot, so it is no line to count: a line after it is.
    // Updates come in order, so once that one is handled the first has been through the adapter.
    await inject(1, () => {
      fake.injectText({ chatId: HELP, from: alice, text: '/help@other_bot' });
      fake.injectText({ chatId: RELAY, from: dave, text: 'after the other bot' });
    });
    const answered = fake.calls.filter((c) => sendTo(HELP)(c) && String(c.params.text).startsWith('Commands:'));
    expect(answered).toHaveLength(2);
  });

  it('GIVEN a private /help whose message vanished WHEN answered THEN the reply goes to the private chat only, resent without the reply link', async () => {
    // The previous test ended with the app idle, so this forced failure meets the reply and nothing else.
    fake.failNext('sendMessage', { status: 400, description: 'Bad Request: message to be replied not found' });
    const from = fake.calls.length;
    await inject(1, () => fake.injectText({ chatId: alice.id, from: alice, text: '/help' }));
    const [reply] = callsSince(from, sendTo(alice.id));
    expect(String(reply?.params.text)).toMatch(/^Commands: \/\w+.*\/help &lt;command&gt; explains one/);
    expect(reply?.params.reply_parameters).toBeUndefined();
    expect(fake.calls.find((c) => c.status === 400)?.params).toMatchObject({ chat_id: alice.id, reply_parameters: { message_id: expect.any(Number) } });
    expect(twitch.texts().filter((t) => t.includes('/help'))).toEqual([]);
  });

  it('GIVEN admins of a group WHEN they write THEN the creator is broadcaster, an admin moderator, everyone a member', async () => {
    await inject(2, () => {
      fake.injectText({ chatId: RELAY, from: carol, text: 'owner here' });
      fake.injectText({ chatId: RELAY, from: dave, text: 'after the owner' });
    });
    const rows = await app.store.models.LoggedEvent.findAll({ where: { type: 'chat.message' } });
    const rolesOf = (text: string) => rows.find((r) => r.data.text === text)?.data.roles;
    expect(rolesOf('owner here')).toEqual(['broadcaster', 'member']);
    expect(rolesOf('after the owner')).toEqual(['moderator', 'member']);
    expect(rolesOf('look at this')).toEqual(['member']);
  });

  it('GIVEN a message with buttons WHEN a viewer presses one THEN the press is acknowledged AND answered like the typed command', async () => {
    const from = fake.calls.length;
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'room', platform: 'telegram', channelId: String(BUTTONS) },
      body: { kind: 'text', text: 'Mug, 12 €' },
      buttons: [
        { label: 'Help', command: '/help' },
        { label: 'Too long', command: `/buy ${'X'.repeat(70)}` },
      ],
    });
    await app.idle();
    const [sent] = callsSince(from, (c) => sendTo(BUTTONS)(c) && c.params.text === 'Mug, 12 €');
    expect(sent?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Help', callback_data: '/help' }]] });
    const messageId = (sent!.result as { message_id: number }).message_id;
    const pressed = fake.calls.length;
    const queryId = await inject(1, () => fake.injectCallbackQuery({ from: alice, chatId: BUTTONS, messageId, data: '/help' }));
    const [reply] = callsSince(pressed, (c) => sendTo(BUTTONS)(c) && String(c.params.text).startsWith('Commands:'));
    // The adapter acknowledges the press on its own, beside the outbox: the fake may still be reading that request.
    const ack = await fake.waitFor((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === queryId, 1000);
    expect(fake.calls.indexOf(ack)).toBeLessThan(fake.calls.indexOf(reply!));
    expect(reply?.params.reply_parameters).toMatchObject({ message_id: messageId });
  });

  it('GIVEN Telegram answers 429 with retry_after WHEN relaying THEN the line is retried and arrives exactly once after the 429', async () => {
    // The app is idle after each test, so this forced failure meets the relayed line.
    fake.failNext('sendMessage', { status: 429, retryAfter: 1 });
    await twitch.say({ id: 't2', name: 'Flo' }, 'after the flood');
    await app.idle();
    const ok = (chatId: number) => (c: TelegramCall) => sendTo(chatId)(c) && String(c.params.text).includes('after the flood');
    const limited = fake.calls.find((c) => c.method === 'sendMessage' && c.status === 429);
    expect(limited?.params.text).toContain('after the flood');
    const chat = Number(limited!.params.chat_id);
    const delivered = fake.calls.filter(ok(chat));
    expect(delivered).toHaveLength(1);
    expect(fake.calls.indexOf(delivered[0]!)).toBeGreaterThan(fake.calls.indexOf(limited!));
    for (const other of [RELAY, HELP, BUTTONS]) expect(fake.calls.filter(ok(other))).toHaveLength(1);
  });

  it('GIVEN a private message the viewer never allowed WHEN Telegram answers 403 THEN it goes to the group instead, mentioning the viewer', async () => {
    fake.failNext('sendMessage', { status: 403, description: "Forbidden: bot can't initiate conversation with a user" });
    const from = fake.calls.length;
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'telegram', userId: String(alice.id), channelId: String(HELP) },
      body: { kind: 'text', text: 'Your code is <A&B>' },
    });
    await app.idle();
    const [call] = callsSince(from, sendTo(HELP));
    expect(fake.calls.find((c) => c.status === 403)?.params.chat_id).toBe(alice.id);
    expect(call?.params.text).toBe(
      '<a href="tg://user?id=4242">Alice Smith</a>, Your code is &lt;A&amp;B&gt;\n' +
        '<i>I could not write to you privately: open @showcart_bot and press Start, then ask again.</i>',
    );
  });

  it('GIVEN a secret (a one-time link code) WHEN the private message is refused THEN the group gets only the hint, never the code', async () => {
    // Carol never pressed Start (Alice was refused in the test before, so she is known as unreachable already).
    fake.neverStarted(4343);
    const from = fake.calls.length;
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'telegram', userId: '4343', channelId: String(HELP) },
      body: { kind: 'text', text: 'Your link code is QWERTY' },
      secret: true,
    });
    await app.idle();
    const [call] = callsSince(from, sendTo(HELP));
    expect(call?.params.text).toMatch(
      /^<a href="tg:\/\/user\?id=4343">[^<]+<\/a>: <i>I could not write to you privately: open @showcart_bot and press Start, then ask again\.<\/i>$/,
    );
    expect(fake.calls.filter((c) => String(c.params.text).includes('QWERTY') && c.status === 200)).toEqual([]);
  });

  it('GIVEN a viewer without @username posting a link in a group WHEN warned THEN the warning mentions them for real: a tg://user link the fake sees as a text_mention entity', async () => {
    await inject(1, () => fake.injectText({ chatId: HELP, from: dave, text: 'cheap followers at spam.example' }));
    await app.idle();
    const warning = [...fake.state.messages.values()].find((m) => m.text?.includes('no links here please'));
    expect(warning?.text).toBe('<a href="tg://user?id=6161">Dave</a>, no links here please (1/3)');
    expect(warning?.entities).toEqual([{ type: 'text_mention', offset: 0, length: 4, user: { id: 6161, is_bot: false, first_name: 'Dave' } }]);
    expect(twitch.texts().some((t) => t.includes('spam.example'))).toBe(false);
  });

  it('GIVEN moderation through the outbox WHEN a timeout and a delete are enqueued THEN the fake gets restrictChatMember with until_date and deleteMessage', async () => {
    // The spam sits in another chat than the timeout, so the two actions do not share a room's pacing.
    const id = await inject(1, () => fake.injectText({ chatId: HELP, from: alice, text: 'buy cheap followers now' }));
    expect(twitch.texts().some((t) => t.includes('buy cheap followers now'))).toBe(true);
    const before = Math.floor(Date.now() / 1000);
    app.outbox.enqueue({
      priority: 'moderation',
      target: { kind: 'room', platform: 'telegram', channelId: String(RELAY) },
      body: {
        kind: 'moderation',
        action: { kind: 'timeout', channelId: String(RELAY), userId: String(alice.id), userName: 'Alice Smith', seconds: 600, reason: 'spam' },
      },
    });
    app.outbox.enqueue({
      priority: 'moderation',
      target: { kind: 'room', platform: 'telegram', channelId: String(HELP) },
      body: { kind: 'moderation', action: { kind: 'delete', channelId: String(HELP), messageId: String(id) } },
    });
    await app.idle();
    const restrict = fake.calls.find((c) => c.method === 'restrictChatMember');
    expect(restrict?.params).toMatchObject({ chat_id: RELAY, user_id: alice.id, permissions: { can_send_messages: false, can_send_polls: false } });
    expect(Number(restrict?.params.until_date)).toBeGreaterThanOrEqual(before + 600);
    expect(Number(restrict?.params.until_date)).toBeLessThan(before + 700);
    const deleted = fake.calls.find((c) => c.method === 'deleteMessage' && c.status === 200);
    expect(deleted?.params).toMatchObject({ chat_id: HELP, message_id: id });
    expect(fake.state.messages.has(`${HELP}:${id}`)).toBe(false);
  });

  const pay = { label: 'Pay now', url: 'https://shop.example/c/AbCd1234' };

  it('GIVEN a message with a link and buttons WHEN sent THEN the link is a URL button alone in the first row, before the callback buttons, AND the text has no address', async () => {
    const from = fake.calls.length;
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'room', platform: 'telegram', channelId: String(BUTTONS) },
      body: { kind: 'text', text: 'Your cart is ready.' },
      buttons: [{ label: 'Help', command: '/help' }],
      link: pay,
    });
    await app.idle();
    const [sent] = callsSince(from, (c) => sendTo(BUTTONS)(c) && c.params.text === 'Your cart is ready.');
    expect(sent?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Pay now', url: pay.url }], [{ text: 'Help', callback_data: '/help' }]] });
    expect(fake.state.messages.get(`${BUTTONS}:${(sent!.result as { message_id: number }).message_id}`)?.reply_markup).toEqual(sent?.params.reply_markup);
  });

  it('GIVEN a private message with a link WHEN the viewer never pressed Start THEN the group gets it mentioning them, with the link still a URL button', async () => {
    fake.neverStarted(5353);
    const from = fake.calls.length;
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'telegram', userId: '5353', channelId: String(HELP) },
      body: { kind: 'text', text: 'Your cart is ready.' },
      link: pay,
    });
    await app.idle();
    expect(callsSince(from, (c) => c.method === 'sendMessage' && c.status === 403).map((c) => c.params.chat_id)).toEqual([5353]);
    const [call] = callsSince(from, sendTo(HELP));
    expect(call?.params.text).toMatch(/^<a href="tg:\/\/user\?id=5353">[^<]+<\/a>, Your cart is ready\.\n<i>I could not write to you privately/);
    expect(call?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Pay now', url: pay.url }]] });
  });

  it('GIVEN a private message to a buyer who has not spoken since the bot started (a restart) WHEN it falls back to the group THEN it names them from what was stored with the message, never "you"', async () => {
    fake.neverStarted(5454);
    const from = fake.calls.length;
    app.outbox.enqueue({
      priority: 'reply',
      target: { kind: 'direct', platform: 'telegram', userId: '5454', channelId: String(HELP) },
      body: { kind: 'text', text: 'Good news: Mug freed up and 1 is now yours.' },
      replyTo: { userName: 'Greta <3' },
    });
    await app.idle();
    const [call] = callsSince(from, sendTo(HELP));
    expect(call?.params.text).toMatch(/^<a href="tg:\/\/user\?id=5454">Greta &lt;3<\/a>, Good news: Mug freed up/);
  });

  it('GIVEN a localhost link, or a link Telegram refuses as a button WHEN sent THEN its address follows the text on its own line instead, and the message arrives once', async () => {
    const from = fake.calls.length;
    const send = (text: string, url: string) =>
      app.outbox.enqueue({
        priority: 'reply',
        target: { kind: 'room', platform: 'telegram', channelId: String(BUTTONS) },
        body: { kind: 'text', text },
        link: { label: 'Pay now', url },
      });
    send('Pay on this machine.', 'http://localhost:3000/c/AbCd?x=1&y=2');
    await app.idle();
    fake.failNext('sendMessage', { status: 400, description: 'Bad Request: BUTTON_URL_INVALID' });
    send('Pay there.', pay.url);
    await app.idle();
    const sent = callsSince(from, sendTo(BUTTONS));
    expect(sent.map((c) => [c.params.text, c.params.reply_markup])).toEqual([
      ['Pay on this machine.\nhttp://localhost:3000/c/AbCd?x=1&amp;y=2', undefined],
      [`Pay there.\n${pay.url}`, undefined],
    ]);
    expect(callsSince(from, (c) => c.status === 400).map((c) => c.params.reply_markup)).toEqual([{ inline_keyboard: [[{ text: 'Pay now', url: pay.url }]] }]);
  });
});

describe('Telegram bot outages and a rejected token', () => {
  it('GIVEN the Bot API goes down WHEN it comes back THEN health shows retrying meanwhile, Twitch keeps working, and the queued line is delivered', async () => {
    const fake = new FakeTelegram({ token: TOKEN, bot: BOT });
    await fake.start();
    const { app, twitch } = await startApp(fake, TOKEN, [RELAY]);
    try {
      await fake.waitFor((c) => c.method === 'getUpdates', 3000);
      expect((await telegramHealth(app))?.state).toBe('connected');

      fake.setDown(true);
      // The fake ends the held long poll at once; telegraf's next poll meets the outage.
      const retrying = await waitFor(
        async () => {
          const s = await telegramHealth(app);
          return s?.state === 'retrying' ? s : undefined;
        },
        2000,
        'telegram retrying',
      );
      expect(retrying.nextAttemptAt).toBeGreaterThan(0);

      await twitch.say({ id: 't3', name: 'Tess' }, '!help');
      await app.idle();
      expect(
        twitch.texts().some((t) => t.startsWith('Commands:')),
        'Twitch still answered',
      ).toBe(true);
      // Handled, but its copy for Telegram waits in the outbox: the app is not idle until Telegram is back.
      await twitch.say({ id: 't3', name: 'Tess' }, 'said during the outage');
      expect(fake.sent(RELAY)).toEqual([]);

      fake.setDown(false);
      await app.idle();
      const delivered = fake.calls.filter((c) => sendTo(RELAY)(c) && String(c.params.text).includes('said during the outage'));
      expect(delivered.map((c) => c.params.text)).toEqual(['<b>[Twitch]</b> Tess: said during the outage']);
      expect((await telegramHealth(app))?.state).toBe('connected');
      await afterLines(app, 1, () => fake.injectText({ chatId: RELAY, from: alice, text: 'back again' }));
      expect(twitch.texts(), 'polling resumed').toContain('[Telegram] Alice Smith: back again');
    } finally {
      await app.stop();
      await fake.stop();
    }
  });

  it('GIVEN a token Telegram rejects WHEN the app starts THEN telegram is disabled with a reason, is not retried, and the app keeps running', async () => {
    const fake = new FakeTelegram({ token: TOKEN, bot: BOT });
    await fake.start();
    const { app, twitch } = await startApp(fake, '777:revoked-token', [RELAY]);
    try {
      // The bot connects after the app has started; getMe is refused at its first attempt.
      const status = await waitFor(
        async () => {
          const s = await telegramHealth(app);
          return s?.state === 'disabled' ? s : undefined;
        },
        3000,
        'telegram disabled',
      );
      expect(status.reason).toMatch(/^token rejected \(401: Unauthorized\)/);
      expect(status.reason).not.toContain('revoked-token');
      await twitch.say({ id: 't4', name: 'Tess' }, '!help');
      await app.idle();
      expect(
        twitch.texts().some((t) => t.startsWith('Commands:')),
        'Twitch answered',
      ).toBe(true);
      expect(fake.calls.map((c) => c.method)).toEqual(['getMe']);
    } finally {
      await app.stop();
      await fake.stop();
    }
  });
});
