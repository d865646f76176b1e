/**
 * Twitch-flavoured IRC lines for the fake Twitch: parsing what tmi.js sends
 * and formatting what Twitch answers (tags, numerics, state lines).
 */

/** Host part Twitch uses in server prefixes. */
export const SERVER = 'tmi.twitch.tv';

/** Badges a fake viewer can wear. */
export interface TwitchBadges {
  subscriber?: number;
  moderator?: 1;
  broadcaster?: 1;
  vip?: 1;
}

/** A fake chatter. */
export interface TwitchUser {
  id: string;
  login: string;
  displayName: string;
  badges?: TwitchBadges;
  color?: string;
}

/** One line a client sent. */
export interface IrcLine {
  tags: Record<string, string>;
  command: string;
  params: string[];
}

/** Parses a client line; trailing `:param` keeps its spaces. */
export function parseLine(raw: string): IrcLine | undefined {
  let rest = raw.trim();
  if (rest.length === 0) return undefined;
  const tags: Record<string, string> = {};
  if (rest.startsWith('@')) {
    const space = rest.indexOf(' ');
    for (const pair of rest.slice(1, space < 0 ? undefined : space).split(';')) {
      const eq = pair.indexOf('=');
      tags[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : unescapeTag(pair.slice(eq + 1));
    }
    rest = space < 0 ? '' : rest.slice(space + 1).trimStart();
  }
  if (rest.startsWith(':')) rest = rest.slice(rest.indexOf(' ') + 1).trimStart();
  const trailingAt = rest.indexOf(' :');
  const head = trailingAt < 0 ? rest : rest.slice(0, trailingAt);
  const [command = '', ...params] = head.split(' ').filter((p) => p.length > 0);
  if (trailingAt >= 0) params.push(rest.slice(trailingAt + 2));
  return { tags, command: command.toUpperCase(), params };
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', ';': '\\:', ' ': '\\s', '\r': '\\r', '\n': '\\n' };
const UNESCAPES: Record<string, string> = { '\\': '\\', ':': ';', s: ' ', r: '\r', n: '\n' };

/** Escapes an IRCv3 tag value. */
export function escapeTag(value: string): string {
  return value.replace(/[\\; \r\n]/g, (c) => ESCAPES[c] ?? c);
}

function unescapeTag(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c);
}

/** `@k=v;k2=v2 ` prefix, in insertion order. */
export function tagPrefix(tags: Record<string, string | number>): string {
  return `@${Object.entries(tags)
    .map(([k, v]) => `${k}=${escapeTag(String(v))}`)
    .join(';')} `;
}

/** Channel name in the `#lowercase` form Twitch uses. */
export function normalizeChannel(channel: string): string {
  const name = channel.trim().toLowerCase();
  return name.startsWith('#') ? name : `#${name}`;
}

/** `badges` tag value, broadcaster first like Twitch. */
export function badgeList(badges: TwitchBadges = {}): string {
  const out: string[] = [];
  if (badges.broadcaster) out.push('broadcaster/1');
  if (badges.moderator) out.push('moderator/1');
  if (badges.vip) out.push('vip/1');
  if (badges.subscriber !== undefined) out.push(`subscriber/${badges.subscriber}`);
  return out.join(',');
}

/** Registration burst after NICK; tmi.js resolves connect() on 376. */
export function welcomeLines(nick: string, userId: string): string[] {
  return [
    `:${SERVER} 001 ${nick} :Welcome, GLHF!`,
    `:${SERVER} 002 ${nick} :Your host is ${SERVER}`,
    `:${SERVER} 003 ${nick} :This server is rather new`,
    `:${SERVER} 004 ${nick} :-`,
    `:${SERVER} 375 ${nick} :-`,
    `:${SERVER} 372 ${nick} :You are in a maze of twisty passages, all alike.`,
    `:${SERVER} 376 ${nick} :>`,
    `${tagPrefix({ 'badge-info': '', badges: '', color: '', 'display-name': nick, 'emote-sets': '0', 'user-id': userId, 'user-type': '' })}:${SERVER} GLOBALUSERSTATE`,
  ];
}

/** USERSTATE for the bot in a channel; tmi.js reads `user-type=mod` to know it may moderate. */
export function userStateLine(nick: string, channel: string, mod: boolean, broadcaster: boolean): string {
  const badges = badgeList({ ...(broadcaster ? { broadcaster: 1 } : {}), ...(mod ? { moderator: 1 } : {}) });
  const tags = { 'badge-info': '', badges, color: '', 'display-name': nick, 'emote-sets': '0', mod: mod ? 1 : 0, subscriber: 0, 'user-type': mod ? 'mod' : '' };
  return `${tagPrefix(tags)}:${SERVER} USERSTATE ${channel}`;
}

/** Lines answering a JOIN; tmi.js resolves join() on ROOMSTATE. */
export function joinLines(nick: string, channel: string, roomId: string, mod: boolean, broadcaster: boolean): string[] {
  return [
    `:${nick}!${nick}@${nick}.${SERVER} JOIN ${channel}`,
    `:${nick}.${SERVER} 353 ${nick} = ${channel} :${nick}`,
    `:${nick}.${SERVER} 366 ${nick} ${channel} :End of /NAMES list`,
    userStateLine(nick, channel, mod, broadcaster),
    `${tagPrefix({ 'emote-only': 0, 'followers-only': -1, r9k: 0, 'room-id': roomId, slow: 0, 'subs-only': 0 })}:${SERVER} ROOMSTATE ${channel}`,
  ];
}

/** A viewer's chat line, tagged like Twitch does. */
export function privmsgLine(channel: string, roomId: string, user: TwitchUser, text: string, id: string, sentAt: number): string {
  const b = user.badges ?? {};
  const mod = b.moderator === 1 || b.broadcaster === 1;
  const tags = {
    'badge-info': b.subscriber === undefined ? '' : `subscriber/${b.subscriber}`,
    badges: badgeList(b),
    color: user.color ?? '#1E90FF',
    'display-name': user.displayName,
    emotes: '',
    'first-msg': 0,
    flags: '',
    id,
    mod: mod ? 1 : 0,
    'returning-chatter': 0,
    'room-id': roomId,
    subscriber: b.subscriber === undefined ? 0 : 1,
    'tmi-sent-ts': sentAt,
    turbo: 0,
    'user-id': user.id,
    'user-type': b.moderator === 1 ? 'mod' : '',
  };
  return `${tagPrefix(tags)}:${user.login}!${user.login}@${user.login}.${SERVER} PRIVMSG ${channel} :${text}`;
}

/** Server notice with a msg-id, the way Twitch acknowledges commands. */
export function noticeLine(channel: string, msgId: string, text: string): string {
  return `${tagPrefix({ 'msg-id': msgId })}:${SERVER} NOTICE ${channel} :${text}`;
}

/** Stable numeric room id for a channel when none is configured. */
export function roomIdFor(channel: string): string {
  let hash = 7;
  for (const ch of channel) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000_007;
  return String(hash);
}
