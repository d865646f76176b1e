/**
 * Fake Twitch chat: IRC over WebSocket (subprotocol `irc`) on 127.0.0.1, for
 * the real tmi.js client. Registration, joins, tagged viewer messages, legacy
 * moderation commands, outages and Twitch's silent message dropping; on the
 * same port, token validation and Helix moderation (see twitch-helix.ts).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { closeServer, HOST, listen } from './http-util.js';
import { DEFAULT_WAIT_MS, Recorder } from './recorder.js';
import { SlidingWindow } from './sliding-window.js';
import { endSocket, frameText } from './ws-util.js';
import { handleHelix, type HelixEvent, type HelixFailure, type HelixHost } from './twitch-helix.js';
import { normalizeChannel, parseLine, privmsgLine, roomIdFor, SERVER, type TwitchUser } from './twitch-irc.js';
import type { StoredChat } from './twitch-moderation.js';
import { handleLine, send, type Conn, type ProtocolHost, type TwitchEvent } from './twitch-protocol.js';

export type { TwitchBadges, TwitchUser } from './twitch-irc.js';
export type { TwitchEvent } from './twitch-protocol.js';
export type { HelixEvent } from './twitch-helix.js';

/** Scopes a chat bot that moderates needs; the fake's token has them all unless told otherwise. */
const ALL_SCOPES = ['chat:read', 'chat:edit', 'moderator:manage:banned_users', 'moderator:manage:chat_messages'];

/** Options of {@link FakeTwitch}. */
export interface FakeTwitchOptions {
  /** if set, PASS must match (with or without `oauth:`), else login fails like Twitch */
  password?: string;
  /** channels where the bot is a moderator */
  moderatorOf?: string[];
  /** drop PRIVMSGs over 20 per 30 s (100 where the bot moderates), as Twitch does silently */
  enforceLimits?: boolean;
  /** room-id per channel; default: a stable hash */
  roomIds?: Record<string, string>;
  /** Helix: the client id the token belongs to (default `fakeclientid`) */
  clientId?: string;
  /** Helix: the account the token belongs to (default `showcartbot`) */
  botLogin?: string;
  /** Helix: scopes of the token (default chat:read, chat:edit and both moderator:manage scopes) */
  scopes?: string[];
}

/** Fake Twitch IRC server (see file comment). */
export class FakeTwitch {
  /** PRIVMSGs over the limit that were dropped (enforceLimits only). */
  dropped = 0;
  /** Accepted bot PRIVMSG times per login, to check outbound pacing. */
  readonly sends = new SlidingWindow();
  private readonly log = new Recorder<TwitchEvent>('FakeTwitch');
  private readonly conns = new Set<Conn>();
  private readonly mods: Set<string>;
  private readonly chats = new Map<string, StoredChat>();
  private readonly userIds = new Map<string, string>();
  private readonly logins = new Map<string, string>();
  private readonly helixFailures: HelixFailure[] = [];
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  private boundPort = 0;
  private readonly host: ProtocolHost;
  private readonly helixHost: HelixHost;
  private readonly viewers = new Map<string, number>();

  constructor(options: FakeTwitchOptions = {}) {
    this.mods = new Set((options.moderatorOf ?? []).map(normalizeChannel));
    const roomIds = options.roomIds ?? {};
    this.host = {
      password: options.password,
      enforceLimits: options.enforceLimits === true,
      sends: this.sends,
      isModerator: (channel) => this.mods.has(channel),
      roomId: (channel) => roomIds[channel.replace(/^#/, '')] ?? roomIds[channel] ?? roomIdFor(channel),
      record: (event) => this.log.push(event),
      drop: () => void this.dropped++,
      userIdOf: (login) => this.userIds.get(login) ?? '',
      message: (id) => this.chats.get(id),
      peers: (channel) => [...this.conns].filter((c) => c.channels.has(channel)),
    };
    this.helixHost = {
      token: options.password?.replace(/^oauth:/, ''),
      clientId: options.clientId ?? 'fakeclientid',
      botLogin: (options.botLogin ?? 'showcartbot').toLowerCase(),
      scopes: options.scopes ?? ALL_SCOPES,
      idOf: (login) => this.idOf(login),
      loginOf: (id) => this.logins.get(id) ?? [...this.joined, ...this.mods].find((ch) => this.host.roomId(ch) === id)?.slice(1),
      isModerator: (channel) => this.mods.has(normalizeChannel(channel)),
      roomId: (channel) => this.host.roomId(channel),
      message: (id) => this.chats.get(id),
      broadcast: (channel, lines) => {
        for (const c of this.host.peers(channel)) send(c.ws, lines);
      },
      record: (event) => this.log.push(event),
      takeFailure: () => this.helixFailures.shift(),
      viewersOf: (login) => this.viewers.get(normalizeChannel(login)),
    };
  }

  /** Sets a channel live with this many viewers (Helix `streams`), or offline with undefined. */
  setViewers(channel: string, viewers: number | undefined): void {
    if (viewers === undefined) this.viewers.delete(normalizeChannel(channel));
    else this.viewers.set(normalizeChannel(channel), viewers);
  }

  /** Bound port (after start). */
  get port(): number {
    return this.boundPort;
  }

  /** WebSocket URL, for clients other than tmi.js. */
  get url(): string {
    return `ws://${HOST}:${this.boundPort}/`;
  }

  /** Helix root for a bot's `api` setting. */
  get helixRoot(): string {
    return `http://${HOST}:${this.boundPort}/helix`;
  }

  /** OAuth root for a bot's `authApi` setting (`/validate` lives under it). */
  get authRoot(): string {
    return `http://${HOST}:${this.boundPort}/oauth2`;
  }

  /** Open client connections. */
  get connections(): number {
    return this.conns.size;
  }

  /** Channels joined by at least one open connection. */
  get joined(): Set<string> {
    return new Set([...this.conns].flatMap((c) => [...c.channels]));
  }

  /** Every event so far. */
  get events(): readonly TwitchEvent[] {
    return this.log.items;
  }

  /** Moderation commands the bot sent, oldest first. */
  get moderation(): Array<Extract<TwitchEvent, { kind: 'moderation' }>> {
    return this.log.items.filter((e): e is Extract<TwitchEvent, { kind: 'moderation' }> => e.kind === 'moderation');
  }

  /** Helix moderation calls (bans/timeouts, deletions) with their answer status, oldest first. */
  get helix(): HelixEvent[] {
    return this.log.items.filter((e): e is HelixEvent => e.kind === 'helix');
  }

  /** Makes the next Helix moderation call fail with `status` (a 429 carries `Ratelimit-Reset` in `resetInS`). */
  failNextHelix(status: number, resetInS?: number): void {
    this.helixFailures.push({ status, ...(resetInS !== undefined && { resetInS }) });
  }

  /** Starts listening; port 0 picks a free port. */
  async start(port = 0): Promise<void> {
    if (this.server !== undefined) throw new Error('FakeTwitch already started');
    const server = createServer((req, res) => {
      handleHelix(this.helixHost, req, res).then(
        (handled) => void (handled || res.writeHead(426).end()),
        () => void res.writeHead(500).end(),
      );
    });
    const wss = new WebSocketServer({ server, handleProtocols: (protocols) => (protocols.has('irc') ? 'irc' : false) });
    wss.on('connection', (ws) => this.accept(ws));
    this.boundPort = await listen(server, port);
    this.server = server;
    this.wss = wss;
  }

  /** Closes every connection cleanly, then the server. */
  async stop(): Promise<void> {
    await this.shutdown(1000);
  }

  /** Drops every socket abruptly (no close frame) and the server: a network cut. */
  async kill(): Promise<void> {
    await this.shutdown(undefined);
  }

  /** Stop, then start again on the same port. */
  async restart(): Promise<void> {
    const port = this.boundPort;
    await this.stop();
    await this.start(port);
  }

  /** Tells every client to reconnect, as Twitch does before maintenance. */
  requestReconnect(): void {
    for (const c of this.conns) send(c.ws, [`:${SERVER} RECONNECT`]);
  }

  /** Grants or removes moderator status of the bot in a channel (effective on next JOIN/PRIVMSG). */
  setModerator(channel: string, isMod: boolean): void {
    if (isMod) this.mods.add(normalizeChannel(channel));
    else this.mods.delete(normalizeChannel(channel));
  }

  /** Delivers a viewer's message to every connection joined to the channel; returns its id. */
  say(input: { channel: string; user: TwitchUser; text: string; id?: string }): string {
    const channel = normalizeChannel(input.channel);
    const id = input.id ?? randomUUID();
    const login = input.user.login.toLowerCase();
    this.userIds.set(login, input.user.id);
    this.logins.set(input.user.id, login);
    this.chats.set(id, { channel, login, userId: input.user.id, text: input.text });
    const line = privmsgLine(channel, this.host.roomId(channel), { ...input.user, login }, input.text, id, Date.now());
    for (const c of this.host.peers(channel)) send(c.ws, [line]);
    return id;
  }

  /** Texts the bot sent, optionally in one channel. */
  received(channel?: string): string[] {
    const wanted = channel === undefined ? undefined : normalizeChannel(channel);
    return this.log.items.flatMap((e) => (e.kind === 'message' && (wanted === undefined || e.channel === wanted) ? [e.text] : []));
  }

  /** Resolves with the first event, past or future, matching `predicate`. */
  waitFor(predicate: (event: TwitchEvent) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<TwitchEvent> {
    return this.log.waitFor(predicate, timeoutMs);
  }

  /** Resolves once a connection has joined `channel` (now or later). */
  async waitForJoin(channel: string, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const wanted = normalizeChannel(channel);
    if (this.joined.has(wanted)) return;
    await this.log.waitFor((e) => e.kind === 'join' && e.channel === wanted && this.joined.has(wanted), timeoutMs);
  }

  /** Most accepted PRIVMSGs from `login` in any window of `windowMs`. */
  maxPerWindow(login: string, windowMs: number): number {
    return this.sends.maxPerWindow(login.toLowerCase(), windowMs);
  }

  /** Stable user id of a login: a viewer's own id once seen, else the channel's room-id. */
  private idOf(login: string): string {
    const name = login.toLowerCase();
    const id = this.userIds.get(name) ?? this.host.roomId(`#${name}`);
    this.logins.set(id, name);
    return id;
  }

  private async shutdown(code: number | undefined): Promise<void> {
    const { server, wss } = this;
    this.server = undefined;
    this.wss = undefined;
    // stop accepting first, so nothing connects while the sockets are ended
    const closed = server === undefined ? Promise.resolve() : closeServer(server);
    const sockets = [...this.conns].map((c) => c.ws);
    this.conns.clear();
    await Promise.all(sockets.map((ws) => endSocket(ws, code, 'server stopping')));
    wss?.close();
    await closed;
  }

  private accept(ws: WebSocket): void {
    const conn: Conn = { ws, nick: '', pass: '', channels: new Set() };
    this.conns.add(conn);
    ws.on('close', () => this.conns.delete(conn));
    ws.on('error', () => this.conns.delete(conn));
    ws.on('message', (data) => {
      for (const raw of frameText(data).split(/\r?\n/)) {
        const line = parseLine(raw);
        if (line !== undefined) handleLine(this.host, conn, line);
      }
    });
  }
}
