import express, { type Express, type Router } from 'express';
import pino, { type Logger } from 'pino';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Channel, ChannelState, SkippedChannel } from '../channel.js';
import type { OutboxStats } from '../outbox/outbox-stats.js';
import type { RunningShow } from '../show.js';
import { httpErrors } from './http-errors.js';
import { sendLocalized } from './localized-page.js';
import { securityHeaders } from './security-headers.js';
import { PROJECT_ROOT as ROOT, WEB_ROOT } from './web-root.js';

export { WEB_ROOT };

const MEDIA_PLAYER = join(ROOT, 'media', 'web', 'player.js');
const MPEGTS = createRequire(import.meta.url).resolve('mpegts.js/dist/mpegts.js');
// The light build (no subtitles, alternate audio or DRM: a live show has none); UMD, it sets window.Hls.
const HLS_JS = createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.js');
// The package's self-contained ES module build; its exports map names only the one that imports its parser.
const MESSAGE_FORMAT = join(dirname(createRequire(import.meta.url).resolve('intl-messageformat')), 'intl-messageformat.iife.js');

export interface HttpDeps {
  show: RunningShow;
  channels: () => Channel[];
  skipped: () => SkippedChannel[];
  outbox: () => OutboxStats;
  startedAt: number;
  /** Routers mounted under /api (webhooks, commerce views). */
  api?: Router[];
  /** Routers that carry their own full paths (media). */
  root?: Router[];
  /** Where request errors are logged; the app's logger (a plain stderr logger stands in without it). */
  log?: Logger;
}

export interface ChannelHealth {
  platform: string;
  rooms: string[];
  status: ChannelState;
}

/** The showcart web server: viewer pages and the read-only public API. */
export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Read once: `server` changes need a restart. It decides req.ip (X-Forwarded-For) and req.secure (X-Forwarded-Proto).
  app.set('trust proxy', deps.show.config.server.trustProxy ?? false);
  app.use(securityHeaders);

  app.get('/api/health', (_req, res) => {
    const channels: ChannelHealth[] = deps.channels().map((c) => ({ platform: c.platform, rooms: c.rooms(), status: c.state() }));
    const ok = channels.every((c) => c.status.state === 'connected');
    res.status(200).json({
      ok,
      uptimeMs: Date.now() - deps.startedAt,
      show: deps.show.summary(),
      channels,
      disabled: deps.skipped(),
      outbox: deps.outbox(),
    });
  });

  app.get('/api/show', (_req, res) => {
    const { show, products } = deps.show.config;
    res.json({
      ...deps.show.summary(),
      timezone: show.timezone,
      schedule: show.schedule,
      products: products.map((p) => ({ sku: p.sku, title: p.title, price: p.price, currency: p.currency ?? show.currency, image: p.image ?? null })),
    });
  });

  for (const router of deps.api ?? []) app.use('/api', router);
  for (const router of deps.root ?? []) app.use(router);
  mountViewerPage(app, () => deps.show.config.show.language);
  app.use('/api', (_req, res) => res.status(404).json({ error: 'no such endpoint' }));
  app.use(httpErrors(deps.log ?? pino({ base: { app: 'showcart', part: 'http' } }, pino.destination(2))));
  return app;
}

/**
 * The viewer page at / in the show's language, the assets of web/ and the players' libraries:
 * served the same by the core's server and by every web edge.
 */
export function mountViewerPage(app: Express, language: () => string): void {
  app.get('/media-player.js', (_req, res) => res.type('text/javascript').sendFile(MEDIA_PLAYER));
  app.get('/vendor/mpegts.js', (_req, res) => res.type('text/javascript').sendFile(MPEGTS));
  app.get('/vendor/hls.js', (_req, res) => res.type('text/javascript').sendFile(HLS_JS));
  app.get('/vendor/intl-messageformat.js', (_req, res) => res.type('text/javascript').sendFile(MESSAGE_FORMAT));
  app.use(express.static(WEB_ROOT, { index: false, maxAge: '5m' }));
  app.get('/', (_req, res) => sendLocalized(res, 'chat/index.html', language()));
}
