import type { ChatUserstate } from 'tmi.js';
import { describe, expect, it } from 'vitest';
import { rolesFromTags, tagText, toChatEvent } from '../../bots/twitch/twitch-normalize.js';

/** Tags exactly as tmi.js 1.8.5 emits them for the fake's lines (recorded once, kept as fixtures). */
const SUBSCRIBER: ChatUserstate = {
  'badge-info': { subscriber: '12' },
  badges: { subscriber: '12' },
  color: '#1E90FF',
  'display-name': 'Alice',
  emotes: null as never,
  'first-msg': false,
  flags: null as never,
  id: 'a4f67ed0-9291-4566-8e53-2086eecfac2c',
  mod: false,
  'returning-chatter': false,
  'room-id': '236256754',
  subscriber: true,
  'tmi-sent-ts': '1795552435225',
  turbo: false,
  'user-id': '4242',
  'user-type': null as never,
  'badges-raw': 'subscriber/12',
  username: 'alice',
  'message-type': 'chat',
};

const BROADCASTER_ID_ONE: ChatUserstate = {
  badges: { broadcaster: '1' },
  'display-name': 'Shop',
  id: 'fc64dbb2-90ca-47a6-9547-34c0cc416680',
  mod: true,
  subscriber: false,
  'user-id': true as never,
  username: 'shop',
  'message-type': 'chat',
};

/** tmi.js's local copy of our own say(): the bot's USERSTATE, no id. */
const OWN_LINE: ChatUserstate = {
  badges: { moderator: '1' },
  'display-name': 'showcartbot',
  mod: true,
  subscriber: false,
  'user-type': 'mod',
  username: 'showcartbot',
  'message-type': 'chat',
};

const line = (tags: ChatUserstate, text = 'hi', self = false) => ({ channel: '#candleshop', tags, text, self, receivedAt: 1000 });

describe('Twitch tags → ChatEvent', () => {
  it('GIVEN a subscriber line WHEN normalized THEN the event carries user-id, display name, message id, room and the subscriber role', () => {
    expect(toChatEvent(line(SUBSCRIBER, '!buy MUG'))).toEqual({
      platform: 'twitch',
      channelId: 'candleshop',
      messageId: 'a4f67ed0-9291-4566-8e53-2086eecfac2c',
      user: { id: '4242', name: 'Alice', roles: ['subscriber'] },
      text: '!buy MUG',
      receivedAt: 1000,
    });
  });

  it('GIVEN badges WHEN read THEN broadcaster, moderator, vip and subscriber map to roles, founder counts as subscriber', () => {
    expect(rolesFromTags({ badges: { broadcaster: '1', subscriber: '3' } })).toEqual(['broadcaster', 'subscriber']);
    expect(rolesFromTags({ badges: { moderator: '1' } })).toEqual(['moderator']);
    expect(rolesFromTags({ badges: { vip: '1' } })).toEqual(['vip']);
    expect(rolesFromTags({ badges: { founder: '0' } })).toEqual(['subscriber']);
    expect(rolesFromTags({ badges: { premium: '1', 'sub-gifter': '5' } })).toEqual([]);
  });

  it('GIVEN a moderator who hides the badge WHEN read THEN the mod tag alone still makes a moderator, and the vip tag a vip', () => {
    expect(rolesFromTags({ badges: null as never, mod: true })).toEqual(['moderator']);
    expect(rolesFromTags({ 'user-type': 'mod' })).toEqual(['moderator']);
    expect(rolesFromTags({ vip: true })).toEqual(['vip']);
  });

  it('GIVEN a user-id of "1" that tmi.js turned into true WHEN normalized THEN the id is the text "1" again', () => {
    expect(tagText(true)).toBe('1');
    expect(tagText(false)).toBe('0');
    expect(toChatEvent(line(BROADCASTER_ID_ONE))?.user).toEqual({ id: '1', name: 'Shop', roles: ['broadcaster', 'moderator'] });
  });

  it('GIVEN no display-name WHEN normalized THEN the login is the name', () => {
    expect(toChatEvent(line({ ...SUBSCRIBER, 'display-name': '' }))?.user.name).toBe('alice');
  });

  it("GIVEN tmi.js's copy of our own line WHEN normalized THEN it is marked self and still has a message id", () => {
    const event = toChatEvent(line(OWN_LINE, '[Telegram] Boris: hi', true));
    expect(event).toMatchObject({ self: true, user: { id: 'showcartbot', name: 'showcartbot' } });
    expect(event?.messageId).toMatch(/^local-candleshop-/);
  });

  it('GIVEN a whisper WHEN normalized THEN it is ignored (Twitch lets only verified bots whisper back)', () => {
    expect(toChatEvent(line({ ...SUBSCRIBER, 'message-type': 'whisper' }))).toBeUndefined();
  });

  it('GIVEN a /me action WHEN normalized THEN it is ordinary chat with its text', () => {
    expect(toChatEvent(line({ ...SUBSCRIBER, 'message-type': 'action' }, 'waves'))?.text).toBe('waves');
  });
});
