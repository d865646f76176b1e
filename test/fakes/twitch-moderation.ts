/**
 * How the fake Twitch answers legacy IRC chat commands (`/timeout`, `/ban`,
 * `/delete`, ...): a NOTICE to the sender and CLEARCHAT/CLEARMSG to the room.
 * tmi.js resolves its timeout()/ban()/deletemessage() promises on those
 * NOTICE msg-ids and rejects after 600 ms without one.
 */
import { noticeLine, SERVER, tagPrefix } from './twitch-irc.js';

/** A chat line the fake delivered, kept so `/delete` can find it. */
export interface StoredChat {
  channel: string;
  login: string;
  userId: string;
  text: string;
}

/** What the server sends back for one command. */
export interface CommandEffect {
  /** lines for the connection that sent the command */
  reply: string[];
  /** lines for every connection joined to the channel */
  broadcast: string[];
}

/** Context a command needs from the fake. */
export interface CommandContext {
  channel: string;
  roomId: string;
  /** sender may moderate this channel (moderator or broadcaster) */
  canModerate: boolean;
  userIdOf(login: string): string;
  message(id: string): StoredChat | undefined;
}

const MOD_COMMANDS = new Set(['timeout', 'ban', 'unban', 'untimeout', 'delete', 'clear']);

/** Server reaction to `/command args` sent as PRIVMSG text. */
export function runCommand(command: string, args: string[], ctx: CommandContext): CommandEffect {
  const { channel, roomId } = ctx;
  const now = Date.now();
  const notice = (id: string, text: string): CommandEffect => ({ reply: [noticeLine(channel, id, text)], broadcast: [] });
  if (MOD_COMMANDS.has(command) && !ctx.canModerate) {
    return notice('no_permission', "You don't have permission to perform that action.");
  }
  const target = (args[0] ?? '').replace(/^@/, '').toLowerCase();
  switch (command) {
    case 'timeout': {
      if (target === '') return notice('usage_timeout', 'Usage: "/timeout <username> [duration][time unit] [reason]"');
      const secs = Number(args[1] ?? 600) || 600;
      const tags = { 'ban-duration': secs, 'room-id': roomId, 'target-user-id': ctx.userIdOf(target), 'tmi-sent-ts': now };
      return {
        reply: [noticeLine(channel, 'timeout_success', `${target} has been timed out for ${secs} seconds.`)],
        broadcast: [`${tagPrefix(tags)}:${SERVER} CLEARCHAT ${channel} :${target}`],
      };
    }
    case 'ban': {
      if (target === '') return notice('usage_ban', 'Usage: "/ban <username> [reason]"');
      const tags = { 'room-id': roomId, 'target-user-id': ctx.userIdOf(target), 'tmi-sent-ts': now };
      return {
        reply: [noticeLine(channel, 'ban_success', `${target} is now banned from this channel.`)],
        broadcast: [`${tagPrefix(tags)}:${SERVER} CLEARCHAT ${channel} :${target}`],
      };
    }
    case 'unban':
      return notice('unban_success', `${target} is no longer banned from this channel.`);
    case 'untimeout':
      return notice('untimeout_success', `${target} is no longer timed out in this channel.`);
    case 'delete': {
      const id = args[0] ?? '';
      const original = ctx.message(id);
      if (original === undefined || original.channel !== channel) {
        return notice('bad_delete_message_error', 'The message you specified could not be deleted.');
      }
      const tags = { login: original.login, 'room-id': roomId, 'target-msg-id': id, 'tmi-sent-ts': now };
      return {
        reply: [noticeLine(channel, 'delete_message_success', `The message from ${original.login} is now deleted.`)],
        broadcast: [`${tagPrefix(tags)}:${SERVER} CLEARMSG ${channel} :${original.text}`],
      };
    }
    case 'clear':
      return { reply: [], broadcast: [`${tagPrefix({ 'room-id': roomId, 'tmi-sent-ts': now })}:${SERVER} CLEARCHAT ${channel}`] };
    default:
      return notice('unrecognized_cmd', `Unrecognized command: /${command}`);
  }
}
