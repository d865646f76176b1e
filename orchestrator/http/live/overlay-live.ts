import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '../../bus.js';
import { overlayState, type OverlaySources, type OverlayState } from './overlay-view.js';
import { SnapshotFeed } from './snapshot-feed.js';
import { openSse, type SseStream } from './sse-stream.js';

export interface OverlayAlert {
  at: number;
  text: string;
  title: string;
  buyers: string[];
}

export interface OverlayRoutesDeps extends OverlaySources {
  bus: Bus;
  log: Logger;
}

/** Alerts a freshly opened overlay can still show. */
const RECENT_ALERTS = 5;
/** Facts after which the overlay's picture may have changed. */
const AFFECTS_OVERLAY = /^(show\.(featured|live|offline)|flash\.|unlock\.|poll\.(started|updated|ended))/;

/**
 * The OBS overlay's public, read-only feeds, mounted under /api:
 * - GET /overlay/state  the picture now, with the last few purchase alerts
 * - GET /overlay/live   Server-Sent Events: `state` when the picture changes, `alert` per purchase alert
 */
export function overlayRoutes(deps: OverlayRoutesDeps): Router {
  const router = express.Router();
  const recent: OverlayAlert[] = [];
  const streams = new Set<SseStream>();
  const feed = new SnapshotFeed<OverlayState>(() => overlayState(deps), {
    throttleMs: 250,
    // Flash sales and poll results leave the screen by the clock, not by an event.
    pollMs: 1000,
    onError: (err) => deps.log.error({ err }, 'overlay state failed'),
  });

  deps.bus.on('alert.purchase', ({ text, title, buyers }) => {
    const alert: OverlayAlert = { at: Date.now(), text, title, buyers };
    recent.push(alert);
    if (recent.length > RECENT_ALERTS) recent.shift();
    for (const stream of streams) stream.send('alert', alert);
  });
  deps.bus.tap((e) => {
    if (AFFECTS_OVERLAY.test(e.type)) feed.touch();
  });

  router.get('/overlay/state', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ...overlayState(deps), alerts: recent });
  });

  router.get('/overlay/live', async (req, res) => {
    const stream = openSse(req, res);
    streams.add(stream);
    const off = feed.subscribe((state) => stream.send('state', state));
    stream.onClose(() => {
      streams.delete(stream);
      off();
    });
    stream.send('state', { ...(await feed.current()), alerts: recent });
  });
  return router;
}
