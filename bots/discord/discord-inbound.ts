import type { ChatEvent, Role } from '../../orchestrator/chat-types.js';

/** The author of a message or of a button press, as Discord describes them. */
export interface DiscordAuthor {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
}

/** What matters about a server member for names and roles. */
export interface DiscordMemberFacts {
  /** Server nickname, when the member has one. */
  nickname: string | null;
  roleIds: readonly string[];
  /** Boosting the server: Discord's closest thing to a paying subscriber. */
  boosting: boolean;
  /** Manage Messages or Moderate Members in that channel (Administrator and the owner have both). */
  canModerate: boolean;
  isOwner: boolean;
}

/** One inbound line (a message or a button press) reduced to plain data, so normalizing is pure. */
export interface InboundFacts {
  channelId: string;
  /** The message id, or the interaction id for a button press. */
  messageId: string;
  /** False for direct messages to the bot. */
  inGuild: boolean;
  text: string;
  at: number;
  author: DiscordAuthor;
  member?: DiscordMemberFacts;
}

export interface InboundContext {
  /** Our bot's user id, once logged in. */
  botUserId: string | undefined;
  /** The configured channel ids: only these are relayed and answered. */
  rooms: ReadonlySet<string>;
  /** Role ids the show file counts as moderators. */
  moderatorRoles: ReadonlySet<string>;
}

/** Discord's own words for who someone is here, mapped onto showcart's roles. */
export function rolesOf(member: DiscordMemberFacts | undefined, moderatorRoles: ReadonlySet<string>): Role[] {
  if (!member) return [];
  const roles: Role[] = [];
  if (member.isOwner) roles.push('broadcaster');
  if (member.canModerate || member.roleIds.some((id) => moderatorRoles.has(id))) roles.push('moderator');
  if (member.boosting) roles.push('subscriber');
  roles.push('member');
  return roles;
}

/** The name people see in that server: nickname, then display name, then username. */
export function displayName(author: DiscordAuthor, member: DiscordMemberFacts | undefined): string {
  return member?.nickname ?? author.globalName ?? author.username;
}

/**
 * Normalizes one Discord line into a ChatEvent, or undefined when it is none of our business:
 * a server channel that is not configured, or a line without text (an image, a sticker).
 * Our own lines and other bots' lines are marked `self`, so they are never relayed or answered
 * and two bridges in one server cannot echo each other forever.
 */
export function toChatEvent(facts: InboundFacts, ctx: InboundContext): ChatEvent | undefined {
  const direct = !facts.inGuild;
  if (!direct && !ctx.rooms.has(facts.channelId)) return undefined;
  const text = facts.text.trim();
  if (text === '') return undefined;
  const self = facts.author.bot || facts.author.id === ctx.botUserId;
  return {
    platform: 'discord',
    channelId: facts.channelId,
    messageId: facts.messageId,
    user: {
      id: facts.author.id,
      name: displayName(facts.author, facts.member),
      roles: rolesOf(facts.member, ctx.moderatorRoles),
      ...(facts.member && { platformRoles: [...facts.member.roleIds] }),
    },
    text,
    receivedAt: facts.at,
    ...(self && { self: true }),
    ...(direct && { direct: true }),
  };
}
