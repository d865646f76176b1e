/**
 * Fake Telegram Bot API over plain HTTP on 127.0.0.1, for the real telegraf
 * client: long-polled getUpdates, message/poll/moderation methods, injected
 * updates, outages, 429s and optional rate-limit enforcement.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, HOST, listen, parseParams, readBody, sendJson } from './http-util.js';
import { Recorder, DEFAULT_WAIT_MS } from './recorder.js';
import { SlidingWindow } from './sliding-window.js';
import { TelegramState, TgApiError, toChatId, unixNow } from './telegram-methods.js';
import type { TgChatType, TgMemberStatus, TgMessage, TgUser } from './telegram-methods.js';
import { UpdateQueue, type TgUpdate } from './telegram-updates.js';
import { FakePayments } from './telegram-payments.js';
import { ALL_CHATS, floodError, forcedError, type TelegramFailure } from './telegram-limits.js';
import { FaultSwitch, type FakeFault } from './faults.js';

export type { TgChatType, TgMemberStatus, TgMessage, TgUser } from './telegram-methods.js';
export type { TgUpdate } from './telegram-updates.js';
export type { TgInvoice, TgLabeledPrice, TgPayment, TgPreCheckoutAnswer } from './telegram-payments.js';
export type { TelegramFailure } from './telegram-limits.js';

/** One Bot API request as the fake saw it. */
export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
  /** ms since epoch at arrival */
  at: number;
  /** HTTP status answered */
  status: number;
  /** what `result` held when the call succeeded */
  result?: unknown;
}

/** Options of {@link FakeTelegram}. */
export interface FakeTelegramOptions {
  token?: string;
  bot?: TgUser;
  /** user ids getChatMember reports as 'administrator' in every chat (may include the bot) */
  admins?: number[];
  /** answer 429 like Telegram when a chat or group is flooded */
  enforceLimits?: boolean;
  /** longest a getUpdates long-poll is held, whatever timeout the client asks */
  longPollCapMs?: number;
}

const SEND_METHOD = /^(send(?!ChatAction)|copyMessage|forwardMessage)/;

/** Fake Telegram Bot API server (see file comment). */
export class FakeTelegram {
  /** Every request, in arrival order. */
  readonly calls: TelegramCall[];
  /** Accepted sends per chat id, to check outbound pacing. */
  readonly sends = new SlidingWindow();
  readonly token: string;
  readonly state: TelegramState;
  /** Telegram Bot Payments: invoices sent, pre-checkout answers, and the buyer's side (press Pay, get charged). */
  readonly payments: FakePayments;
  private readonly log = new Recorder<TelegramCall>('FakeTelegram');
  private readonly updates: UpdateQueue;
  private readonly failures = new Map<string, TelegramFailure[]>();
  /** Users who never pressed Start: Telegram refuses the bot's private messages to them. */
  private readonly notStarted = new Set<string>();
  private readonly hangs = new Map<string, number>();
  private readonly held = new Set<ServerResponse>();
  private readonly enforceLimits: boolean;
  private readonly faults = new FaultSwitch();
  private server: Server | undefined;
  private boundPort = 0;
  private down = false;

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? '123456:TEST-TOKEN';
    const bot = options.bot ?? { id: Number(this.token.split(':')[0]) || 123456, first_name: 'Showcart', username: 'showcart_bot' };
    this.state = new TelegramState(bot, options.admins ?? []);
    this.updates = new UpdateQueue(options.longPollCapMs ?? 1_000);
    this.enforceLimits = options.enforceLimits ?? false;
    this.calls = this.log.items;
    this.payments = new FakePayments({ push: (update) => this.inject(update), nextId: () => this.state.nextId() });
    this.state.payments = this.payments;
  }

  /** Bound port (after start). */
  get port(): number {
    return this.boundPort;
  }

  /** What telegraf's `telegram.apiRoot` option takes. */
  get apiRoot(): string {
    return `http://${HOST}:${this.boundPort}`;
  }

  /** Starts listening; port 0 picks a free port. */
  async start(port = 0): Promise<void> {
    if (this.server !== undefined) throw new Error('FakeTelegram already started');
    const server = createServer((req, res) => void this.handle(req, res));
    this.boundPort = await listen(server, port);
    this.server = server;
  }

  /** Cuts every connection, held long-polls included (telegraf then retries after 5 s), and closes. */
  async stop(): Promise<void> {
    this.updates.abandon();
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
    const server = this.server;
    this.server = undefined;
    if (server !== undefined) await closeServer(server);
  }

  /** Stop, then start again on the same port (an outage the client must ride out). */
  async restart(): Promise<void> {
    const port = this.boundPort;
    await this.stop();
    await this.start(port);
  }

  /** While down, every request answers 502 Bad Gateway. */
  setDown(down: boolean): void {
    this.down = down;
    // the held poll ends now, so the client's next poll meets the outage at once
    if (down) this.updates.releaseAll();
  }

  /**
   * Until cleared (no argument): every request hangs, or has its connection reset, or (every
   * method but getUpdates) is answered with the given status; clearing cuts what a hang held.
   */
  setFault(fault?: FakeFault): void {
    this.faults.set(fault);
  }

  /** How many requests met each kind of fault so far. */
  get faultsMet(): Readonly<FaultSwitch['met']> {
    return this.faults.met;
  }

  /** The next call of `method` fails as given (queue several by calling again). */
  /** The next `count` calls of `method` are read and never answered (logged with status 0), like a stuck Bot API. */
  hangNext(method: string, count = 1): void {
    this.hangs.set(method, (this.hangs.get(method) ?? 0) + count);
  }

  /** From now on a private message to `userId` is refused with 403, as for a user who never pressed Start. */
  neverStarted(userId: number): void {
    this.notStarted.add(String(userId));
  }

  /**
   * The user opens the bot's private chat from a deep link (`t.me/<bot>?start=<parameter>`) and
   * presses Start: private messages reach them from now on, and the bot gets "/start <parameter>".
   * Returns the message id.
   */
  pressStart(user: TgUser, parameter?: string): number {
    this.notStarted.delete(String(user.id));
    return this.injectText({ chatId: user.id, from: user, text: parameter === undefined ? '/start' : `/start ${parameter}` });
  }

  failNext(method: string, failure: TelegramFailure): void {
    const list = this.failures.get(method) ?? [];
    list.push(failure);
    this.failures.set(method, list);
  }

  /** Sets what getChatMember answers for one user in one chat. */
  setMemberStatus(chatId: number, userId: number, status: TgMemberStatus): void {
    this.state.memberStatus.set(`${chatId}:${userId}`, status);
  }

  /** Texts of successful sendMessage calls, optionally for one chat. */
  sent(chatId?: number | string): string[] {
    return this.calls
      .filter((c) => c.method === 'sendMessage' && c.status === 200)
      .filter((c) => chatId === undefined || String(c.params.chat_id) === String(chatId))
      .map((c) => String(c.params.text));
  }

  /** Resolves with the first recorded call, past or future, matching `predicate`. */
  waitFor(predicate: (call: TelegramCall) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<TelegramCall> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** Most accepted sends to `chatId` in any window of `windowMs`. */
  maxPerWindow(chatId: number | string, windowMs: number): number {
    return this.sends.maxPerWindow(String(chatId), windowMs);
  }

  /** Queues a raw update (update_id is assigned); returns the update id. */
  inject(update: Omit<TgUpdate, 'update_id'>): number {
    const update_id = this.state.nextId();
    this.updates.push({ ...update, update_id });
    return update_id;
  }

  /**
   * Injects a text message; a leading `/command` (or `/command@bot`) gets the
   * bot_command entity telegraf's `bot.command()` matches on.
   * Returns the id, which is both the update_id and the message_id.
   */
  injectText(input: { chatId: number; chatType?: TgChatType; chatTitle?: string; from: TgUser; text: string; replyTo?: number }): number {
    const type = input.chatType ?? (input.chatId < 0 ? 'supergroup' : 'private');
    const chat =
      type === 'private'
        ? { id: input.chatId, type, first_name: input.from.first_name, ...(input.from.username === undefined ? {} : { username: input.from.username }) }
        : { id: input.chatId, type, title: input.chatTitle ?? `Chat ${input.chatId}` };
    this.state.chats.set(String(input.chatId), chat);
    const id = this.state.nextId();
    const message: TgMessage = { message_id: id, date: unixNow(), chat, from: { is_bot: false, ...input.from }, text: input.text };
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(input.text);
    if (command !== null) message.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }];
    const original = this.state.messages.get(`${input.chatId}:${input.replyTo}`);
    if (original !== undefined) message.reply_to_message = original;
    this.state.remember(message);
    this.updates.push({ update_id: id, message });
    return id;
  }

  /** Injects an inline-button press on a known message; returns the callback query id. */
  injectCallbackQuery(input: { from: TgUser; chatId: number; messageId: number; data: string }): string {
    const message = this.state.messages.get(`${input.chatId}:${input.messageId}`) ?? {
      message_id: input.messageId,
      date: unixNow(),
      chat: this.state.chat(input.chatId),
      from: { ...this.state.bot, is_bot: true },
    };
    const update_id = this.state.nextId();
    const id = `cbq-${update_id}`;
    const callback_query = { id, from: { is_bot: false, ...input.from }, message, chat_instance: `ci${Math.abs(input.chatId)}`, data: input.data };
    this.updates.push({ update_id, callback_query });
    return id;
  }

  /**
   * Injects a vote on a poll the bot sent; returns the update id. Throws for an
   * anonymous poll, because real Telegram never reports who voted on those.
   */
  injectPollAnswer(input: { pollId: string; from: TgUser; optionIds: number[] }): number {
    const known = this.state.polls.get(input.pollId);
    if (known?.poll.is_anonymous === true) {
      throw new Error(`poll ${input.pollId} is anonymous: Telegram sends no poll_answer for it (send it with is_anonymous: false)`);
    }
    if (known !== undefined) {
      for (const i of input.optionIds) {
        const option = known.poll.options[i];
        if (option !== undefined) option.voter_count++;
      }
      known.poll.total_voter_count++;
    }
    const user = { is_bot: false, ...input.from };
    return this.inject({ poll_answer: { poll_id: input.pollId, user, option_ids: input.optionIds } });
  }

  private statusFault(req: IncomingMessage, res: ServerResponse): TelegramFailure | undefined {
    if (typeof this.faults.fault !== 'object') return undefined;
    const failure = this.faults.intercept(req, res);
    return typeof failure === 'object' ? failure : undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    if (typeof this.faults.fault === 'string' && this.faults.intercept(req, res) === true) return;
    const path = new URL(req.url ?? '/', this.apiRoot).pathname;
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (match === null) {
      req.resume();
      return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    }
    let params: Record<string, unknown>;
    try {
      params = parseParams(req, await readBody(req));
    } catch {
      return sendJson(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse request body" });
    }
    const [, token, method = ''] = match;
    const call: TelegramCall = { method, params, at, status: 200 };
    const fail = (err: TgApiError): void => {
      call.status = err.status;
      this.log.push(call);
      const body = { ok: false, error_code: err.status, description: err.description, ...(err.parameters ? { parameters: err.parameters } : {}) };
      sendJson(res, err.status, body);
    };
    if (this.down) return fail(new TgApiError(502, 'Bad Gateway'));
    if (token !== this.token) return fail(new TgApiError(401, 'Unauthorized'));
    const hangs = this.hangs.get(method) ?? 0;
    if (hangs > 0) {
      this.hangs.set(method, hangs - 1);
      this.log.push({ ...call, status: 0 });
      this.held.add(res);
      res.on('close', () => this.held.delete(res));
      return;
    }
    const forced = this.failures.get(method)?.shift() ?? (method === 'getUpdates' ? undefined : this.statusFault(req, res));
    if (forced !== undefined) return fail(forcedError(forced));
    if (method === 'getUpdates') {
      this.log.push(call);
      this.updates.poll(params, res);
      return;
    }
    const isSend = SEND_METHOD.test(method);
    if (isSend && this.notStarted.has(String(params.chat_id))) return fail(new TgApiError(403, "Forbidden: bot can't initiate conversation with a user"));
    try {
      const limited = this.enforceLimits && isSend ? floodError(this.sends, this.state.chat(params.chat_id), at) : undefined;
      if (limited !== undefined) return fail(limited);
      call.result = this.state.call(method, params);
    } catch (err) {
      return fail(err instanceof TgApiError ? err : new TgApiError(400, `Bad Request: ${String(err)}`));
    }
    if (isSend) {
      this.sends.hit(String(toChatId(params.chat_id)), at);
      this.sends.hit(ALL_CHATS, at);
    }
    this.log.push(call);
    sendJson(res, 200, { ok: true, result: call.result });
  }
}
