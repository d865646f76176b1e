import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '../../bus.js';
import { overlayState, type OverlaySources, type OverlayState } from './overlay-view.js';
import { SnapshotFeed } from './snapshot-feed.js';
import { openSse } from './sse-stream.js';

export interface OverlayAlert {
  at: number;
  text: string;
  title: string;
  buyers: string[];
  sku: string;
  image: string | null;
}

/** A drop or unlock code that just fired; the chats were told it, so it may go on stream too. */
export interface OverlayCode {
  kind: 'drop' | 'unlock';
  id: string;
  code: string;
  at: number;
  expiresAt: number;
}

/** The overlay's picture plus the codes on screen now. */
export type OverlayFeedState = OverlayState & { codes: OverlayCode[] };

export interface OverlayRoutesDeps extends OverlaySources {
  bus: Bus;
  log: Logger;
}

/** Alerts a freshly opened overlay can still show (and its purchase ticker lists). */
const RECENT_ALERTS = 5;
/** A fired code stays large on screen this long: long enough to read and type, short enough not to cover the show. */
export const CODE_ON_SCREEN_MS = 30_000;
/** Facts after which the overlay's picture may have changed. */
const AFFECTS_OVERLAY =
  /^(show\.(featured|live|offline)|flash\.|unlock\.|drop\.issued|poll\.(started|updated|ended)|auction\.(started|updated|changed|ended)|giveaway\.)/;

/** What GET /overlay/state answers and a freshly opened feed starts with. */
export type OverlayNow = OverlayFeedState & { alerts: OverlayAlert[] };

/** One event of the overlay's live feed, as its SSE stream sends it. */
export type OverlayFeedEvent = { event: 'state'; data: OverlayFeedState | OverlayNow } | { event: 'alert'; data: OverlayAlert };

/** The picture after one event of the feed: a new state keeps the alerts, an alert joins the last few. */
export function withOverlayEvent(now: OverlayNow, e: OverlayFeedEvent): OverlayNow {
  return e.event === 'state' ? { ...e.data, alerts: now.alerts } : { ...now, alerts: [...now.alerts, e.data].slice(-RECENT_ALERTS) };
}

/** The overlay's feed for listeners outside HTTP (web edges re-serve it to their own viewers). */
export interface OverlayFeed {
  now(): Promise<OverlayNow>;
  /** Every event the SSE streams get, from now on; returns how to stop. */
  watch(listener: (e: OverlayFeedEvent) => void): () => void;
}

/**
 * The OBS overlay's public, read-only feeds, mounted under /api:
 * - GET /overlay/state  the picture now, with the last few purchase alerts
 * - GET /overlay/live   Server-Sent Events: `state` when the picture changes, `alert` per purchase alert
 */
export function overlayRoutes(deps: OverlayRoutesDeps): { router: Router; feed: OverlayFeed } {
  const router = express.Router();
  const recent: OverlayAlert[] = [];
  const codes: OverlayCode[] = [];
  const watchers = new Set<(e: OverlayFeedEvent) => void>();
  // The feed rebuilds every second while watched, so a code leaves the screen by the clock.
  const state = (now = Date.now()): OverlayFeedState => ({
    ...overlayState(deps, now),
    codes: codes.filter((c) => now - c.at < CODE_ON_SCREEN_MS && c.expiresAt > now),
  });
  const feed = new SnapshotFeed<OverlayFeedState>(() => state(), {
    throttleMs: 250,
    // Flash sales, poll results and codes leave the screen by the clock, not by an event.
    pollMs: 1000,
    onError: (err) => deps.log.error({ err }, 'overlay state failed'),
  });
  const remember = (code: OverlayCode) => {
    codes.push(code);
    if (codes.length > 4) codes.shift();
  };

  deps.bus.on('alert.purchase', ({ text, title, buyers, sku }) => {
    const image = deps.show.config.products.find((p) => p.sku === sku)?.image ?? null;
    const alert: OverlayAlert = { at: Date.now(), text, title, buyers, sku, image };
    recent.push(alert);
    if (recent.length > RECENT_ALERTS) recent.shift();
    for (const watcher of watchers) watcher({ event: 'alert', data: alert });
  });
  deps.bus.on('drop.issued', ({ id, code, expiresAt, announced }) => {
    // A drop whose run ended meanwhile was kept quiet in the chats: quiet on stream too.
    if (announced) remember({ kind: 'drop', id, code, at: Date.now(), expiresAt });
  });
  deps.bus.on('unlock.reached', ({ id, code, expiresAt }) => remember({ kind: 'unlock', id, code, at: Date.now(), expiresAt }));
  deps.bus.tap((e) => {
    if (AFFECTS_OVERLAY.test(e.type)) feed.touch();
  });

  router.get('/overlay/state', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ...state(), alerts: recent });
  });

  // One feed for this server's SSE streams and for listeners outside HTTP (the web edges).
  const overlayFeed: OverlayFeed = {
    now: async () => ({ ...(await feed.current()), alerts: recent }),
    watch: (listener) => {
      watchers.add(listener);
      const off = feed.subscribe((snapshot) => listener({ event: 'state', data: snapshot }));
      return () => {
        watchers.delete(listener);
        off();
      };
    },
  };

  router.get('/overlay/live', async (req, res) => {
    const stream = openSse(req, res);
    stream.onClose(overlayFeed.watch((e) => stream.send(e.event, e.data)));
    stream.send('state', await overlayFeed.now());
  });
  return { router, feed: overlayFeed };
}
