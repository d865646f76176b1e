import type { ChatEvent, Role } from '../../orchestrator/chat-types.js';

// The parts of Bot API payloads the adapter reads; real updates carry more fields.

/** A Telegram user as updates show it. */
export interface TgUserLike {
  id: number;
  is_bot?: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

/** A chat: `private`, `group`, `supergroup` or `channel`. */
export interface TgChatLike {
  id: number;
  type: string;
  title?: string;
  username?: string;
}

/** A message; only text and photo captions become chat lines. */
export interface TgMessageLike {
  message_id: number;
  chat: TgChatLike;
  from?: TgUserLike;
  /** Set when someone speaks as a chat: an anonymous group admin, or a channel. */
  sender_chat?: TgChatLike;
  author_signature?: string;
  is_automatic_forward?: boolean;
  text?: string;
  caption?: string;
}

/** An inline-button press; `message` is the bot's message that carried the button. */
export interface TgCallbackQueryLike {
  id: string;
  from: TgUserLike;
  message?: TgMessageLike;
  data?: string;
}

/** Someone's status in a chat changed (chat_member), or the bot's own (my_chat_member). */
export interface TgChatMemberUpdatedLike {
  chat: TgChatLike;
  new_chat_member: { status: string; user: TgUserLike };
}

/** One update from getUpdates: its id and one payload. */
export interface TgUpdateLike {
  update_id: number;
  message?: TgMessageLike;
  callback_query?: TgCallbackQueryLike;
  chat_member?: TgChatMemberUpdatedLike;
  my_chat_member?: TgChatMemberUpdatedLike;
}

/** The roles a chat's admin list can give. */
export type AdminRole = Extract<Role, 'broadcaster' | 'moderator'>;

/** What normalizing needs besides the update: who the bot is, which chats it serves, who the admins are. */
export interface NormalizeContext {
  botId: number;
  botUsername: string;
  /** Chat ids as the show file lists them: `-1001234567890` or `@publicgroup`. */
  rooms: readonly string[];
  /** The user's admin role in `room` (in any room when undefined), from getChatAdministrators. */
  roleOf(userId: number, room?: string): AdminRole | undefined;
  now: number;
}

/** creator → broadcaster, administrator → moderator; everyone else has no admin role. */
export function roleForStatus(status: string): AdminRole | undefined {
  if (status === 'creator') return 'broadcaster';
  if (status === 'administrator') return 'moderator';
  return undefined;
}

/** The configured room a chat is, by id or by public @username; undefined for chats we do not serve. */
export function roomOf(chat: TgChatLike, rooms: readonly string[]): string | undefined {
  const id = String(chat.id);
  const handle = chat.username ? `@${chat.username.toLowerCase()}` : undefined;
  return rooms.find((r) => r === id || (handle !== undefined && r.toLowerCase() === handle));
}

/** "Alice Smith", or the username when the names are blank. */
export function displayName(user: TgUserLike): string {
  const full = [user.first_name, user.last_name]
    .filter((s) => s !== undefined && s.trim() !== '')
    .join(' ')
    .trim();
  return full || user.username || `user ${user.id}`;
}

/** `/help@otherbot` in a group is for another bot; answering it would be rude and confusing. */
export function addressedElsewhere(text: string, botUsername: string): boolean {
  const target = /^\/[A-Za-z0-9_]+@([A-Za-z0-9_]+)/.exec(text)?.[1];
  return target !== undefined && target.toLowerCase() !== botUsername.toLowerCase();
}

interface Author {
  id: string;
  name: string;
  admin: AdminRole | undefined;
}

/** Who wrote a line: `from`, unless they spoke as a chat (`sender_chat`). */
type Speaker = Pick<TgMessageLike, 'from' | 'sender_chat' | 'author_signature'>;

function authorOf(chat: TgChatLike, speaker: Speaker, room: string | undefined, ctx: NormalizeContext): Author | undefined {
  const sender = speaker.sender_chat;
  if (sender !== undefined) {
    // Anonymous admins post as the group itself; a member may also speak as one of their channels.
    const anonymousAdmin = sender.id === chat.id;
    const name = (anonymousAdmin ? speaker.author_signature : undefined) ?? sender.title ?? sender.username ?? 'Anonymous';
    return { id: String(sender.id), name, admin: anonymousAdmin ? 'moderator' : undefined };
  }
  const from = speaker.from;
  if (from === undefined) return undefined;
  return { id: String(from.id), name: displayName(from), admin: ctx.roleOf(from.id, room) };
}

/**
 * One inbound line as a ChatEvent, or undefined when it is not ours to handle: another group,
 * a channel, a message without text, a command for another bot. Private chats become `direct`
 * events so viewers can DM commands to the bot.
 */
function toEvent(message: TgMessageLike, speaker: Speaker, text: string | undefined, ctx: NormalizeContext): ChatEvent | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const direct = message.chat.type === 'private';
  const group = message.chat.type === 'group' || message.chat.type === 'supergroup';
  const room = direct ? undefined : roomOf(message.chat, ctx.rooms);
  if (!direct && (!group || room === undefined)) return undefined;
  if (addressedElsewhere(text, ctx.botUsername)) return undefined;
  const author = authorOf(message.chat, speaker, room, ctx);
  if (author === undefined) return undefined;
  // In a group everyone is a member; in a private chat only an admin role from the groups counts.
  const roles: Role[] = [...(author.admin ? [author.admin] : []), ...(direct ? [] : (['member'] as const))];
  const self = speaker.sender_chat === undefined && speaker.from?.id === ctx.botId;
  return {
    platform: 'telegram',
    channelId: room ?? String(message.chat.id),
    messageId: String(message.message_id),
    user: { id: author.id, name: author.name, roles },
    text,
    receivedAt: ctx.now,
    ...(self && { self: true }),
    ...(direct && { direct: true }),
  };
}

/**
 * A deep link `t.me/<bot>?start=cart` makes the client send "/start cart" when the viewer presses
 * Start: the parameter is the command they came for (a merged notice's "My cart" button), so it
 * is handled as "/cart". A bare "/start" stays the greeting.
 */
export function startedCommand(text: string): string {
  const parameter = /^\/start(?:@[A-Za-z0-9_]+)?\s+([A-Za-z0-9_-]{1,64})\s*$/.exec(text)?.[1];
  return parameter === undefined ? text : `/${parameter}`;
}

/**
 * Normalizes a Bot API update: a text message (or a photo's caption), or an inline-button press,
 * whose `data` is the command it stands for and which counts as the presser typing it.
 */
export function toChatEvent(update: TgUpdateLike, ctx: NormalizeContext): ChatEvent | undefined {
  if (update.message !== undefined) {
    const m = update.message;
    // A channel post the group mirrors automatically is the seller's announcement, not chat.
    if (m.is_automatic_forward) return undefined;
    const text = m.text ?? m.caption;
    return toEvent(m, m, m.chat.type === 'private' && text !== undefined ? startedCommand(text) : text, ctx);
  }
  const query = update.callback_query;
  if (query?.message !== undefined && query.data !== undefined) return toEvent(query.message, { from: query.from }, query.data, ctx);
  return undefined;
}
