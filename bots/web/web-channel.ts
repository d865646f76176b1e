import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WebChannelConfig } from '../../config/schema/channels.js';
import type { Ingest, Channel, ChannelLimits, ChannelState, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import { SlidingWindow } from '../../orchestrator/shared/sliding-window.js';
import { splitText } from '../render-text.js';
import { parseClientMessage, type ServerMessage, type WebLine } from './web-protocol.js';
import { cleanName, sameSecret, WebSessions } from './web-session.js';

export const WEB_CHAT_PATH = '/ws/chat';
const ROOM = 'web';
const HEARTBEAT_MS = 30_000;

interface Viewer {
  userId: string;
  name: string;
  flood: SlidingWindow;
}

/**
 * The built-in web chat: viewers pick a name and chat over a WebSocket on the showcart HTTP
 * server. It is one room; every viewer sees each other's lines and the other platforms' relay.
 */
export class WebChannel implements Channel {
  readonly platform = 'web' as const;
  readonly canDirectMessage = true;
  readonly limits: ChannelLimits = { perRoom: [{ limit: 20, windowMs: 1000 }], perBot: [], maxLength: 2000 };
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  private readonly viewers = new Map<WebSocket, Viewer>();
  private readonly history: WebLine[] = [];
  private readonly sessions: WebSessions;
  private onEvent: Ingest | undefined;
  private current: ChannelState = { state: 'stopped' };
  private seq = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly alive = new WeakSet<WebSocket>();
  private readonly mutedUntil = new Map<string, number>();

  constructor(
    private readonly config: WebChannelConfig,
    private readonly server: Server,
    private readonly log: Logger,
    sessionSecret?: string,
    /** Set for a private show: only a hello carrying this invite code gets in. */
    private readonly invite?: string | null,
  ) {
    this.sessions = new WebSessions(sessionSecret);
  }

  async start(onEvent: Ingest): Promise<void> {
    this.onEvent = onEvent;
    this.server.on('upgrade', this.upgrade);
    this.wss.on('connection', (ws) => this.connected(ws));
    this.heartbeat = setInterval(() => this.checkAlive(), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.current = { state: 'connected', since: Date.now() };
  }

  rooms(): string[] {
    return [ROOM];
  }

  render(out: Outbound, maxLength: number): Rendered {
    const replyTo = out.replyTo?.userName;
    if (out.body.kind === 'moderation') return { parts: [], omitted: 0 };
    if (out.body.kind === 'relay') {
      const { lines, more } = out.body;
      const shown = lines.map(({ platform, author, text }) => ({ platform, author, text }));
      return { parts: [JSON.stringify({ kind: 'relay', lines: shown, ...(more && { more }) })], omitted: 0 };
    }
    return {
      parts: splitText(out.body.text, maxLength).map((text) => JSON.stringify({ kind: 'bot', text, ...(replyTo && { replyTo }) })),
      omitted: 0,
    };
  }

  async send(request: SendRequest): Promise<void> {
    const line: WebLine = { ...(JSON.parse(request.text) as Omit<WebLine, 'id' | 'at'>), id: this.nextId(), at: Date.now() };
    if (request.userId !== undefined) {
      this.toUser(request.userId, { type: 'line', line: { ...line, private: true } });
      return;
    }
    this.publish(line);
  }

  /** Deleting hides the line in every open page; a timeout mutes the viewer's sockets for its duration. */
  async moderate(action: ModerationAction): Promise<void> {
    if (action.kind === 'delete') {
      const at = this.history.findIndex((l) => l.id === action.messageId);
      if (at >= 0) this.history.splice(at, 1);
      this.broadcast({ type: 'delete', id: action.messageId });
      return;
    }
    this.mutedUntil.set(action.userId, Date.now() + action.seconds * 1000);
  }

  state(): ChannelState {
    return this.current;
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.server.off('upgrade', this.upgrade);
    for (const ws of this.wss.clients) ws.close(1001, 'showcart is shutting down');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.current = { state: 'stopped' };
  }

  /** How many browsers are connected right now. */
  get connections(): number {
    return this.wss.clients.size;
  }

  private readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== WEB_CHAT_PATH) return;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  };

  private connected(ws: WebSocket): void {
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.on('message', (data) => this.received(ws, data.toString()));
    ws.on('close', () => this.viewers.delete(ws));
    ws.on('error', (err) => this.log.debug({ err }, 'web chat socket error'));
  }

  private received(ws: WebSocket, raw: string): void {
    const msg = parseClientMessage(raw);
    if (!msg) return this.toSocket(ws, { type: 'error', message: 'Unreadable message.' });
    if (msg.type === 'hello') {
      if (this.invite !== undefined && (this.invite === null || !sameSecret(msg.invite, this.invite))) {
        return this.toSocket(ws, { type: 'error', message: 'This is a private show: open it with your invite link.' });
      }
      const name = cleanName(msg.name);
      if (!name) return this.toSocket(ws, { type: 'error', message: 'Pick a name of 1 to 32 characters.' });
      const known = this.sessions.verify(msg.session);
      const { userId, session } = known ? { userId: known, session: msg.session! } : this.sessions.issue();
      this.viewers.set(ws, { userId, name, flood: new SlidingWindow([{ limit: 5, windowMs: 5000 }]) });
      return this.toSocket(ws, {
        type: 'welcome',
        userId,
        name,
        session,
        title: this.config.title,
        maxLength: this.config.maxMessageLength,
        history: this.history,
      });
    }
    const viewer = this.viewers.get(ws);
    if (!viewer) return this.toSocket(ws, { type: 'error', message: 'Say hello with a name first.' });
    const text = msg.text.replace(/\s+/g, ' ').trim();
    if (text === '') return;
    if (text.length > this.config.maxMessageLength) {
      return this.toSocket(ws, { type: 'error', message: `That is too long: ${this.config.maxMessageLength} characters at most.` });
    }
    const now = Date.now();
    const muted = this.mutedUntil.get(viewer.userId) ?? 0;
    if (muted > now) return this.toSocket(ws, { type: 'error', message: `You are timed out for ${Math.ceil((muted - now) / 1000)} more seconds.` });
    if (viewer.flood.nextAllowed(now) > now) return this.toSocket(ws, { type: 'error', message: 'You are sending too fast; wait a few seconds.' });
    viewer.flood.record(now);
    const line: WebLine = { id: this.nextId(), kind: 'viewer', at: now, author: viewer.name, authorId: viewer.userId, text };
    this.publish(line);
    void this.onEvent?.({
      platform: 'web',
      channelId: ROOM,
      messageId: line.id,
      user: { id: viewer.userId, name: viewer.name, roles: [] },
      text,
      receivedAt: now,
    });
  }

  private publish(line: WebLine): void {
    this.history.push(line);
    if (this.history.length > this.config.history) this.history.splice(0, this.history.length - this.config.history);
    this.broadcast({ type: 'line', line });
  }

  private broadcast(msg: ServerMessage): void {
    const frame = JSON.stringify(msg);
    for (const ws of this.viewers.keys()) if (ws.readyState === ws.OPEN) ws.send(frame);
  }

  private toUser(userId: string, msg: ServerMessage): void {
    for (const [ws, v] of this.viewers) if (v.userId === userId) this.toSocket(ws, msg);
  }

  private toSocket(ws: WebSocket, msg: ServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  private checkAlive(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  private nextId(): string {
    return `web-${Date.now().toString(36)}-${++this.seq}`;
  }
}
