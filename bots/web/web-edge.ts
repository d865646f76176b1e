import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import type { ChatEvent } from '../../orchestrator/chat-types.js';
import { WebChannel } from './web-channel.js';
import { codec, ensureCommandStream, webSubjects, type EdgeCommand, type WebHistory } from './web-nats.js';

export interface WebEdgeOptions {
  config: ShowConfig;
  /** The edge's connection to the NATS its core listens on (`scale.nats`). */
  nc: NatsConnection;
  host: string;
  port: number;
  /** SHOWCART_WEB_SECRET, the same on the core and every edge: a session from one edge is valid on all. */
  sessionSecret: string;
  /** A private show's invite code (null: none set, nobody gets in). */
  invite?: string | null;
  log: Logger;
  /** This edge's name in line ids; random by default. */
  id?: string;
  /** Everything but the chat's WebSocket upgrades: the viewer page and its feeds. */
  handler: RequestListener;
  /** True while the core does not answer: chat lines are refused then, commands wait in JetStream. */
  coreAway: () => boolean;
}

export interface WebEdge {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  readonly chat: WebChannel;
  /** Command lines that went through JetStream, and those sent plainly because JetStream refused. */
  readonly commands: { kept: number; plain: number };
  stop(): Promise<void>;
}

/** How long a starting edge waits for the core's recent lines before it opens without them. */
const HISTORY_WAIT_MS = 2000;

/** A chat line that asks the shop for something (`!buy`, `/cart`…): kept in JetStream, never lost. */
const isCommand = (text: string) => /^[!/]\p{L}/u.test(text);

/**
 * A web edge (`npm run edge`): the web chat's sockets for one show, in a process of its own. It
 * holds nothing a viewer needs: lines go to the core over NATS, what the page shows comes back
 * from the core to every edge, and a viewer's signed session is valid on any edge. The limits,
 * admission and slow-reader guards are the web chat's own (WebChannel), so an edge is as hard to
 * take down as the page served by the core.
 */
export async function startWebEdge(o: WebEdgeOptions): Promise<WebEdge> {
  const id = o.id ?? randomBytes(3).toString('hex');
  const log = o.log.child({ edge: id });
  const subjects = webSubjects(o.config.show.id);
  const { nc } = o;
  const server: Server = createServer(o.handler);
  const chat = new WebChannel(o.config.channels.web, server, log, o.sessionSecret, o.invite, {
    trustProxy: o.config.server.trustProxy,
    idPrefix: id,
    holdBack: (text) => o.coreAway() && !isCommand(text),
  });
  await seedHistory(nc, subjects.history, chat, log);
  const sub = nc.subscribe(subjects.out);
  void (async () => {
    for await (const m of sub) {
      try {
        const command = codec.decode(m.data) as EdgeCommand;
        if ('send' in command) await chat.send(command.send);
        else if ('moderate' in command) await chat.moderate(command.moderate);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'an unreadable command from the core was dropped');
      }
    }
  })();
  const commands = { kept: 0, plain: 0 };
  // The edge may start before its core ever did: the stream must exist for commands to be kept.
  await ensureCommandStream(nc, o.config.show.id, subjects.commands).catch((err: unknown) =>
    log.error({ err }, 'the command stream cannot be made (is JetStream on? nats-server -js); commands are lost while the core is away'),
  );
  const js = nc.jetstream();
  const forward = async (event: ChatEvent): Promise<void> => {
    if (nc.isClosed()) return;
    if (!isCommand(event.text)) return void nc.publish(subjects.in, codec.encode(event));
    try {
      // The line id is the message id: a publish retried after a lost ack is stored once.
      await js.publish(subjects.commands, codec.encode(event), { msgID: event.messageId });
      commands.kept++;
    } catch (err) {
      // No JetStream (a NATS without -js): the command goes as a plain line and is lost if the core is away.
      if (commands.plain++ === 0) log.error({ err }, 'JetStream refused a command line; commands go plainly and are lost while the core is away');
      nc.publish(subjects.in, codec.encode(event));
    }
  };
  await chat.start(forward);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port }, 'web edge listening');
  return {
    id,
    url: `http://${o.host}:${port}`,
    port,
    chat,
    commands,
    async stop() {
      await chat.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The core's recent public lines, so this edge's first viewers see what everyone sees; none if the core is away. */
async function seedHistory(nc: NatsConnection, subject: string, chat: WebChannel, log: Logger): Promise<void> {
  try {
    const reply = await nc.request(subject, codec.encode({}), { timeout: HISTORY_WAIT_MS });
    const history = codec.decode(reply.data) as WebHistory;
    await chat.seed(history.sends, history.deleted);
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'no chat history from the core; the page fills from the live lines');
  }
}
