import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { startWebEdge, type WebEdge, type WebEdgeOptions } from '../../../bots/web/web-edge.js';
import { CoreLink } from './core-link.js';
import { createEdgeApp } from './edge-app.js';

export interface EdgeOptions extends Pick<WebEdgeOptions, 'config' | 'host' | 'port' | 'sessionSecret' | 'invite' | 'log' | 'id'> {
  /** The NATS the core listens on (`scale.nats`). */
  natsUrl: string;
  /** No heartbeat for this long and the core counts as away (default 3.5 s). */
  awayAfterMs?: number;
}

export interface Edge extends WebEdge {
  readonly link: CoreLink;
}

/** How long a starting edge waits for its core's first heartbeat before it opens as "reconnecting". */
const FIRST_BEAT_WAIT_MS = 2500;

/**
 * `showcart edge`: the viewer page, its feeds and the web chat's sockets for one show, talking to
 * the core over NATS. It opens even while the core is away (the page says so), and holds nothing
 * a viewer needs: kill it and its viewers reconnect to another edge as who they were.
 */
export async function startEdge(o: EdgeOptions): Promise<Edge> {
  const id = o.id ?? randomBytes(3).toString('hex');
  const log = o.log.child({ edge: id });
  const nc = await connect({ servers: o.natsUrl, name: `showcart-edge-${id}`, maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
  // The link hears the core before the chat exists; it tells the chat once there is one.
  const started: { web?: WebEdge } = {};
  const link = new CoreLink({
    nc,
    showId: o.config.show.id,
    log,
    onChange: (status) => started.web?.chat.setCoreStatus(status),
    ...(o.awayAfterMs !== undefined && { awayAfterMs: o.awayAfterMs }),
  });
  await link.firstHeartbeat(FIRST_BEAT_WAIT_MS);
  const app = createEdgeApp({
    nc,
    showId: o.config.show.id,
    language: o.config.show.language,
    trustProxy: o.config.server.trustProxy,
    link,
    health: () => ({ id, show: o.config.show.id, connections: started.web?.chat.connections ?? 0, commands: started.web?.commands }),
    log,
  });
  const web = await startWebEdge({
    config: o.config,
    nc,
    host: o.host,
    port: o.port,
    sessionSecret: o.sessionSecret,
    ...(o.invite !== undefined && { invite: o.invite }),
    log,
    id,
    handler: app,
    coreAway: () => link.away,
  });
  started.web = web;
  if (link.away) web.chat.setCoreStatus('reconnecting');
  return {
    ...web,
    link,
    async stop() {
      link.stop();
      await web.stop();
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
