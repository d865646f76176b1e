/**
 * Proves FakeTelegram speaks enough Bot API for the real telegraf client,
 * over HTTP on 127.0.0.1, with no change to the library.
 */
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { Markup, Telegraf, TelegramError } from 'telegraf';
import { FakeTelegram } from '../fakes/fake-telegram.js';

const TOKEN = '777:fake-token';
const GROUP = -1001234;
const alice = { id: 4242, first_name: 'Alice', username: 'alice' };

describe('FakeTelegram with the real telegraf', () => {
  const fake = new FakeTelegram({ token: TOKEN, bot: { id: 777, first_name: 'Showcart', username: 'showcart_bot' } });
  let bot: Telegraf;
  let polling: Promise<void>;
  const commands: Array<{ payload: string; chat: number | undefined }> = [];
  const texts: string[] = [];
  const pressed: string[] = [];
  const votes: Array<{ pollId: string; options: number[] }> = [];

  beforeAll(async () => {
    await fake.start();
    bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } });
    bot.command('buy', async (ctx) => {
      commands.push({ payload: ctx.payload, chat: ctx.chat.id });
      await ctx.reply(`order for ${ctx.payload}`);
    });
    bot.on('text', (ctx) => {
      texts.push(ctx.message.text);
    });
    bot.action(/^buy:(.+)$/, async (ctx) => {
      pressed.push(ctx.match[1] ?? '');
      await ctx.answerCbQuery('added');
    });
    bot.on('poll_answer', (ctx) => {
      votes.push({ pollId: ctx.pollAnswer.poll_id, options: ctx.pollAnswer.option_ids });
    });
    polling = bot.launch();
    // telegraf starts polling by itself (getMe, then getUpdates): no promise of its says when.
    await fake.waitFor((c) => c.method === 'getUpdates', 2_000);
  });

  afterAll(async () => {
    bot.stop('test over');
    await polling;
    await fake.stop();
  });

  it('GIVEN a polling bot WHEN a viewer sends "/buy SKU-1" THEN the command handler gets the payload AND its reply reaches the fake', async () => {
    fake.injectText({ chatId: GROUP, chatType: 'supergroup', from: alice, text: '/buy SKU-1' });
    await vi.waitFor(() => expect(commands).toContainEqual({ payload: 'SKU-1', chat: GROUP }));
    // The handler's reply is still on its way when the handler has recorded the command.
    await fake.waitFor((c) => c.method === 'sendMessage' && c.params.text === 'order for SKU-1', 1_000);
    expect(fake.sent(GROUP)).toContain('order for SKU-1');
  });

  it('GIVEN a command addressed to the bot or to another bot WHEN both arrive THEN only the one for this bot runs the command', async () => {
    fake.injectText({ chatId: GROUP, from: alice, text: '/buy@other_bot SKU-9' });
    fake.injectText({ chatId: GROUP, from: alice, text: '/buy@showcart_bot SKU-2' });
    await vi.waitFor(() => expect(commands.map((c) => c.payload)).toContain('SKU-2'));
    expect(commands.map((c) => c.payload)).not.toContain('SKU-9');
    expect(texts).toContain('/buy@other_bot SKU-9');
  });

  it('GIVEN a polling bot WHEN plain text is injected THEN bot.on("text") sees it AND the command handler does not', async () => {
    fake.injectText({ chatId: GROUP, from: alice, text: 'nice jacket!' });
    await vi.waitFor(() => expect(texts).toContain('nice jacket!'));
    expect(commands.every((c) => c.payload !== 'nice jacket!')).toBe(true);
  });

  it('GIVEN a message with an inline button WHEN the viewer presses it THEN bot.action runs AND answerCallbackQuery reaches the fake', async () => {
    const sent = await bot.telegram.sendMessage(GROUP, 'Jacket 49 €', Markup.inlineKeyboard([Markup.button.callback('Buy', 'buy:SKU-3')]));
    // The fake records a call before it answers it.
    const call = fake.calls.find((c) => c.method === 'sendMessage' && c.params.text === 'Jacket 49 €');
    expect(call?.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Buy', callback_data: 'buy:SKU-3', hide: false }]] });
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ callback_data: 'buy:SKU-3' });
    const queryId = fake.injectCallbackQuery({ from: alice, chatId: GROUP, messageId: sent.message_id, data: 'buy:SKU-3' });
    await vi.waitFor(() => expect(pressed).toContain('SKU-3'));
    const answer = await fake.waitFor((c) => c.method === 'answerCallbackQuery', 1_000);
    expect(answer.params).toMatchObject({ callback_query_id: queryId, text: 'added' });
  });

  it('GIVEN a URL button before a callback button WHEN sent THEN the fake accepts and records both in reply_markup', async () => {
    const keyboard = Markup.inlineKeyboard([[Markup.button.url('Pay now', 'https://shop.example/c/AbCd')], [Markup.button.callback('Help', '/help')]]);
    const sent = await bot.telegram.sendMessage(GROUP, 'Your cart is ready.', keyboard);
    expect(sent.reply_markup?.inline_keyboard[0]?.[0]).toMatchObject({ text: 'Pay now', url: 'https://shop.example/c/AbCd' });
    expect(fake.state.messages.get(`${GROUP}:${sent.message_id}`)?.reply_markup).toMatchObject({
      inline_keyboard: [[{ text: 'Pay now', url: 'https://shop.example/c/AbCd' }], [{ text: 'Help', callback_data: '/help' }]],
    });
  });

  it('GIVEN malformed inline keyboards WHEN sent THEN the fake answers 400 with what Telegram says', async () => {
    const refusal = (button: Record<string, unknown>) =>
      bot.telegram
        .sendMessage(GROUP, 'x', { reply_markup: { inline_keyboard: [[button as never]] } })
        .then(() => 'accepted')
        .catch((e: unknown) => (e instanceof TelegramError ? e.description : String(e)));
    expect(await refusal({ text: 'Plain' })).toBe("Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
    expect(await refusal({ text: 'Both', url: 'https://shop.example/', callback_data: 'x' })).toMatch(
      /^Bad Request: can't parse inline keyboard button: exactly one of url, callback_data/,
    );
    expect(await refusal({ text: 'Script', url: 'javascript:alert(1)' })).toBe(
      "Bad Request: inline keyboard button URL 'javascript:alert(1)' is invalid: Unsupported URL protocol",
    );
    expect(await refusal({ text: 'Local', url: 'http://localhost:3000/c/AbCd' })).toBe('Bad Request: BUTTON_URL_INVALID');
    expect(await refusal({ text: 'Long', callback_data: 'é'.repeat(33) })).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(await refusal({ text: 'Profile', url: 'tg://user?id=4242' })).toBe('accepted');
  });

  it('GIVEN a non-anonymous native poll WHEN a viewer votes THEN bot.on("poll_answer") gets the option ids', async () => {
    const msg = await bot.telegram.sendPoll(GROUP, 'Next item?', ['Hat', 'Scarf', 'Boots'], { is_anonymous: false });
    expect(msg.poll.options.map((o) => o.text)).toEqual(['Hat', 'Scarf', 'Boots']);
    fake.injectPollAnswer({ pollId: msg.poll.id, from: alice, optionIds: [2] });
    await vi.waitFor(() => expect(votes).toContainEqual({ pollId: msg.poll.id, options: [2] }));
    const stopped = await bot.telegram.stopPoll(GROUP, msg.message_id);
    expect(stopped.is_closed).toBe(true);
    expect(stopped.options[2]?.voter_count).toBe(1);
  });

  it('GIVEN an anonymous poll or 13 options WHEN used THEN the fake refuses like Telegram', async () => {
    const anon = await bot.telegram.sendPoll(GROUP, 'Colour?', ['Red', 'Blue']);
    expect(() => fake.injectPollAnswer({ pollId: anon.poll.id, from: alice, optionIds: [0] })).toThrow(/anonymous/);
    const tooMany = Array.from({ length: 13 }, (_, i) => `option ${i}`);
    await expect(bot.telegram.sendPoll(GROUP, 'Too many', tooMany)).rejects.toMatchObject({ code: 400 });
  });

  it('GIVEN failNext 429 on sendMessage WHEN the bot sends THEN telegraf throws a TelegramError with parameters.retry_after AND the next send works', async () => {
    fake.failNext('sendMessage', { status: 429, retryAfter: 2 });
    const error = await bot.telegram.sendMessage(GROUP, 'flood').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).code).toBe(429);
    expect((error as TelegramError).parameters?.retry_after).toBe(2);
    expect((error as TelegramError).description).toBe('Too Many Requests: retry after 2');
    await bot.telegram.sendMessage(GROUP, 'after flood');
    expect(fake.sent(GROUP)).toContain('after flood');
  });

  it('GIVEN edits, deletes and moderation calls WHEN the bot makes them THEN the fake answers and records them', async () => {
    const sent = await bot.telegram.sendMessage(GROUP, 'stock: 3');
    const edited = await bot.telegram.editMessageText(GROUP, sent.message_id, undefined, 'stock: 2');
    expect(edited).toMatchObject({ text: 'stock: 2' });
    await expect(bot.telegram.deleteMessage(GROUP, sent.message_id)).resolves.toBe(true);
    await expect(bot.telegram.deleteMessage(GROUP, sent.message_id)).rejects.toMatchObject({ code: 400 });
    await bot.telegram.restrictChatMember(GROUP, alice.id, { permissions: { can_send_messages: false }, until_date: 60 });
    await bot.telegram.banChatMember(GROUP, alice.id);
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['restrictChatMember', 'banChatMember']));
    expect((await bot.telegram.getChatMember(GROUP, alice.id)).status).toBe('member');
    fake.setMemberStatus(GROUP, 777, 'administrator');
    expect((await bot.telegram.getChatMember(GROUP, 777)).status).toBe('administrator');
  });

  it('GIVEN the wrong token WHEN a client calls getMe THEN it gets a 401 TelegramError', async () => {
    const stranger = new Telegraf('777:wrong', { telegram: { apiRoot: fake.apiRoot } });
    await expect(stranger.telegram.getMe()).rejects.toMatchObject({ code: 401, description: 'Unauthorized' });
  });
});

describe('FakeTelegram outages and limits', () => {
  const fake = new FakeTelegram({ token: TOKEN, enforceLimits: true });
  const tg = (): Telegraf['telegram'] => new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } }).telegram;

  beforeAll(() => fake.start());
  afterAll(() => fake.stop());

  it('GIVEN enforceLimits WHEN two messages hit one chat in the same second THEN the second gets 429 with retry_after AND only one counts as sent', async () => {
    await tg().sendMessage(alice.id, 'one');
    await expect(tg().sendMessage(alice.id, 'two')).rejects.toMatchObject({ code: 429, parameters: { retry_after: 1 } });
    expect(fake.sent(alice.id)).toEqual(['one']);
    expect(fake.maxPerWindow(alice.id, 1_000)).toBe(1);
  });

  it('GIVEN the API is down WHEN the client calls THEN it gets a 5xx TelegramError AND after setDown(false) calls work again', async () => {
    fake.setDown(true);
    await expect(tg().getMe()).rejects.toMatchObject({ code: 502 });
    fake.setDown(false);
    await expect(tg().getMe()).resolves.toMatchObject({ is_bot: true });
  });

  it('GIVEN nothing to deliver WHEN getUpdates asks for a 50 s long-poll THEN the fake holds it about 1 s and answers []', async () => {
    // The fake's hold is a setTimeout: on fake time the test says when 999 ms and 1 s have passed (the socket stays real).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const OFFSET = 1_000_000;
      /** Asks for a 50 s long-poll, lets `heldMs` of fake time pass once the fake holds it, then gives it an update to deliver. */
      const pollThenInject = async (heldMs: number) => {
        const arrived = fake.calls.length;
        const answer = fetch(`${fake.apiRoot}/bot${TOKEN}/getUpdates`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ timeout: 50, offset: OFFSET }),
        }).then((res) => res.json());
        await fake.waitFor((c) => c.method === 'getUpdates' && c.params.offset === OFFSET && fake.calls.indexOf(c) >= arrived);
        await vi.advanceTimersByTimeAsync(heldMs);
        fake.injectText({ chatId: GROUP, from: alice, text: `after ${heldMs} ms` });
        return (await answer) as { ok: boolean; result: Array<{ message?: { text?: string } }> };
      };
      // Still held after 999 ms: the update that came then is what it answers with.
      const held = await pollThenInject(999);
      expect(held.ok).toBe(true);
      expect(held.result.map((u) => u.message?.text)).toEqual(['after 999 ms']);
      // Answered [] once the 1 s cap is up, not after the 50 s asked for: the update after it waits for the next poll.
      expect(await pollThenInject(1_000)).toEqual({ ok: true, result: [] });
    } finally {
      vi.useRealTimers();
    }
  });

  it('GIVEN a restart WHEN the client calls again THEN the fake answers on the same port', async () => {
    const port = fake.port;
    await fake.restart();
    expect(fake.port).toBe(port);
    await expect(tg().getMe()).resolves.toMatchObject({ username: 'showcart_bot' });
  });
});
