import type { ChatUserstate } from 'tmi.js';
import type { ChatEvent, Role } from '../../orchestrator/chat-types.js';

/** "#CandleShop" → "candleshop": rooms are channel logins without the IRC '#'. */
export function roomOf(channel: string): string {
  return channel.replace(/^#/, '').toLowerCase();
}

/**
 * Roles from Twitch's tags. Badges are what Twitch shows, but the `mod` / `subscriber` / `vip`
 * tags are set too (and are the only signal when a viewer hides a badge), so either counts.
 * A founder badge replaces the subscriber badge for a channel's first subscribers.
 */
export function rolesFromTags(tags: ChatUserstate): Role[] {
  const badges = tags.badges ?? {};
  const roles: Role[] = [];
  if (badges.broadcaster !== undefined) roles.push('broadcaster');
  if (badges.moderator !== undefined || tags.mod === true || tags['user-type'] === 'mod') roles.push('moderator');
  if (badges.vip !== undefined || tags.vip === true) roles.push('vip');
  if (badges.subscriber !== undefined || badges.founder !== undefined || tags.subscriber === true) roles.push('subscriber');
  return roles;
}

/**
 * tmi.js turns every tag value "1" into true and "0" into false, ids and names included (a
 * user-id of 1 arrives as `true`); this reads a tag back as the text Twitch sent.
 */
export function tagText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return undefined;
}

export interface IncomingLine {
  channel: string;
  tags: ChatUserstate;
  text: string;
  /** tmi.js's own flag: the line was written by the account we are logged in as. */
  self: boolean;
  receivedAt: number;
}

/**
 * One tmi.js `message` into a ChatEvent, or undefined for what is not room chat (whispers need
 * a verified bot on Twitch, so the bot never takes them). `/me` actions count as chat.
 */
export function toChatEvent(line: IncomingLine): ChatEvent | undefined {
  const { tags } = line;
  if (tags['message-type'] === 'whisper') return undefined;
  const login = tagText(tags.username) ?? '';
  const channelId = roomOf(line.channel);
  return {
    platform: 'twitch',
    channelId,
    // Our own lines as tmi.js echoes them locally carry no id; they are never answered anyway.
    messageId: tagText(tags.id) ?? `local-${channelId}-${line.receivedAt}`,
    user: {
      id: tagText(tags['user-id']) ?? login,
      name: tagText(tags['display-name'])?.trim() || login,
      roles: rolesFromTags(tags),
    },
    text: line.text,
    receivedAt: line.receivedAt,
    ...(line.self && { self: true }),
  };
}
