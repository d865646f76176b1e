import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, type NatsConnection } from 'nats';
import type { Logger } from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import { WebChannel } from './web-channel.js';
import { codec, webSubjects, type EdgeCommand } from './web-nats.js';

export interface WebEdgeOptions {
  config: ShowConfig;
  natsUrl: string;
  host: string;
  port: number;
  /** SHOWCART_WEB_SECRET, the same on the core and every edge: a session from one edge is valid on all. */
  sessionSecret: string;
  /** A private show's invite code (null: none set, nobody gets in). */
  invite?: string | null;
  log: Logger;
  /** This edge's name in line ids; random by default. */
  id?: string;
}

export interface WebEdge {
  readonly id: string;
  readonly url: string;
  readonly port: number;
  readonly chat: WebChannel;
  stop(): Promise<void>;
}

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
  const nc: NatsConnection = await connect({ servers: o.natsUrl, name: `showcart-edge-${id}`, maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/api/health') {
      const nats = nc.isClosed() ? 'disconnected' : nc.isDraining() ? 'draining' : 'connected';
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      return void res.end(JSON.stringify({ role: 'edge', id, show: o.config.show.id, nats, connections: chat.connections }));
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  });
  const chat = new WebChannel(o.config.channels.web, server, log, o.sessionSecret, o.invite, { trustProxy: o.config.server.trustProxy, idPrefix: id });
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
  // Core NATS keeps no messages: a line written while NATS is away is lost, as a line on a dropped socket would be.
  await chat.start(async (event) => {
    if (!nc.isClosed()) nc.publish(subjects.in, codec.encode(event));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ port, nats: o.natsUrl }, 'web edge listening');
  return {
    id,
    url: `http://${o.host}:${port}`,
    port,
    chat,
    async stop() {
      await chat.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
