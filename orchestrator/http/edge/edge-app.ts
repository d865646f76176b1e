import express, { type Express } from 'express';
import type { NatsConnection } from 'nats';
import type { Logger } from 'pino';
import { codec } from '../../../bots/web/web-nats.js';
import { httpErrors } from '../http-errors.js';
import { mountViewerPage } from '../http-app.js';
import { openSse } from '../live/sse-stream.js';
import { securityHeaders } from '../security-headers.js';
import type { CoreLink } from './core-link.js';
import { BRIDGED_PATHS, coreSubjects, type ApiAnswer } from './edge-subjects.js';

export interface EdgeAppDeps {
  nc: NatsConnection;
  showId: string;
  language: string;
  trustProxy: boolean | number | string | string[];
  link: CoreLink;
  /** What /api/health adds about this edge (its name, its sockets). */
  health: () => Record<string, unknown>;
  log: Logger;
}

/** A viewer read the core did not answer within this is answered "reconnecting". */
const BRIDGE_TIMEOUT_MS = 3000;

/**
 * A web edge's HTTP side: the viewer page and its assets, the storefront and the overlay feed
 * from the core's last heartbeat (no viewer's poll reaches the core), and a viewer's own reads
 * (their cart) passed to the core over NATS. While the core is away, the page still loads, the
 * storefront says `reconnecting` beside the last picture, and a viewer's own reads answer 503.
 */
export function createEdgeApp(deps: EdgeAppDeps): Express {
  const { link } = deps;
  const api = coreSubjects(deps.showId).api;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(securityHeaders);

  app.get('/api/health', (_req, res) => {
    const nats = deps.nc.isClosed() ? 'disconnected' : 'connected';
    res.set('Cache-Control', 'no-store').json({ role: 'edge', nats, core: link.away ? 'reconnecting' : 'live', ...deps.health() });
  });

  app.get('/api/storefront', (_req, res) => {
    const state = link.state;
    if (!state) return void res.status(503).set('Retry-After', '2').json({ error: 'reconnecting' });
    res.set('Cache-Control', link.away ? 'no-store' : 'public, max-age=1').json(link.away ? { ...state.storefront, reconnecting: true } : state.storefront);
  });

  app.get('/api/overlay/state', (_req, res) => {
    const state = link.state;
    if (!state) return void res.status(503).set('Retry-After', '2').json({ error: 'reconnecting' });
    res.set('Cache-Control', 'no-store').json(state.overlay);
  });

  app.get('/api/overlay/live', (req, res) => {
    const stream = openSse(req, res);
    link.overlayStreams.add(stream);
    stream.onClose(() => link.overlayStreams.delete(stream));
    if (link.state) stream.send('state', link.state.overlay);
  });

  app.get(BRIDGED_PATHS, async (req, res) => {
    const session = req.get('x-showcart-session');
    try {
      const reply = await deps.nc.request(api, codec.encode({ path: req.originalUrl, ...(session !== undefined && { session }) }), {
        timeout: BRIDGE_TIMEOUT_MS,
      });
      const answer = codec.decode(reply.data) as ApiAnswer;
      res.status(answer.status).type(answer.type).set('Cache-Control', answer.cacheControl).send(answer.body);
    } catch {
      // No core answering (no responders, or a timeout): the page asks again when the core is back.
      res.status(503).set({ 'Retry-After': '2', 'Cache-Control': 'no-store' }).json({ error: 'reconnecting' });
    }
  });

  mountViewerPage(app, () => deps.language);
  app.use('/api', (_req, res) => res.status(404).json({ error: 'no such endpoint' }));
  app.use(httpErrors(deps.log));
  return app;
}
