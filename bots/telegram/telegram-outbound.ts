import type { Logger } from 'pino';
import type { Types } from 'telegraf';
import { DirectRefused, PermanentSendError, type SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, NativePoll } from '../../orchestrator/chat-types.js';
import { usableLink } from '../render-link.js';
import type { RecentMap } from './recent.js';
import { apiChatId } from './telegram-admins.js';
import type { TelegramCalls } from './telegram-calls.js';
import { chatFallback } from './telegram-dm-fallback.js';
import { failureOf, refusedButtonUrl } from './telegram-errors.js';
import { timeoutRestriction } from './telegram-moderation.js';
import type { NativePolls } from './telegram-polls.js';
import { inlineKeyboard, linkTail, takesUrlButton } from './telegram-render.js';

/** What {@link TelegramOutbound} shares with the rest of the adapter. */
export interface OutboundDeps {
  calls: TelegramCalls;
  polls: NativePolls;
  /** Display names of recent speakers, to mention them when a private reply has to go public. */
  names: RecentMap<string, string>;
  log: Logger;
  /** The bot's @username once connected, for the "open @bot and press Start" hint. */
  botUsername: () => string | undefined;
  maxLength: number;
}

/** What the adapter sends and how it moderates; every Bot API call goes through `deps.calls`. */
export class TelegramOutbound {
  /** People who never pressed Start (a private message to them was refused), with when we learned it. */
  private readonly unreachable = new Map<string, number>();

  constructor(private readonly deps: OutboundDeps) {}

  async send(request: SendRequest): Promise<void> {
    return this.sendMessage(request, false);
  }

  /** `linkInText`: Telegram refused the link as a button once, so its address goes in the text. */
  private async sendMessage(request: SendRequest, linkInText: boolean): Promise<void> {
    // Known not to take private messages: the room gets it at once, without another refused call.
    if (request.userId !== undefined && request.userId !== request.channelId && this.stillUnreachable(request.userId))
      throw this.inChat({ ...request, userId: request.userId });
    if (request.closesPoll !== undefined && request.userId === undefined) await this.closePolls(request.closesPoll, request.channelId);
    if (request.poll !== undefined && request.userId === undefined) return this.sendPoll(request, request.poll);
    const direct = request.userId !== undefined;
    const link = usableLink(request.link);
    const asButton = link !== undefined && !linkInText && takesUrlButton(link.url);
    // The renderer left room for the address in the last part (the DM fallback too).
    const text = link !== undefined && !asButton ? request.text + linkTail(link) : request.text;
    const keyboard = inlineKeyboard(request.buttons ?? [], asButton ? link : undefined, this.deps.botUsername());
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
      await this.deps.calls.call('sendMessage', { chat_id: apiChatId(request.userId ?? request.channelId), text, ...extra });
    } catch (err) {
      const failure = failureOf(err);
      if (failure?.kind === 'reply-target-missing' && request.replyToMessageId !== undefined)
        return this.sendMessage({ ...request, replyToMessageId: undefined }, linkInText);
      if (asButton && refusedButtonUrl(failure)) {
        this.deps.log.warn({ host: new URL(link.url).host, reason: failure?.reason }, 'Telegram refused the link as a button; sending its address in the text');
        return this.sendMessage(request, true);
      }
      if (failure?.kind === 'forbidden' && request.userId !== undefined && request.userId !== request.channelId) {
        this.deps.log.info({ userId: request.userId, reason: failure.reason }, 'private message refused; answering in the chat instead');
        this.unreachable.set(request.userId, Date.now());
        if (this.unreachable.size > 10_000) this.unreachable.delete(this.unreachable.keys().next().value!);
        throw this.inChat({ ...request, userId: request.userId });
      }
      throw err;
    }
  }

  async moderate(action: ModerationAction): Promise<void> {
    const chatId = apiChatId(action.channelId);
    if (action.kind === 'delete') {
      try {
        await this.deps.calls.call('deleteMessage', { chat_id: chatId, message_id: Number(action.messageId) });
      } catch (err) {
        const failure = failureOf(err);
        // Deleted already (by an admin, or by its author): what we wanted has happened.
        if (failure?.kind === 'permanent' && /message to delete not found/i.test(failure.reason)) return;
        throw err;
      }
      return;
    }
    const userId = Number(action.userId);
    if (!(Number.isSafeInteger(userId) && userId > 0)) {
      throw new PermanentSendError(`Telegram cannot time out ${action.userName}: they write as a chat, not as a user`);
    }
    await this.deps.calls.call('restrictChatMember', { chat_id: chatId, user_id: userId, ...timeoutRestriction(Date.now(), action.seconds) });
  }

  /**
   * A native poll: non-anonymous, or Telegram sends no poll_answer and votes could not be counted
   * once per viewer across platforms. Its question and options fit (the show schema has Telegram's limits).
   */
  private async sendPoll(request: SendRequest, poll: NativePoll): Promise<void> {
    try {
      const message = await this.deps.calls.call('sendPoll', {
        chat_id: apiChatId(request.channelId),
        type: 'regular',
        question: poll.question,
        options: poll.options,
        is_anonymous: false,
        allows_multiple_answers: false,
      });
      this.deps.polls.opened(message.poll.id, { key: poll.key, chatId: request.channelId, messageId: message.message_id });
    } catch (err) {
      const failure = failureOf(err);
      // Polls can be forbidden in a group ("polls can't be sent"): the text with !vote still works there.
      if (failure?.kind === 'permanent' || failure?.kind === 'forbidden') {
        this.deps.log.warn({ chat: request.channelId, reason: failure.reason }, 'native poll refused; sending the text poll instead');
        const { poll: _refused, ...text } = request;
        return this.send(text);
      }
      throw err;
    }
  }

  /** Ends our native polls of `key` in the chat; one that is already closed or gone is fine. */
  private async closePolls(key: string, chatId: string): Promise<void> {
    for (const messageId of this.deps.polls.closeIn(key, chatId)) {
      await this.deps.calls.tryCall('stopPoll', { chat_id: apiChatId(chatId), message_id: messageId }, 'native poll not stopped');
    }
  }

  /** What the chat gets instead of a refused private message; the outbox sends it within the chat's window. */
  private inChat(request: SendRequest & { userId: string }): DirectRefused {
    // The name heard in chat, else the one stored with the message: after a restart nobody has spoken yet.
    const name = this.deps.names.get(request.userId) ?? request.userName;
    return new DirectRefused(chatFallback(request, name, this.deps.botUsername(), this.deps.maxLength));
  }

  /** Someone who pressed Start since may be reached again: a refusal is trusted for ten minutes. */
  private stillUnreachable(userId: string): boolean {
    const since = this.unreachable.get(userId);
    if (since === undefined) return false;
    if (Date.now() - since < 10 * 60_000) return true;
    this.unreachable.delete(userId);
    return false;
  }
}
