import { describe, expect, it } from 'vitest';
import { ChatAdmins } from '../../bots/telegram/telegram-admins.js';
import {
  addressedElsewhere,
  displayName,
  toChatEvent,
  type NormalizeContext,
  type TgUpdateLike,
  type TgUserLike,
} from '../../bots/telegram/telegram-normalize.js';

// Payloads shaped like the Bot API's (fields trimmed to what matters), as telegraf hands them over.
const GROUP = { id: -1001234567890, type: 'supergroup', title: 'Candle shop live' };
const alice = { id: 4242, is_bot: false, first_name: 'Alice', last_name: 'Smith', username: 'alice', language_code: 'en' };
const carol = { id: 5151, is_bot: false, first_name: 'Carol', username: 'carol' };
const dave = { id: 6161, is_bot: false, first_name: 'Dave' };
const bot = { id: 777, is_bot: true, first_name: 'Showcart', username: 'showcart_bot' };

function groupText(from: TgUserLike, text: string, chat: { id: number; type: string; title?: string; username?: string } = GROUP): TgUpdateLike {
  const command = /^\/\S+/.exec(text);
  return {
    update_id: 100,
    message: {
      message_id: 55,
      date: 1_700_000_000,
      chat,
      from,
      text,
      ...(command && { entities: [{ offset: 0, length: command[0].length, type: 'bot_command' }] }),
    } as TgUpdateLike['message'],
  };
}

function context(admins = new ChatAdmins(), rooms = [String(GROUP.id)]): NormalizeContext {
  return { botId: bot.id, botUsername: bot.username, rooms, roleOf: (u, r) => admins.roleOf(u, r), now: 1234 };
}

describe('normalizing Telegram updates into ChatEvents', () => {
  it('GIVEN a text line in a configured group WHEN normalized THEN it has the room, ids, full name, member role and the text', () => {
    expect(toChatEvent(groupText(alice, 'is the blue one in stock?'), context())).toEqual({
      platform: 'telegram',
      channelId: '-1001234567890',
      messageId: '55',
      user: { id: '4242', name: 'Alice Smith', roles: ['member'] },
      text: 'is the blue one in stock?',
      receivedAt: 1234,
    });
  });

  it('GIVEN getChatAdministrators says creator and administrator WHEN they write THEN they are broadcaster and moderator', () => {
    const admins = new ChatAdmins();
    admins.set(String(GROUP.id), [
      { status: 'creator', user: carol },
      { status: 'administrator', user: dave },
    ]);
    expect(toChatEvent(groupText(carol, 'hi'), context(admins))?.user.roles).toEqual(['broadcaster', 'member']);
    expect(toChatEvent(groupText(dave, 'hi'), context(admins))?.user.roles).toEqual(['moderator', 'member']);
    expect(toChatEvent(groupText(alice, 'hi'), context(admins))?.user.roles).toEqual(['member']);
  });

  it('GIVEN a chat_member update promoting a viewer WHEN applied THEN the next line carries the new role, and a demotion removes it', () => {
    const admins = new ChatAdmins();
    admins.apply(String(GROUP.id), alice.id, 'administrator');
    expect(toChatEvent(groupText(alice, 'hi'), context(admins))?.user.roles).toEqual(['moderator', 'member']);
    admins.apply(String(GROUP.id), alice.id, 'member');
    expect(toChatEvent(groupText(alice, 'hi'), context(admins))?.user.roles).toEqual(['member']);
  });

  it('GIVEN a private message WHEN normalized THEN it is direct, its channel is the private chat, and only an admin role from the groups counts', () => {
    const admins = new ChatAdmins();
    admins.set(String(GROUP.id), [{ status: 'administrator', user: dave }]);
    const dm = (from: TgUserLike) => groupText(from, '/buy MUG', { id: from.id, type: 'private' });
    expect(toChatEvent(dm(alice), context(admins))).toMatchObject({ channelId: '4242', direct: true, text: '/buy MUG', user: { roles: [] } });
    expect(toChatEvent(dm(dave), context(admins))?.user.roles).toEqual(['moderator']);
  });

  it('GIVEN a group that is not configured, a channel, and a public group listed by @username WHEN normalized THEN only configured rooms pass, under their configured id', () => {
    expect(toChatEvent(groupText(alice, 'hi', { id: -1009, type: 'supergroup' }), context())).toBeUndefined();
    expect(toChatEvent(groupText(alice, 'hi', { id: GROUP.id, type: 'channel' }), context())).toBeUndefined();
    const byName = toChatEvent(groupText(alice, 'hi', { id: -1005, type: 'supergroup', username: 'CandleShop' }), context(undefined, ['@candleshop']));
    expect(byName?.channelId).toBe('@candleshop');
  });

  it("GIVEN the bot's own message WHEN normalized THEN it is marked self", () => {
    expect(toChatEvent(groupText(bot, '[Twitch] Bob: hi'), context())?.self).toBe(true);
    expect(toChatEvent(groupText(alice, 'hi'), context())?.self).toBeUndefined();
  });

  it('GIVEN commands addressed to this bot or to another WHEN normalized THEN ours pass as typed and the other bot’s are left alone', () => {
    expect(toChatEvent(groupText(alice, '/buy@showcart_bot MUG 2'), context())?.text).toBe('/buy@showcart_bot MUG 2');
    expect(toChatEvent(groupText(alice, '/buy@ShowCart_Bot MUG'), context())).toBeDefined();
    expect(toChatEvent(groupText(alice, '/buy@other_bot MUG'), context())).toBeUndefined();
    expect(addressedElsewhere('mail me at a@b.c', 'showcart_bot')).toBe(false);
  });

  it('GIVEN a photo with a caption, a sticker and a service message WHEN normalized THEN the caption counts as text and the rest is ignored', () => {
    const photo = { update_id: 1, message: { message_id: 9, date: 0, chat: GROUP, from: alice, photo: [{ file_id: 'x' }], caption: 'this one?' } };
    const sticker = { update_id: 2, message: { message_id: 10, date: 0, chat: GROUP, from: alice, sticker: { file_id: 'y' } } };
    const joined = { update_id: 3, message: { message_id: 11, date: 0, chat: GROUP, from: alice, new_chat_members: [alice] } };
    expect(toChatEvent(photo, context())?.text).toBe('this one?');
    expect(toChatEvent(sticker, context())).toBeUndefined();
    expect(toChatEvent(joined, context())).toBeUndefined();
  });

  it('GIVEN an anonymous admin, a member speaking as a channel and an automatic channel forward WHEN normalized THEN authors are the chats and the forward is ignored', () => {
    const anonymous = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 0,
        chat: GROUP,
        from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' },
        sender_chat: GROUP,
        author_signature: 'Shop owner',
        text: 'sale starts now',
      },
    };
    const asChannel = {
      update_id: 2,
      message: {
        message_id: 2,
        date: 0,
        chat: GROUP,
        from: { id: 136817688, is_bot: true, first_name: 'Channel' },
        sender_chat: { id: -1007, type: 'channel', title: 'Bob’s channel' },
        text: 'hey',
      },
    };
    const forward = {
      update_id: 3,
      message: {
        message_id: 3,
        date: 0,
        chat: GROUP,
        from: { id: 777000, is_bot: false, first_name: 'Telegram' },
        sender_chat: { id: -1008, type: 'channel', title: 'Shop news' },
        is_automatic_forward: true,
        text: 'new post',
      },
    };
    expect(toChatEvent(anonymous, context())?.user).toEqual({ id: String(GROUP.id), name: 'Shop owner', roles: ['moderator', 'member'] });
    expect(toChatEvent(asChannel, context())?.user).toEqual({ id: '-1007', name: 'Bob’s channel', roles: ['member'] });
    expect(toChatEvent(forward, context())).toBeUndefined();
  });

  it('GIVEN a button press on a bot message in the group WHEN normalized THEN the command comes from the presser in that chat, not from the bot', () => {
    const press: TgUpdateLike = {
      update_id: 7,
      callback_query: { id: 'cbq-1', from: alice, data: '/buy MUG', message: { message_id: 90, chat: GROUP, from: bot, text: 'Mug, 12 €' } },
    };
    expect(toChatEvent(press, context())).toEqual({
      platform: 'telegram',
      channelId: String(GROUP.id),
      messageId: '90',
      user: { id: '4242', name: 'Alice Smith', roles: ['member'] },
      text: '/buy MUG',
      receivedAt: 1234,
    });
    const inPrivate = {
      ...press,
      callback_query: { ...press.callback_query!, message: { message_id: 91, chat: { id: alice.id, type: 'private' }, from: bot } },
    };
    expect(toChatEvent(inPrivate, context())).toMatchObject({ channelId: '4242', direct: true });
  });

  it('GIVEN names with blanks WHEN displayed THEN first and last name are used, else the username, else the id', () => {
    expect(displayName({ id: 1, first_name: 'Anna', last_name: 'Ng' })).toBe('Anna Ng');
    expect(displayName({ id: 2, first_name: ' ', username: 'ghost' })).toBe('ghost');
    expect(displayName({ id: 3, first_name: '' })).toBe('user 3');
  });
});
