import type { Logger } from 'pino';
import { Telegraf, type Types } from 'telegraf';
import type { TelegramChannelConfig } from '../../config/schema/channels.js';
import { PermanentSendError, type Ingest, type Channel, type ChannelLimits, type ChannelState, type Rendered, type SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, NativePoll, Outbound } from '../../orchestrator/chat-types.js';
import type { Backoff } from '../../orchestrator/shared/backoff.js';
import { ConnectionSupervisor } from '../connection-supervisor.js';
import { RecentMap } from './recent.js';
import { apiChatId, ChatAdmins, refreshAdmins } from './telegram-admins.js';
import { classifyTelegramError, connectError, describeTelegramError, toSendError, TokenRejectedError } from './telegram-errors.js';
import { timeoutRestriction } from './telegram-moderation.js';
import { roomOf, toChatEvent, type TgUpdateLike } from './telegram-normalize.js';
import { watchPolling } from './telegram-polling.js';
import { NativePolls, type TgPollAnswerLike } from './telegram-polls.js';
import { directFallback, directFallbackHint, inlineKeyboard, renderTelegram } from './telegram-render.js';

const ADMIN_REFRESH_MS = 10 * 60_000;
type CallOptions = Parameters<Telegraf['telegram']['callApi']>[2];
/** chat_member keeps roles fresh; poll_answer brings the votes of our native polls. */
const ALLOWED_UPDATES: Types.UpdateType[] = ['message', 'callback_query', 'my_chat_member', 'chat_member', 'poll', 'poll_answer'];

/**
 * How long one outbound Bot API call may take. telegraf's own limit is 500 s: a Bot API that
 * accepts the request and never answers would hold that chat's outbox for minutes; past this
 * deadline the call is aborted and the outbox retries it with backoff.
 */
export const REQUEST_DEADLINE_MS = 20_000;

/** Test seams; the app uses the defaults. */
export interface TelegramChannelOptions {
  /** Reconnect pacing (default: 1 s doubling to 60 s, with jitter). */
  backoff?: Backoff;
  /** Deadline of one outbound call (default {@link REQUEST_DEADLINE_MS}). */
  requestDeadlineMs?: number;
}

/**
 * The Telegram bot: long-polls the Bot API through telegraf, relays the configured groups, takes
 * /commands in groups and in private chats, and sends HTML through the outbox.
 */
export class TelegramChannel implements Channel {
  readonly platform = 'telegram' as const;
  readonly canDirectMessage = true;
  readonly limits: ChannelLimits = {
    perRoom: [
      { limit: 1, windowMs: 1000 },
      { limit: 20, windowMs: 60_000 },
    ],
    perBot: [{ limit: 30, windowMs: 1000 }],
    maxLength: 4096,
  };

  private readonly supervisor: ConnectionSupervisor;
  private readonly admins = new ChatAdmins();
  /** Display names of recent speakers, to mention them when a private reply has to go public. */
  private readonly names = new RecentMap<string, string>(5000);
  private readonly seen = new RecentMap<number, true>(1000);
  private readonly polls = new NativePolls();
  private readonly roomIds: string[];
  private onEvent: Ingest | undefined;
  private bot: Telegraf | undefined;
  private me: { id: number; username: string } | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly deadlineMs: number;

  constructor(
    private readonly config: TelegramChannelConfig,
    private readonly token: string,
    private readonly log: Logger,
    options: TelegramChannelOptions = {},
  ) {
    this.roomIds = config.chats.map((c) => c.id);
    this.deadlineMs = options.requestDeadlineMs ?? REQUEST_DEADLINE_MS;
    this.supervisor = new ConnectionSupervisor({
      name: 'Telegram',
      log,
      connect: () => this.connect(),
      disconnect: async () => this.retire(),
      isFatal: (err) => err instanceof TokenRejectedError,
      ...(options.backoff && { backoff: options.backoff }),
    });
  }

  async start(onEvent: Ingest): Promise<void> {
    this.onEvent = onEvent;
    // Admin lists change without an update we can see when the bot is not an admin itself.
    this.refreshTimer = setInterval(() => {
      if (this.bot !== undefined) void refreshAdmins(this.bot, this.roomIds, this.admins, this.log, this.token);
    }, ADMIN_REFRESH_MS);
    this.refreshTimer.unref();
    await this.supervisor.start();
  }

  rooms(): string[] {
    return this.roomIds;
  }

  render(out: Outbound, maxLength: number): Rendered {
    return renderTelegram(out, maxLength);
  }

  async send(request: SendRequest): Promise<void> {
    if (request.closesPoll !== undefined && request.userId === undefined) await this.closePolls(request.closesPoll, request.channelId);
    if (request.poll !== undefined && request.userId === undefined) return this.sendPoll(request, request.poll);
    const direct = request.userId !== undefined;
    const keyboard = inlineKeyboard(request.buttons ?? []);
    // A reply can only point at a message in the chat it goes to: not at the group line from a DM.
    const replyTo = request.replyToMessageId !== undefined && (!direct || request.userId === request.channelId) ? Number(request.replyToMessageId) : NaN;
    const extra: Types.ExtraReplyMessage = {
      parse_mode: 'HTML',
      // Relay lines quoting links would each unfold a large preview in the group.
      ...(request.priority === 'relay' && { link_preview_options: { is_disabled: true } }),
      ...(Number.isSafeInteger(replyTo) && { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }),
      ...(keyboard.length > 0 && { reply_markup: { inline_keyboard: keyboard } }),
    };
    try {
      await this.telegram().callApi('sendMessage', { chat_id: apiChatId(request.userId ?? request.channelId), text: request.text, ...extra }, this.deadline());
    } catch (err) {
      const failure = classifyTelegramError(err, this.token);
      if (failure.kind === 'reply-target-missing' && request.replyToMessageId !== undefined) return this.send({ ...request, replyToMessageId: undefined });
      if (failure.kind === 'forbidden' && direct && request.userId !== request.channelId) return this.sendInChat(request, failure.reason);
      if (failure.kind === 'unauthorized') this.supervisor.dropped(new Error(failure.reason));
      throw toSendError(failure);
    }
  }

  async moderate(action: ModerationAction): Promise<void> {
    const telegram = this.telegram();
    const chatId = apiChatId(action.channelId);
    const userId = action.kind === 'timeout' ? Number(action.userId) : 0;
    if (action.kind === 'timeout' && !(Number.isSafeInteger(userId) && userId > 0)) {
      throw new PermanentSendError(`Telegram cannot time out ${action.userName}: they write as a chat, not as a user`);
    }
    try {
      if (action.kind === 'delete') await telegram.callApi('deleteMessage', { chat_id: chatId, message_id: Number(action.messageId) }, this.deadline());
      else await telegram.callApi('restrictChatMember', { chat_id: chatId, user_id: userId, ...timeoutRestriction(Date.now(), action.seconds) }, this.deadline());
    } catch (err) {
      const failure = classifyTelegramError(err, this.token);
      // Deleted already (by an admin, or by its author): what we wanted has happened.
      if (action.kind === 'delete' && failure.kind === 'permanent' && /message to delete not found/i.test(failure.reason)) return;
      throw toSendError(failure);
    }
  }

  state(): ChannelState {
    return this.supervisor.state();
  }

  async stop(): Promise<void> {
    clearInterval(this.refreshTimer);
    await this.supervisor.stop();
  }

  /** One connection: getMe proves the token and names the bot; then polling runs until it fails or we retire it. */
  private async connect(): Promise<void> {
    const bot = new Telegraf(this.token, { telegram: { apiRoot: this.config.apiRoot } });
    this.bot = bot;
    watchPolling(bot, { isCurrent: () => this.bot === bot, failed: (err) => this.pollingFailed(bot, err) });
    bot.use((ctx) => this.received(bot, ctx.update as TgUpdateLike));
    bot.catch((err) => this.log.error({ err }, 'a Telegram update could not be handled'));
    let me: Awaited<ReturnType<Telegraf['telegram']['getMe']>>;
    try {
      me = await bot.telegram.getMe();
    } catch (err) {
      throw connectError(err, this.config.tokenEnv, this.token);
    }
    bot.botInfo = me;
    this.me = { id: me.id, username: me.username };
    // launch() settles only when polling ends: after retire() it resolves, on 401/409 it rejects.
    bot.launch({ allowedUpdates: ALLOWED_UPDATES }).then(
      () => this.pollingEnded(bot, 'polling stopped'),
      (err: unknown) => this.pollingEnded(bot, describeTelegramError(err, this.token)),
    );
    void refreshAdmins(bot, this.roomIds, this.admins, this.log, this.token);
  }

  /** Gives up the current bot; its long-poll is aborted and it never polls again. */
  private retire(): void {
    const bot = this.bot;
    this.bot = undefined;
    try {
      bot?.stop('showcart');
    } catch {
      // "Bot is not running!": polling had not started yet; watchPolling stops it when it does.
    }
  }

  private pollingFailed(bot: Telegraf, err: unknown): void {
    if (this.bot !== bot) return;
    const failure = classifyTelegramError(err, this.token);
    if (failure.kind === 'transient') this.supervisor.dropped(new Error(`Telegram polling failed: ${failure.reason}`));
  }

  private pollingEnded(bot: Telegraf, reason: string): void {
    if (this.bot === bot) this.supervisor.dropped(new Error(`Telegram polling ended: ${reason}`));
  }

  /**
   * A native poll: non-anonymous, or Telegram sends no poll_answer and votes could not be counted
   * once per viewer across platforms. Its question and options fit (the show schema has Telegram's limits).
   */
  private async sendPoll(request: SendRequest, poll: NativePoll): Promise<void> {
    try {
      const message = await this.telegram().callApi(
        'sendPoll',
        { chat_id: apiChatId(request.channelId), type: 'regular', question: poll.question, options: poll.options, is_anonymous: false, allows_multiple_answers: false },
        this.deadline(),
      );
      this.polls.opened(message.poll.id, { key: poll.key, chatId: request.channelId, messageId: message.message_id });
    } catch (err) {
      const failure = classifyTelegramError(err, this.token);
      // Polls can be forbidden in a group ("polls can't be sent"): the text with !vote still works there.
      if (failure.kind === 'permanent' || failure.kind === 'forbidden') {
        this.log.warn({ chat: request.channelId, reason: failure.reason }, 'native poll refused; sending the text poll instead');
        const { poll: _refused, ...text } = request;
        return this.send(text);
      }
      if (failure.kind === 'unauthorized') this.supervisor.dropped(new Error(failure.reason));
      throw toSendError(failure);
    }
  }

  /** Ends our native polls of `key` in the chat; one that is already closed or gone is fine. */
  private async closePolls(key: string, chatId: string): Promise<void> {
    for (const messageId of this.polls.closeIn(key, chatId)) {
      await this.telegram()
        .callApi('stopPoll', { chat_id: apiChatId(chatId), message_id: messageId }, this.deadline())
        .catch((err: unknown) => this.log.debug({ chat: chatId, error: describeTelegramError(err, this.token) }, 'native poll not stopped'));
    }
  }

  private received(bot: Telegraf, update: TgUpdateLike): void {
    const me = this.me;
    if (this.bot !== bot || me === undefined) return;
    // After a reconnect Telegram repeats the last batch: its offset was never confirmed.
    if (this.seen.has(update.update_id)) return;
    this.seen.set(update.update_id, true);
    this.trackMembers(bot, update);
    const query = update.callback_query;
    if (query !== undefined) {
      // Unanswered, the viewer's button spins and then shows an error.
      bot.telegram.answerCbQuery(query.id).catch((err: unknown) => this.log.debug({ error: describeTelegramError(err, this.token) }, 'button press not acknowledged'));
    }
    const answer = (update as { poll_answer?: TgPollAnswerLike }).poll_answer;
    if (answer !== undefined) {
      const vote = this.polls.answerEvent(answer, (userId, room) => this.admins.roleOf(userId, room), Date.now());
      if (vote !== undefined) void this.onEvent?.(vote);
      return;
    }
    const event = toChatEvent(update, {
      botId: me.id,
      botUsername: me.username,
      rooms: this.roomIds,
      roleOf: (userId, room) => this.admins.roleOf(userId, room),
      now: Date.now(),
    });
    if (event === undefined) return;
    if (!event.self) this.names.set(event.user.id, event.user.name);
    void this.onEvent?.(event);
  }

  private trackMembers(bot: Telegraf, update: TgUpdateLike): void {
    const changed = update.chat_member ?? update.my_chat_member;
    const room = changed && roomOf(changed.chat, this.roomIds);
    if (changed === undefined || room === undefined) return;
    this.admins.apply(room, changed.new_chat_member.user.id, changed.new_chat_member.status);
    if (update.my_chat_member !== undefined) {
      // The bot itself was promoted or removed: what it may see and do in the chat changed.
      this.log.info({ room, status: changed.new_chat_member.status }, 'the bot’s status in a Telegram chat changed');
      void refreshAdmins(bot, [room], this.admins, this.log, this.token);
    }
  }

  /** Telegram would not deliver a private message: say it in the chat it was asked in, mentioning the viewer. */
  private async sendInChat(request: SendRequest, reason: string): Promise<void> {
    const userId = request.userId!;
    this.log.info({ userId, reason }, 'private message refused; answering in the chat instead');
    const user = { id: userId, name: this.names.get(userId) };
    // A secret (a one-time code) never goes to the group: only the mention and how to get it privately.
    const parts = request.secret
      ? [directFallbackHint(user, this.me?.username)]
      : directFallback(request.text, user, this.me?.username, this.limits.maxLength);
    for (const [i, text] of parts.entries()) {
      await this.send({
        channelId: request.channelId,
        text,
        priority: request.priority,
        ...(i === 0 && request.replyToMessageId !== undefined && { replyToMessageId: request.replyToMessageId }),
        ...(i === parts.length - 1 && request.buttons && { buttons: request.buttons }),
      });
    }
  }

  /** telegraf types the signal as the old abort-controller shim; its node-fetch takes Node's own. */
  private deadline(): CallOptions {
    return { signal: AbortSignal.timeout(this.deadlineMs) } as unknown as CallOptions;
  }

  private telegram(): Telegraf['telegram'] {
    if (this.bot === undefined) throw new Error('Telegram is not connected');
    return this.bot.telegram;
  }
}
