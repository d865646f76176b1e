import { connect, Events, DebugEvents, type ConsumerMessages, type JsMsg, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { Channel, ChannelState, Ingest, Rendered, SendRequest } from '../../orchestrator/channel.js';
import type { ModerationAction, Outbound } from '../../orchestrator/chat-types.js';
import { PAGE, WEB_LIMITS } from './web-channel.js';
import { codec, commandStream, ensureCommandStream, readEdgeEvent, type EdgeCommand, type WebHistory, type WebSubjects } from './web-nats.js';
import { renderWeb } from './web-render.js';
import { WebSessions } from './web-session.js';

export interface NatsWebChannelOptions {
  url: string;
  showId: string;
  subjects: WebSubjects;
  sessionSecret: string;
  /** How many public lines an edge that just started is given (`channels.web.history`). */
  history: number;
  log: Logger;
}

/** Deleted ids kept for a starting edge: enough to cover every line of the history it is given. */
const DELETED_KEPT = 500;

/**
 * The web chat as the core sees it when web edges serve the sockets (`scale.nats`): viewer lines
 * arrive from every edge on one subject, and what the page shows goes to every edge on another,
 * rendered once here. Each edge delivers it to its own sockets (a private line reaches the one
 * edge its viewer is on), so the outbox, moderation and the relay work as with the web chat in
 * this process. Command lines come through JetStream instead: a `!buy` typed while the core was
 * away is handled once it is back, and one delivered twice places its order once (its line id is
 * the request key). While NATS is away the channel says it is retrying; the client reconnects by itself.
 */
export class NatsWebChannel implements Channel {
  readonly platform = 'web' as const;
  readonly canDirectMessage = true;
  readonly limits = WEB_LIMITS;
  private readonly sessions: WebSessions;
  private nc: NatsConnection | undefined;
  private current: ChannelState = { state: 'stopped' };
  private attempts = 0;
  private readonly recent: SendRequest[] = [];
  private commands: ConsumerMessages | undefined;
  /** The command being handled now: shutdown waits for it, so its ack is not lost half-way. */
  private handling: Promise<void> = Promise.resolve();
  private readonly deleted: string[] = [];

  constructor(private readonly o: NatsWebChannelOptions) {
    this.sessions = new WebSessions(o.sessionSecret);
  }

  /** Resolves at once: NATS may come up after the core, and the show must not wait for it. */
  async start(onEvent: Ingest): Promise<void> {
    this.current = { state: 'connecting' };
    connect({ servers: this.o.url, name: 'showcart-core', maxReconnectAttempts: -1, reconnectTimeWait: 1000, waitOnFirstConnect: true }).then(
      (nc) => void this.connected(nc, onEvent),
      (err: unknown) => {
        this.current = { state: 'retrying', nextAttemptAt: Date.now() + 1000, attempts: ++this.attempts, lastError: String(err) };
        this.o.log.error({ err }, 'NATS refused the core; the web edges are unreachable');
      },
    );
  }

  private async connected(nc: NatsConnection, onEvent: Ingest): Promise<void> {
    if (this.current.state === 'stopped') return void (await nc.close());
    this.nc = nc;
    const { subjects } = this.o;
    const sub = nc.subscribe(subjects.in);
    void (async () => {
      for await (const m of sub) {
        const event = this.read(m.data, m.subject);
        if (event) void onEvent(event);
      }
    })();
    nc.subscribe(subjects.history, {
      callback: (_err, m) => {
        const answer: WebHistory = { sends: this.recent, deleted: this.deleted };
        m.respond(codec.encode(answer));
      },
    });
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
    // Connected once the server knows the subscriptions: an edge's line from then on is heard.
    await nc.flush();
    void this.consumeCommands(nc, onEvent);
    if (this.current.state === 'connecting') this.current = { state: 'connected', since: Date.now() };
  }

  /**
   * Takes the edges' command lines from JetStream, one at a time and in order, each acknowledged
   * only once it was handled: a crash before the ack brings it back, and its request key keeps
   * the order it placed from being placed again.
   */
  private async consumeCommands(nc: NatsConnection, onEvent: Ingest): Promise<void> {
    const { showId, subjects, log } = this.o;
    try {
      await ensureCommandStream(nc, showId, subjects.commands);
      const { stream, consumer } = commandStream(showId);
      const messages = await (await nc.jetstream().consumers.get(stream, consumer)).consume({ max_messages: 100 });
      this.commands = messages;
      for await (const m of messages) {
        this.handling = this.handleCommand(m, onEvent);
        await this.handling;
      }
    } catch (err) {
      if (this.current.state === 'stopped') return;
      log.error({ err }, "the edges' command stream cannot be read (is JetStream on? nats-server -js); commands typed on edges wait");
    }
  }

  private async handleCommand(m: JsMsg, onEvent: Ingest): Promise<void> {
    const event = this.read(m.data, m.subject);
    if (!event) return void m.term();
    try {
      await onEvent({ ...event, requestKey: `web:${event.messageId}` });
      m.ack();
    } catch (err) {
      this.o.log.error({ err }, 'an edge command failed; JetStream brings it back');
      m.nak(1000);
    }
  }

  private read(data: Uint8Array, subject: string) {
    let event;
    try {
      event = readEdgeEvent(codec.decode(data));
    } catch {
      event = undefined;
    }
    if (!event) this.o.log.warn({ subject, bytes: data.length }, 'an unreadable web line from an edge was dropped');
    return event;
  }

  rooms(): string[] {
    return [PAGE];
  }

  render(out: Outbound, maxLength: number): Rendered {
    return renderWeb(out, maxLength);
  }

  async send(request: SendRequest): Promise<void> {
    if (request.userId === undefined) {
      this.recent.push(request);
      if (this.recent.length > this.o.history) this.recent.splice(0, this.recent.length - this.o.history);
    }
    this.publish({ send: request });
  }

  async moderate(action: ModerationAction): Promise<void> {
    if (action.kind === 'delete') {
      this.deleted.push(action.messageId);
      if (this.deleted.length > DELETED_KEPT) this.deleted.shift();
    }
    this.publish({ moderate: action });
  }

  state(): ChannelState {
    return this.current;
  }

  /**
   * Takes no more commands from JetStream and waits for the one being handled: called before the
   * show stops taking chat, so no command is acknowledged without having been handled. What is
   * left stays in JetStream for the next core.
   */
  async stopIntake(): Promise<void> {
    this.commands?.stop();
    this.commands = undefined;
    await this.handling;
  }

  async stop(): Promise<void> {
    await this.stopIntake();
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
    this.nc.publish(this.o.subjects.out, codec.encode(command));
  }
}
