import { GuildMember, PermissionFlagsBits, type ButtonInteraction, type Message, type PermissionsBitField, type User } from 'discord.js';
import type { DiscordAuthor, DiscordMemberFacts, InboundFacts } from './discord-inbound.js';

/** Either permission lets someone clean up chat, which is what "moderator" means to a show. */
const MODERATION = [PermissionFlagsBits.ManageMessages, PermissionFlagsBits.ModerateMembers];

function authorOf(user: User): DiscordAuthor {
  return { id: user.id, username: user.username, globalName: user.globalName, bot: user.bot };
}

function canModerate(permissions: Readonly<PermissionsBitField> | null | undefined): boolean {
  return permissions?.any(MODERATION) ?? false;
}

function memberOf(member: GuildMember, ownerId: string, permissions: Readonly<PermissionsBitField> | null): DiscordMemberFacts {
  return {
    nickname: member.nickname,
    roleIds: [...member.roles.cache.keys()],
    boosting: member.premiumSinceTimestamp !== null,
    canModerate: canModerate(permissions),
    isOwner: member.id === ownerId,
  };
}

/** Reads what the normalizer needs from a discord.js message (the thin shell around `toChatEvent`). */
export function messageFacts(message: Message, now = Date.now()): InboundFacts {
  const base = {
    channelId: message.channelId,
    messageId: message.id,
    inGuild: message.inGuild(),
    text: message.content,
    at: now,
    author: authorOf(message.author),
  };
  if (!message.inGuild() || !message.member) return base;
  let permissions: Readonly<PermissionsBitField> | null = null;
  try {
    permissions = message.member.permissionsIn(message.channelId);
  } catch {
    // The channel is not in the cache (a thread we do not serve): no moderator powers known.
  }
  return { ...base, member: memberOf(message.member, message.guild.ownerId, permissions) };
}

/**
 * A button press as an inbound line: the text is the button's custom id (the command) and the
 * author is whoever pressed. Discord computes the presser's permissions in that channel for us.
 */
export function buttonFacts(interaction: ButtonInteraction, now = Date.now()): InboundFacts {
  const base = {
    channelId: interaction.channelId,
    messageId: interaction.id,
    inGuild: interaction.inGuild(),
    text: interaction.customId,
    at: now,
    author: authorOf(interaction.user),
  };
  const member = interaction.member;
  if (!interaction.inGuild() || member === null) return base;
  if (member instanceof GuildMember) {
    return { ...base, member: memberOf(member, interaction.guild?.ownerId ?? '', interaction.memberPermissions) };
  }
  // An uncached server: the raw member from the payload still has roles and boost status.
  return {
    ...base,
    member: {
      nickname: member.nick ?? null,
      roleIds: member.roles,
      boosting: member.premium_since != null,
      canModerate: canModerate(interaction.memberPermissions),
      isOwner: interaction.guild?.ownerId === interaction.user.id,
    },
  };
}
