import { connect, Events, DebugEvents, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { Channel, ChannelState, Ingest, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import { PAGE, WEB_LIMITS } from './web-channel.js';
import { codec, readEdgeEvent, type EdgeCommand, type WebSubjects } from './web-nats.js';
import { renderWeb } from './web-render.js';
import { WebSessions } from './web-session.js';

/**
 * The web chat as the core sees it when web edges serve the sockets (`scale.nats`): viewer lines
 * arrive from every edge on one subject, and what the page shows goes to every edge on another,
 * rendered once here. Each edge delivers it to its own sockets (a private line reaches the one
 * edge its viewer is on), so the outbox, moderation and the relay work as with the web chat in
 * this process. While NATS is away the channel says it is retrying; the client reconnects by itself.
 */
export class NatsWebChannel implements Channel {
  readonly platform = 'web' as const;
  readonly canDirectMessage = true;
  readonly limits = WEB_LIMITS;
  private readonly sessions: WebSessions;
  private nc: NatsConnection | undefined;
  private current: ChannelState = { state: 'stopped' };
  private attempts = 0;

  constructor(
    private readonly url: string,
    private readonly subjects: WebSubjects,
    sessionSecret: string,
    private readonly log: Logger,
  ) {
    this.sessions = new WebSessions(sessionSecret);
  }

  /** Resolves at once: NATS may come up after the core, and the show must not wait for it. */
  async start(onEvent: Ingest): Promise<void> {
    this.current = { state: 'connecting' };
    connect({ servers: this.url, name: 'showcart-core', maxReconnectAttempts: -1, reconnectTimeWait: 1000, waitOnFirstConnect: true }).then(
      (nc) => void this.connected(nc, onEvent),
      (err: unknown) => {
        this.current = { state: 'retrying', nextAttemptAt: Date.now() + 1000, attempts: ++this.attempts, lastError: String(err) };
        this.log.error({ err }, 'NATS refused the core; the web edges are unreachable');
      },
    );
  }

  private async connected(nc: NatsConnection, onEvent: Ingest): Promise<void> {
    if (this.current.state === 'stopped') return void (await nc.close());
    this.nc = nc;
    const sub = nc.subscribe(this.subjects.in);
    void (async () => {
      for await (const m of sub) {
        let event;
        try {
          event = readEdgeEvent(codec.decode(m.data));
        } catch {
          event = undefined;
        }
        if (!event) {
          this.log.warn({ subject: m.subject, bytes: m.data.length }, 'an unreadable web line from an edge was dropped');
          continue;
        }
        void onEvent(event);
      }
    })();
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === Events.Disconnect || s.type === DebugEvents.Reconnecting) {
          this.current = { state: 'retrying', nextAttemptAt: Date.now() + 1000, attempts: ++this.attempts, lastError: 'NATS connection lost' };
        } else if (s.type === Events.Reconnect) {
          this.attempts = 0;
          this.current = { state: 'connected', since: Date.now() };
        }
      }
    })();
    // Connected once the server knows the subscription: an edge's line from then on is heard.
    await nc.flush();
    if (this.current.state === 'connecting') this.current = { state: 'connected', since: Date.now() };
  }

  rooms(): string[] {
    return [PAGE];
  }

  render(out: Outbound, maxLength: number): Rendered {
    return renderWeb(out, maxLength);
  }

  async send(request: SendRequest): Promise<void> {
    this.publish({ send: request });
  }

  async moderate(action: ModerationAction): Promise<void> {
    this.publish({ moderate: action });
  }

  state(): ChannelState {
    return this.current;
  }

  async stop(): Promise<void> {
    const nc = this.nc;
    this.nc = undefined;
    this.current = { state: 'stopped' };
    if (nc && !nc.isClosed()) await nc.drain();
  }

  /** The viewer a page's signed session names: edges and the core share the key. */
  readonly viewerOf = (session: unknown): string | undefined => this.sessions.verify(session);

  private publish(command: EdgeCommand): void {
    // A send while NATS is away is buffered by the client and goes out on reconnect.
    if (!this.nc || this.nc.isClosed()) throw new Error('the web edges are not reachable (NATS closed)');
    this.nc.publish(this.subjects.out, codec.encode(command));
  }
}
