/**
 * Gateway half of the fake Discord: HELLO, IDENTIFY → READY + GUILD_CREATE,
 * heartbeats, RESUME with replay, and intent-aware dispatches (plain JSON, no zlib).
 */
import { randomUUID } from 'node:crypto';
import { WebSocket } from 'ws';
import type { DiscordState, Json } from './discord-payloads.js';
import { paramText } from './http-util.js';
import { endSocket, frameText } from './ws-util.js';

/** Gateway intent bits the fake honours. */
export const Intents = { Guilds: 1 << 0, GuildMessages: 1 << 9, MessageContent: 1 << 15, GuildMessagePolls: 1 << 24 } as const;

/** A gateway session: survives its socket until closed with 1000/1001 or invalidated. */
export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  ws: WebSocket | undefined;
  backlog: Json[];
}

/** Per-session payload filter: return undefined to skip that session. */
export type SessionFilter = (session: GatewaySession) => Json | undefined;

const BACKLOG_MAX = 1_000;

/**
 * MESSAGE_CREATE as each session may see it: only with GuildMessages, and
 * blanked like real Discord without MessageContent unless the bot is mentioned.
 */
export function messageCreateFilter(message: Json, mentionsBot: boolean): SessionFilter {
  return (session) => {
    if ((session.intents & Intents.GuildMessages) === 0) return undefined;
    if ((session.intents & Intents.MessageContent) !== 0 || mentionsBot) return message;
    return { ...message, content: '', embeds: [], attachments: [], components: [], poll: undefined };
  };
}

/** Sessions and sockets of the fake gateway. */
export class DiscordGateway {
  readonly sessions = new Map<string, GatewaySession>();
  private readonly sockets = new Map<WebSocket, GatewaySession | undefined>();

  constructor(
    private readonly state: DiscordState,
    private readonly token: string,
    private readonly heartbeatMs: number,
    private readonly url: () => string,
  ) {}

  /** Open gateway sockets. */
  get connections(): number {
    return this.sockets.size;
  }

  /** Takes a new socket: HELLO, then wait for IDENTIFY or RESUME. */
  accept(ws: WebSocket): void {
    this.sockets.set(ws, undefined);
    ws.on('message', (data) => this.onPayload(ws, frameText(data)));
    ws.on('error', () => undefined);
    ws.on('close', (code) => {
      const session = this.sockets.get(ws);
      this.sockets.delete(ws);
      if (session === undefined || session.ws !== ws) return;
      session.ws = undefined;
      // Discord ends a session closed with 1000/1001; any other close can RESUME
      if (code === 1000 || code === 1001) this.sessions.delete(session.id);
    });
    send(ws, { op: 10, d: { heartbeat_interval: this.heartbeatMs }, s: null, t: null });
  }

  /** Sends event `t` to every session, resumable ones included (they get it on RESUME). */
  dispatch(t: string, filter: SessionFilter): void {
    for (const session of this.sessions.values()) {
      const d = filter(session);
      if (d !== undefined) this.emit(session, t, d);
    }
  }

  /** Ends every socket: with `code`, or abruptly when undefined. */
  async closeAll(code: number | undefined): Promise<void> {
    await Promise.all([...this.sockets.keys()].map((ws) => endSocket(ws, code, 'gateway going away')));
  }

  /** Forgets every session, so the next connection must IDENTIFY again. */
  invalidateSessions(): void {
    this.sessions.clear();
  }

  /** Op 7: the client should reconnect and RESUME. */
  requestReconnect(): void {
    for (const ws of this.sockets.keys()) send(ws, { op: 7, d: null, s: null, t: null });
  }

  private onPayload(ws: WebSocket, raw: string): void {
    let payload: { op?: number; d?: Json | number | null };
    try {
      payload = JSON.parse(raw) as typeof payload;
    } catch {
      ws.close(4002, 'Error while decoding payload.');
      return;
    }
    const d = typeof payload.d === 'object' && payload.d !== null ? payload.d : {};
    const session = this.sockets.get(ws);
    switch (payload.op) {
      case 1:
        return send(ws, { op: 11, d: null, s: null, t: null });
      case 2:
        return this.identify(ws, session, d);
      case 6:
        return this.resume(ws, session, d);
      case 3:
      case 4:
      case 8:
        // presence, voice and member requests: accepted, nothing to answer
        if (session === undefined) ws.close(4003, 'Not authenticated.');
        return;
      default:
        ws.close(4001, 'Unknown opcode.');
    }
  }

  private identify(ws: WebSocket, current: GatewaySession | undefined, d: Json): void {
    if (current !== undefined) return ws.close(4005, 'Already authenticated.');
    if (!this.tokenOk(d.token)) return ws.close(4004, 'Authentication failed.');
    const session: GatewaySession = { id: randomUUID().replace(/-/g, ''), intents: Number(d.intents ?? 0), seq: 0, ws, backlog: [] };
    this.sessions.set(session.id, session);
    this.sockets.set(ws, session);
    const { state } = this;
    this.emit(session, 'READY', {
      v: 10,
      user: { ...state.user(state.bot), bot: true, verified: true, mfa_enabled: false, flags: 0 },
      guilds: state.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url(),
      shard: [0, 1],
      application: { id: state.applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const guild of state.guilds) this.emit(session, 'GUILD_CREATE', state.guildCreate(guild));
  }

  private resume(ws: WebSocket, current: GatewaySession | undefined, d: Json): void {
    if (current !== undefined) return ws.close(4005, 'Already authenticated.');
    const session = this.sessions.get(String(d.session_id));
    if (session === undefined || !this.tokenOk(d.token)) {
      // d:false → the client must IDENTIFY anew
      send(ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.ws !== undefined && session.ws !== ws) session.ws.terminate();
    session.ws = ws;
    this.sockets.set(ws, session);
    const since = Number(d.seq ?? 0);
    for (const entry of session.backlog) if (Number(entry.s) > since) send(ws, entry);
    this.emit(session, 'RESUMED', {});
  }

  private emit(session: GatewaySession, t: string, d: Json): void {
    session.seq += 1;
    const entry = { op: 0, s: session.seq, t, d };
    session.backlog.push(entry);
    if (session.backlog.length > BACKLOG_MAX) session.backlog.shift();
    if (session.ws !== undefined) send(session.ws, entry);
  }

  private tokenOk(raw: unknown): boolean {
    return paramText(raw).replace(/^Bot /, '') === this.token;
  }
}

function send(ws: WebSocket, payload: Json): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
}
