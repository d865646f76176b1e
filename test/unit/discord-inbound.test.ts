import { describe, expect, it } from 'vitest';
import { displayName, rolesOf, toChatEvent, type DiscordMemberFacts, type InboundContext, type InboundFacts } from '../../bots/discord/discord-inbound.js';

const LIVE = '700000000000000001';
const MODS = '600000000000000001';
const BOT_ID = '900000000000000001';
const ctx: InboundContext = { botUserId: BOT_ID, rooms: new Set([LIVE]), moderatorRoles: new Set([MODS]) };

const plainMember: DiscordMemberFacts = { nickname: null, roleIds: [], boosting: false, canModerate: false, isOwner: false };

/** A guild message as discord.js hands it over (MESSAGE_CREATE for a member with no special roles). */
function line(overrides: Partial<InboundFacts> = {}, member: Partial<DiscordMemberFacts> | null = {}): InboundFacts {
  return {
    channelId: LIVE,
    messageId: '1300000000000000001',
    inGuild: true,
    text: 'hi all',
    at: 1_700_000_000_000,
    author: { id: '300000000000000001', username: 'alice', globalName: 'Alice', bot: false },
    ...(member !== null && { member: { ...plainMember, ...member } }),
    ...overrides,
  };
}

describe('Discord inbound normalizing', () => {
  it('GIVEN a member writing in a configured channel WHEN normalized THEN it is a ChatEvent with id, display name, text and the member role', () => {
    expect(toChatEvent(line(), ctx)).toEqual({
      platform: 'discord',
      channelId: LIVE,
      messageId: '1300000000000000001',
      user: { id: '300000000000000001', name: 'Alice', roles: ['member'], platformRoles: [] },
      text: 'hi all',
      receivedAt: 1_700_000_000_000,
    });
  });

  it('GIVEN a channel that is not configured WHEN normalized THEN it is ignored', () => {
    expect(toChatEvent(line({ channelId: '700000000000000999' }), ctx)).toBeUndefined();
  });

  it('GIVEN a direct message (no guild) WHEN normalized THEN it is marked direct AND has no roles', () => {
    const event = toChatEvent(line({ channelId: '710000000000000001', inGuild: false }, null), ctx);
    expect(event).toMatchObject({ direct: true, channelId: '710000000000000001', user: { roles: [] } });
  });

  it("GIVEN the bot's own message WHEN normalized THEN it is marked self", () => {
    const event = toChatEvent(line({ author: { id: BOT_ID, username: 'showcart', globalName: null, bot: true } }), ctx);
    expect(event?.self).toBe(true);
  });

  it("GIVEN another bot's message WHEN normalized THEN it is marked self too, so two bridges never echo each other", () => {
    const event = toChatEvent(line({ text: '!help', author: { id: '400000000000000001', username: 'otherbot', globalName: null, bot: true } }), ctx);
    expect(event?.self).toBe(true);
  });

  it('GIVEN a message without text (an image, or the Message Content intent missing) WHEN normalized THEN it is ignored', () => {
    expect(toChatEvent(line({ text: '  ' }), ctx)).toBeUndefined();
  });

  it('GIVEN a command WHEN normalized THEN its text is passed as written, for the one command parser', () => {
    expect(toChatEvent(line({ text: '!buy VAN 2' }), ctx)?.text).toBe('!buy VAN 2');
  });

  it('GIVEN the server owner WHEN roles are mapped THEN they are broadcaster, moderator and member', () => {
    expect(rolesOf({ ...plainMember, isOwner: true, canModerate: true }, ctx.moderatorRoles)).toEqual(['broadcaster', 'moderator', 'member']);
  });

  it('GIVEN Manage Messages or Moderate Members in the channel WHEN roles are mapped THEN moderator', () => {
    expect(rolesOf({ ...plainMember, canModerate: true }, ctx.moderatorRoles)).toEqual(['moderator', 'member']);
  });

  it('GIVEN a role listed in moderatorRoles WHEN roles are mapped THEN moderator, without any permission', () => {
    expect(rolesOf({ ...plainMember, roleIds: ['600000000000000777', MODS] }, ctx.moderatorRoles)).toEqual(['moderator', 'member']);
  });

  it('GIVEN a server booster WHEN roles are mapped THEN subscriber', () => {
    expect(rolesOf({ ...plainMember, boosting: true }, ctx.moderatorRoles)).toEqual(['subscriber', 'member']);
  });

  it('GIVEN nickname, global name and username WHEN naming THEN the server nickname wins, then the global name, then the username', () => {
    const author = { id: '1', username: 'alice', globalName: 'Alice A.', bot: false };
    expect(displayName(author, { ...plainMember, nickname: 'Ally' })).toBe('Ally');
    expect(displayName(author, plainMember)).toBe('Alice A.');
    expect(displayName({ ...author, globalName: null }, undefined)).toBe('alice');
  });
});
