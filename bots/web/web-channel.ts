import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { WebChannelConfig } from '../../config/schema/channels.js';
import type { Ingest, Channel, ChannelLimits, ChannelState, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import { SlidingWindow } from '../../orchestrator/shared/sliding-window.js';
import { AwaitingRelay } from './awaiting-relay.js';
import { encode, SocketWriter } from './socket-writer.js';
import { WebAdmission } from './web-admission.js';
import { judgeHello, judgeWatch, type Hello } from './web-hello.js';
import { buyCommand, CLOSE, frameText, parseClientMessage, type ClientMessage, type CoreStatus, type RefusalCode, type WebLine } from './web-protocol.js';
import { botLine, relayedLines, renderWeb, type WebPart } from './web-render.js';
import { WebSessions } from './web-session.js';
import { upgradeListener, type UpgradeRefusals } from './web-upgrade.js';
import { trustOf, type TrustProxy } from './web-address.js';

export const WEB_CHAT_PATH = '/ws/chat';
/** Where viewer lines come from, and so where replies to them go. */
const FROM_VIEWERS = 'web';
/**
 * The page every viewer sees: broadcasts and relay lines go here. It is not FROM_VIEWERS, so the
 * relay, which skips a line's own room, sends web lines back here once the orchestrator passed them.
 */
export const PAGE = 'page';
/** What the outbox may send to the web page: one place for the channel in this process and its stand-in over NATS. */
export const WEB_LIMITS: ChannelLimits = { perRoom: [{ limit: 20, windowMs: 1000 }], perBot: [], maxLength: 2000 };

interface Conn {
  address: string;
  viewer?: { userId: string; name: string };
  /** Said `watch`: gets every public line, sends none. */
  reader?: boolean;
  /** Set once the socket said hello, welcome or not: a socket says it once. */
  greeted: boolean;
  frames: SlidingWindow;
  helloTimer: NodeJS.Timeout | undefined;
  alive: boolean;
}

/** What the web chat has refused and cut, for tests and the log. */
export interface WebChatStats {
  open: number;
  maxConnections: number;
  refused: UpgradeRefusals;
  slowReaders: number;
  /** Bytes waiting to be sent, over every open socket. */
  bufferedBytes: number;
  awaitingRelay: number;
}

/**
 * The built-in web chat: viewers pick a name and chat over a WebSocket on the showcart HTTP
 * server. Each viewer sees their own line at once, and other viewers' lines as the orchestrator's
 * relay sends them back, after moderation. Limits live in `channels.web.limits`.
 */
export class WebChannel implements Channel {
  readonly platform = 'web' as const;
  readonly canDirectMessage = true;
  readonly limits: ChannelLimits = WEB_LIMITS;
  private readonly wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 16 * 1024 });
  private readonly conns = new Map<WebSocket, Conn>();
  private readonly history: WebLine[] = [];
  private readonly sessions: WebSessions;
  private readonly admission: WebAdmission;
  private readonly writer: SocketWriter;
  private readonly awaiting = new AwaitingRelay<WebSocket>();
  private readonly refused: UpgradeRefusals = { path: 0, full: 0, address: 0 };
  private readonly mutedUntil = new Map<string, number>();
  private readonly upgrade: ReturnType<typeof upgradeListener>;
  private onEvent: Ingest | undefined;
  private current: ChannelState = { state: 'stopped' };
  private seq = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private reported = '0/0/0/0';
  /** Line ids start with it: one per web edge, so ids from several edges never clash. */
  private readonly idPrefix: string;
  /** Asked before a viewer's line is shown or sent: true keeps it back (a web edge whose core is away). */
  private readonly holdBack: ((text: string) => boolean) | undefined;
  private coreStatus: CoreStatus = 'live';

  constructor(
    private readonly config: WebChannelConfig,
    private readonly server: Server,
    private readonly log: Logger,
    sessionSecret?: string,
    /** Set for a private show: only a hello carrying this invite code gets in. */
    private readonly invite?: string | null,
    options: { trustProxy?: TrustProxy; idPrefix?: string; holdBack?: (text: string) => boolean } = {},
  ) {
    this.idPrefix = options.idPrefix ? `web-${options.idPrefix}` : 'web';
    this.holdBack = options.holdBack;
    this.sessions = new WebSessions(sessionSecret);
    this.admission = new WebAdmission(config.limits);
    this.writer = new SocketWriter(config.limits.maxBufferedBytes);
    const { admission, wss, refused } = this;
    this.upgrade = upgradeListener({
      path: WEB_CHAT_PATH,
      admission,
      wss,
      refused,
      opened: (ws, address) => this.opened(ws, address),
      trust: trustOf(options.trustProxy ?? false),
    });
  }

  async start(onEvent: Ingest): Promise<void> {
    this.onEvent = onEvent;
    this.server.on('upgrade', this.upgrade);
    this.heartbeat = setInterval(() => this.tick(), this.config.limits.pingInterval);
    this.heartbeat.unref();
    this.current = { state: 'connected', since: Date.now() };
  }

  rooms(): string[] {
    return [PAGE];
  }

  render(out: Outbound, maxLength: number): Rendered {
    return renderWeb(out, maxLength);
  }

  async send(request: SendRequest): Promise<void> {
    const part = JSON.parse(request.text) as WebPart;
    if (part.kind === 'relay') {
      for (const { line, shownOn } of relayedLines(
        part,
        (l) => this.awaiting.take(l),
        () => this.nextId(),
      ))
        this.publish(line, shownOn);
      return;
    }
    const line = botLine(part, request.link, this.nextId(), Date.now());
    if (request.userId === undefined) return this.publish(line);
    const frame = encode({ type: 'line', line: { ...line, private: true } });
    for (const [ws, c] of this.conns) if (c.viewer?.userId === request.userId) this.writer.send(ws, frame);
  }

  /** Deleting hides the line in every open page; a timeout mutes the viewer's sockets for its duration. */
  async moderate(action: ModerationAction): Promise<void> {
    if (action.kind === 'delete') {
      this.awaiting.drop(action.messageId);
      const at = this.history.findIndex((l) => l.id === action.messageId);
      if (at >= 0) this.history.splice(at, 1);
      this.broadcast(encode({ type: 'delete', id: action.messageId }));
      return;
    }
    this.mutedUntil.set(action.userId, Date.now() + action.seconds * 1000);
  }

  state(): ChannelState {
    return this.current;
  }

  /** A web edge says whether its core answers: every open page is told, and each page that opens later. */
  setCoreStatus(core: CoreStatus): void {
    if (core === this.coreStatus) return;
    this.coreStatus = core;
    this.broadcast(encode({ type: 'status', core }));
  }

  /**
   * Fills the history of a web edge that just started from what the core sent lately, before any
   * socket opens: a viewer who lands on a new edge sees the same last lines as everyone else.
   */
  async seed(sends: readonly SendRequest[], deleted: readonly string[]): Promise<void> {
    for (const request of sends) await this.send(request);
    const gone = new Set(deleted);
    for (let i = this.history.length - 1; i >= 0; i--) if (gone.has(this.history[i]!.id)) this.history.splice(i, 1);
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.server.off('upgrade', this.upgrade);
    const closed = [...this.conns.keys()].map((ws) => new Promise((resolve) => ws.once('close', resolve)));
    for (const ws of this.conns.keys()) {
      if (ws.readyState === ws.OPEN) this.writer.shut(ws, CLOSE.shuttingDown, 'showcart is shutting down');
      else ws.terminate();
    }
    await Promise.all(closed);
    this.current = { state: 'stopped' };
  }

  /** The viewer a page's signed session string names, so the page may read what is theirs (their cart). */
  readonly viewerOf = (session: unknown): string | undefined => this.sessions.verify(session);

  /** How many browsers are connected right now. */
  get connections(): number {
    return this.conns.size;
  }

  get stats(): WebChatStats {
    const { admission, refused, writer, awaiting } = this;
    let bufferedBytes = 0;
    for (const ws of this.conns.keys()) bufferedBytes += ws.bufferedAmount;
    return {
      open: admission.connections,
      maxConnections: admission.maxConnections,
      refused: { ...refused },
      slowReaders: writer.slowReaders,
      bufferedBytes,
      awaitingRelay: awaiting.size,
    };
  }

  private opened(ws: WebSocket, address: string): void {
    const { perSocket, helloTimeout } = this.config.limits;
    const conn: Conn = {
      address,
      greeted: false,
      frames: new SlidingWindow([{ limit: perSocket.frames.count, windowMs: perSocket.frames.per }]),
      helloTimer: undefined,
      alive: true,
    };
    conn.helloTimer = setTimeout(() => this.writer.shut(ws, CLOSE.policy, 'say hello first'), helloTimeout);
    this.conns.set(ws, conn);
    ws.on('pong', () => (conn.alive = true));
    ws.on('message', (data) => this.received(ws, conn, data));
    ws.on('close', () => {
      clearTimeout(conn.helloTimer);
      this.conns.delete(ws);
    });
    ws.on('error', (err) => this.log.debug({ err: err.message }, 'web chat socket error'));
  }

  private received(ws: WebSocket, conn: Conn, data: RawData): void {
    // Frames still arriving after the server said goodbye are not read.
    if (ws.readyState !== ws.OPEN) return;
    const now = Date.now();
    if (conn.frames.nextAllowed(now) > now) return this.writer.shut(ws, CLOSE.policy, 'too many messages');
    conn.frames.record(now);
    const msg = parseClientMessage(frameText(data));
    if (!msg) return this.tell(ws, 'Unreadable message.', 'unreadable');
    if (msg.type === 'hello' || msg.type === 'watch') return this.greet(ws, conn, msg);
    if (!conn.viewer) return this.tell(ws, 'Say hello with a name first.', 'helloFirst');
    const { userId, name } = conn.viewer;
    // A Buy press is the viewer's own `!buy` line from here on: one order path, one reply.
    const text = (msg.type === 'buy' ? buyCommand(msg) : msg.text).replace(/\s+/g, ' ').trim();
    if (text === '') return;
    const max = this.config.maxMessageLength;
    if (text.length > max) return this.tell(ws, `That is too long: ${max} characters at most.`, 'tooLong', { max });
    const muted = this.mutedUntil.get(userId) ?? 0;
    if (muted > now) {
      const seconds = Math.ceil((muted - now) / 1000);
      return this.tell(ws, `You are timed out for ${seconds} more seconds.`, 'timedOut', { seconds });
    }
    if (this.admission.line(conn.address, userId, now) > 0) return this.tell(ws, 'You are sending too fast; wait a few seconds.', 'tooFast');
    if (this.holdBack?.(text)) return this.tell(ws, 'The shop is reconnecting: your line was not sent.', 'reconnecting');
    const line: WebLine = { id: this.nextId(), kind: 'viewer', at: now, author: name, authorId: userId, text };
    // The sender sees their line now; everyone else once the orchestrator relays it back.
    this.writer.send(ws, encode({ type: 'line', line }));
    this.awaiting.add(line, ws, now);
    void this.onEvent?.({
      platform: 'web',
      channelId: FROM_VIEWERS,
      messageId: line.id,
      user: { id: userId, name, roles: [] },
      text,
      receivedAt: now,
      ...(!this.admission.isShared(conn.address) && { origin: this.sessions.originOf(conn.address) }),
    });
  }

  /** A socket says hello (or watch) once: a name makes it a viewer, `watch` a reader. */
  private greet(ws: WebSocket, conn: Conn, msg: Hello | Extract<ClientMessage, { type: 'watch' }>): void {
    if (conn.greeted) return this.writer.shut(ws, CLOSE.secondHello, 'one hello per connection');
    conn.greeted = true;
    clearTimeout(conn.helloTimer);
    const { title, maxMessageLength: maxLength } = this.config;
    if (msg.type === 'watch') {
      const refused = judgeWatch(msg, this.invite);
      if (refused) return this.refuse(ws, refused);
      conn.reader = true;
      this.writer.send(ws, encode({ type: 'watching', title, maxLength, history: this.history }));
      return this.statusIfAway(ws);
    }
    const verdict = judgeHello(msg, { sessions: this.sessions, invite: this.invite, newSession: () => this.admission.newSession(conn.address) });
    if (!verdict.ok) return this.refuse(ws, verdict);
    const { userId, session, name } = verdict;
    conn.viewer = { userId, name };
    this.writer.send(ws, encode({ type: 'welcome', userId, name, session, title, maxLength, history: this.history }));
    this.statusIfAway(ws);
  }

  /** A page that just said hello or watch learns at once that the core is away (a web edge's). */
  private statusIfAway(ws: WebSocket): void {
    if (this.coreStatus !== 'live') this.writer.send(ws, encode({ type: 'status', core: this.coreStatus }));
  }

  private refuse(ws: WebSocket, verdict: { message: string; code: RefusalCode; close: number }): void {
    this.tell(ws, verdict.message, verdict.code);
    this.writer.shut(ws, verdict.close, 'hello refused');
  }

  private publish(line: WebLine, shownOn?: WebSocket): void {
    this.history.push(line);
    if (this.history.length > this.config.history) this.history.splice(0, this.history.length - this.config.history);
    this.broadcast(encode({ type: 'line', line }), shownOn);
  }

  /** To every socket that said hello or watch. */
  private broadcast(frame: Buffer, except?: WebSocket): void {
    for (const [ws, c] of this.conns) if ((c.viewer || c.reader) && ws !== except) this.writer.send(ws, frame);
  }

  private tell(ws: WebSocket, message: string, code?: RefusalCode, values?: Record<string, number>): void {
    this.writer.send(ws, encode({ type: 'error', message, ...(code && { code }), ...(values && { values }) }));
  }

  /** Pings every socket, cuts those that did not answer the last ping, and forgets what has expired. */
  private tick(): void {
    const now = Date.now();
    for (const [ws, c] of this.conns) {
      if (!c.alive) {
        ws.terminate();
        continue;
      }
      c.alive = false;
      ws.ping();
    }
    this.admission.sweep(now);
    this.awaiting.sweep(now);
    for (const [userId, until] of this.mutedUntil) if (until <= now) this.mutedUntil.delete(userId);
    // Refusals are counted, not logged one by one (a flood would flood the log): one line when they grew.
    const { refused, slowReaders, open } = this.stats;
    const seen = `${refused.path}/${refused.full}/${refused.address}/${slowReaders}`;
    if (seen !== this.reported) this.log.info({ refused, slowReaders, open }, 'web chat refused or cut connections (totals)');
    this.reported = seen;
  }

  private nextId(): string {
    return `${this.idPrefix}-${Date.now().toString(36)}-${++this.seq}`;
  }
}
