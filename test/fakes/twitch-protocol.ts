/**
 * What the fake Twitch does with each line a client sends: registration,
 * joins, pings, chat and legacy slash commands.
 */
import { WebSocket } from 'ws';
import type { SlidingWindow } from './sliding-window.js';
import { joinLines, normalizeChannel, SERVER, userStateLine, welcomeLines, type IrcLine } from './twitch-irc.js';
import type { HelixEvent } from './twitch-helix.js';
import { runCommand, type StoredChat } from './twitch-moderation.js';

/** Something the bot did, as the fake recorded it. */
export type TwitchEvent =
  | { kind: 'message'; channel: string; login: string; text: string; at: number; replyTo?: string }
  | { kind: 'moderation'; channel: string; login: string; command: string; args: string[]; at: number }
  | { kind: 'join'; channel: string; login: string; at: number }
  | HelixEvent;

/** One client connection. */
export interface Conn {
  ws: WebSocket;
  nick: string;
  pass: string;
  channels: Set<string>;
}

/** What line handling needs from the fake server. */
export interface ProtocolHost {
  readonly password: string | undefined;
  readonly enforceLimits: boolean;
  readonly sends: SlidingWindow;
  isModerator(channel: string): boolean;
  roomId(channel: string): string;
  record(event: TwitchEvent): void;
  /** counts a PRIVMSG Twitch silently dropped */
  drop(): void;
  userIdOf(login: string): string;
  message(id: string): StoredChat | undefined;
  /** open connections joined to `channel` */
  peers(channel: string): Conn[];
}

/** Handles one parsed client line. */
export function handleLine(host: ProtocolHost, conn: Conn, line: IrcLine): void {
  const [first = '', second = ''] = line.params;
  switch (line.command) {
    case 'CAP':
      if (first.toUpperCase() === 'REQ') send(conn.ws, [`:${SERVER} CAP * ACK :${second}`]);
      return;
    case 'PASS':
      conn.pass = first;
      return;
    case 'NICK':
      return register(host, conn, first.toLowerCase());
    case 'PING':
      // no prefix: tmi.js only reads PONG in its prefix-less branch
      return send(conn.ws, [`PONG :${first || SERVER}`]);
    case 'JOIN':
      for (const ch of first.split(',').filter(Boolean)) join(host, conn, normalizeChannel(ch));
      return;
    case 'PART':
      for (const ch of first.split(',').filter(Boolean).map(normalizeChannel)) {
        conn.channels.delete(ch);
        send(conn.ws, [`:${conn.nick}!${conn.nick}@${conn.nick}.${SERVER} PART ${ch}`]);
      }
      return;
    case 'PRIVMSG':
      return privmsg(host, conn, normalizeChannel(first), second, line.tags['reply-parent-msg-id']);
    case 'QUIT':
      conn.ws.close();
      return;
    default:
  }
}

/** Twitch packs several lines per frame, `\r\n`-separated. */
export function send(ws: WebSocket, lines: string[]): void {
  if (lines.length > 0 && ws.readyState === WebSocket.OPEN) ws.send(lines.map((l) => `${l}\r\n`).join(''));
}

function register(host: ProtocolHost, conn: Conn, nick: string): void {
  const expected = host.password?.replace(/^oauth:/, '');
  if (expected !== undefined && conn.pass.replace(/^oauth:/, '') !== expected) {
    // tmi.js rejects connect() and stops reconnecting on this exact text
    send(conn.ws, [`:${SERVER} NOTICE * :Login authentication failed`]);
    conn.ws.close();
    return;
  }
  conn.nick = nick;
  // the same id Helix reports for this login (users lookup, token validation)
  send(conn.ws, welcomeLines(nick, host.roomId(`#${nick}`)));
}

function join(host: ProtocolHost, conn: Conn, channel: string): void {
  if (conn.nick === '') return;
  conn.channels.add(channel);
  send(conn.ws, joinLines(conn.nick, channel, host.roomId(channel), host.isModerator(channel), isBroadcaster(conn, channel)));
  host.record({ kind: 'join', channel, login: conn.nick, at: Date.now() });
}

function privmsg(host: ProtocolHost, conn: Conn, channel: string, text: string, replyTo: string | undefined): void {
  if (conn.nick === '') return;
  const at = Date.now();
  const canModerate = host.isModerator(channel) || isBroadcaster(conn, channel);
  if (host.enforceLimits && host.sends.count(conn.nick, 30_000, at) >= (canModerate ? 100 : 20)) {
    host.drop();
    return;
  }
  host.sends.hit(conn.nick, at);
  const command = /^[/.](\w+)\s*(.*)$/.exec(text);
  if (command !== null && command[1] !== 'me') {
    const name = (command[1] ?? '').toLowerCase();
    const args = (command[2] ?? '').split(' ').filter(Boolean);
    host.record({ kind: 'moderation', channel, login: conn.nick, command: name, args, at });
    const effect = runCommand(name, args, {
      channel,
      roomId: host.roomId(channel),
      canModerate,
      userIdOf: (login) => host.userIdOf(login),
      message: (id) => host.message(id),
    });
    send(conn.ws, effect.reply);
    for (const peer of host.peers(channel)) send(peer.ws, effect.broadcast);
    return;
  }
  // Twitch never echoes the bot's own PRIVMSG (tmi.js emits it itself), it only refreshes USERSTATE
  host.record({ kind: 'message', channel, login: conn.nick, text, at, ...(replyTo === undefined ? {} : { replyTo }) });
  send(conn.ws, [userStateLine(conn.nick, channel, host.isModerator(channel), isBroadcaster(conn, channel))]);
}

function isBroadcaster(conn: Conn, channel: string): boolean {
  return channel === `#${conn.nick}`;
}
