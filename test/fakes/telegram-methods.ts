/**
 * Bot API method handlers of the fake Telegram, with the state they need.
 * Kept apart from the HTTP side so the transport file stays readable.
 */
import { decodeNested, paramText } from './http-util.js';
import { htmlMentions } from './telegram-entities.js';
import { markupProblem } from './telegram-markup.js';
import type { FakePayments } from './telegram-payments.js';

/** A Telegram user as the Bot API shows it. */
export interface TgUser {
  id: number;
  first_name: string;
  username?: string;
  last_name?: string;
  is_bot?: boolean;
  language_code?: string;
}

/** Chat kinds a test can inject into. */
export type TgChatType = 'private' | 'group' | 'supergroup' | 'channel';

/** The chat object of a message. */
export interface TgChat {
  id: number;
  type: TgChatType;
  title?: string;
  first_name?: string;
  username?: string;
}

/** The subset of a Bot API Message the fake produces. */
export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  entities?: Array<{ type: string; offset: number; length: number; user?: { id: number; is_bot: boolean; first_name: string } }>;
  reply_markup?: unknown;
  reply_to_message?: TgMessage;
  poll?: TgPoll;
  edit_date?: number;
}

/** A native poll as the fake stores it. */
export interface TgPoll {
  id: string;
  question: string;
  options: Array<{ text: string; voter_count: number }>;
  total_voter_count: number;
  is_closed: boolean;
  is_anonymous: boolean;
  type: string;
  allows_multiple_answers: boolean;
}

/** A Bot API failure, answered as `{ok:false,error_code,description,parameters}`. */
export class TgApiError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

/** Member statuses getChatMember can answer. */
export type TgMemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

const MAX_TEXT = 4096;
const badRequest = (what: string): TgApiError => new TgApiError(400, `Bad Request: ${what}`);

/** Chats, messages and polls the fake knows, plus the method table acting on them. */
export class TelegramState {
  readonly chats = new Map<string, TgChat>();
  readonly messages = new Map<string, TgMessage>();
  readonly polls = new Map<string, { poll: TgPoll; chatId: number; messageId: number }>();
  readonly memberStatus = new Map<string, TgMemberStatus>();
  /** Invoices and pre-checkout answers; set by the fake that owns this state. */
  payments: Pick<FakePayments, 'sendInvoice' | 'answer'> | undefined;
  private seq = 0;

  constructor(
    readonly bot: TgUser,
    private readonly admins: readonly number[],
  ) {}

  /** One counter for update and message ids: both only need to grow. */
  nextId(): number {
    return ++this.seq;
  }

  /** The chat for an id, remembered from injections or guessed from its sign. */
  chat(rawId: unknown): TgChat {
    const id = toChatId(rawId);
    const known = this.chats.get(String(id));
    if (known !== undefined) return known;
    if (id > 0) return { id, type: 'private', first_name: `User ${id}` };
    return { id, type: String(id).startsWith('-100') ? 'supergroup' : 'group', title: `Chat ${id}` };
  }

  /** Stores a message so later edits, deletes and callbacks can find it. */
  remember(message: TgMessage): TgMessage {
    this.messages.set(`${message.chat.id}:${message.message_id}`, message);
    return message;
  }

  /** Runs one Bot API method; unknown methods succeed with `true`. */
  call(method: string, p: Record<string, unknown>): unknown {
    switch (method) {
      case 'getMe':
        return { ...this.bot, is_bot: true, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'sendMessage':
        return this.sendMessage(p);
      case 'editMessageText':
        return this.editMessageText(p);
      case 'deleteMessage':
        if (!this.messages.delete(`${toChatId(p.chat_id)}:${Number(p.message_id)}`)) throw badRequest('message to delete not found');
        return true;
      case 'sendPoll':
        return this.sendPoll(p);
      case 'stopPoll':
        return this.stopPoll(p);
      case 'getChat':
        return this.chat(p.chat_id);
      case 'getChatMember':
        return this.chatMember(p);
      case 'sendInvoice':
        if (this.payments === undefined) return true;
        return this.remember(this.payments.sendInvoice(p, this.base(p)));
      case 'answerPreCheckoutQuery':
        return this.payments === undefined ? true : this.payments.answer(p);
      default:
        // deleteWebhook, restrictChatMember, banChatMember, answerCallbackQuery,
        // setMyCommands, close, logOut and anything new: recorded, then true
        return true;
    }
  }

  private base(p: Record<string, unknown>): TgMessage {
    const message: TgMessage = { message_id: this.nextId(), date: unixNow(), chat: this.chat(p.chat_id), from: { ...this.bot, is_bot: true } };
    const markup = checkMarkup(p.reply_markup);
    if (markup !== undefined) message.reply_markup = markup;
    const replyTo = Number(p.reply_to_message_id ?? (decodeNested(p.reply_parameters) as { message_id?: number } | undefined)?.message_id);
    const original = this.messages.get(`${message.chat.id}:${replyTo}`);
    if (original !== undefined) message.reply_to_message = original;
    return message;
  }

  private sendMessage(p: Record<string, unknown>): TgMessage {
    const text = checkText(p.text);
    const mentions = p.parse_mode === 'HTML' ? htmlMentions(text) : [];
    return this.remember({ ...this.base(p), text, ...(mentions.length > 0 && { entities: mentions }) });
  }

  private editMessageText(p: Record<string, unknown>): TgMessage {
    const key = `${toChatId(p.chat_id)}:${Number(p.message_id)}`;
    const message = this.messages.get(key);
    if (message === undefined) throw badRequest('message to edit not found');
    const text = checkText(p.text);
    if (text === message.text) throw badRequest('message is not modified');
    const markup = checkMarkup(p.reply_markup);
    return this.remember({ ...message, text, edit_date: unixNow(), ...(markup === undefined ? {} : { reply_markup: markup }) });
  }

  private sendPoll(p: Record<string, unknown>): TgMessage {
    const raw = decodeNested(p.options);
    const options = Array.isArray(raw) ? raw.map((o) => (typeof o === 'string' ? o : String((o as { text?: unknown }).text))) : [];
    if (options.length < 2 || options.length > 12) throw badRequest('poll must have 2-12 options');
    const message = this.base(p);
    const poll: TgPoll = {
      id: `poll-${message.message_id}`,
      question: paramText(p.question),
      options: options.map((text) => ({ text, voter_count: 0 })),
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: p.is_anonymous === undefined ? true : p.is_anonymous === true || p.is_anonymous === 'true',
      type: paramText(p.type, 'regular'),
      allows_multiple_answers: p.allows_multiple_answers === true || p.allows_multiple_answers === 'true',
    };
    this.polls.set(poll.id, { poll, chatId: message.chat.id, messageId: message.message_id });
    return this.remember({ ...message, poll });
  }

  private stopPoll(p: Record<string, unknown>): TgPoll {
    const message = this.messages.get(`${toChatId(p.chat_id)}:${Number(p.message_id)}`);
    if (message?.poll === undefined) throw badRequest('message with poll to stop not found');
    if (message.poll.is_closed) throw badRequest('poll has already been closed');
    message.poll.is_closed = true;
    return message.poll;
  }

  private chatMember(p: Record<string, unknown>): Record<string, unknown> {
    const userId = Number(p.user_id);
    const chatId = toChatId(p.chat_id);
    const status = this.memberStatus.get(`${chatId}:${userId}`) ?? (this.admins.includes(userId) ? 'administrator' : 'member');
    const user = userId === this.bot.id ? { ...this.bot, is_bot: true } : { id: userId, is_bot: false, first_name: `User ${userId}` };
    if (status !== 'administrator') return { status, user };
    return {
      status,
      user,
      can_be_edited: false,
      is_anonymous: false,
      can_manage_chat: true,
      can_delete_messages: true,
      can_restrict_members: true,
      can_promote_members: false,
      can_change_info: false,
      can_invite_users: true,
      can_pin_messages: true,
    };
  }
}

function checkText(raw: unknown): string {
  const text = paramText(raw);
  if (text.trim().length === 0) throw badRequest('message text is empty');
  if (text.length > MAX_TEXT) throw badRequest('message is too long');
  return text;
}

/** `reply_markup` decoded, or the 400 Telegram answers for a malformed one (an inline button with no action, a bad URL…). */
function checkMarkup(raw: unknown): unknown {
  const markup = decodeNested(raw);
  if (markup === undefined) return undefined;
  const problem = markupProblem(markup);
  if (problem !== undefined) throw badRequest(problem);
  return markup;
}

/** Chat ids arrive as numbers (JSON) or strings (forms). */
export function toChatId(raw: unknown): number {
  const id = Number(raw);
  if (!Number.isFinite(id)) throw badRequest('chat not found');
  return id;
}

/** Bot API dates are Unix seconds. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}
