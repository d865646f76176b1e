import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '../../bus.js';
import type { RunningShow } from '../../show.js';
import type { EventLog } from '../../events/event-log.js';
import { onLiveRows } from '../../events/live-rows.js';
import { readEngagement } from './engagement.js';
import { SnapshotFeed } from './snapshot-feed.js';
import { openSse } from './sse-stream.js';
import type { StoreAccess } from '../../store/store.js';

export interface AdminLiveDeps {
  /** The admin gate. */
  require: RequestHandler;
  events: EventLog;
  store: StoreAccess;
  bus: Bus;
  show: RunningShow;
  /** The same state GET /api/admin/state answers with. */
  state: () => unknown;
  log: Logger;
}

/** Without a `since`, an off-air chart shows this much of the past. */
const OFF_AIR_WINDOW_MS = 2 * 60 * 60_000;

/**
 * The dashboard's live side, mounted under /api:
 * - GET /admin/live        Server-Sent Events: `log` for every event as it is appended, `state` when the state changes
 * - GET /admin/engagement  ?bucket=10 (seconds) &since=<epoch ms>: chat lines, buys and votes per bucket, featured moments
 */
export function adminLiveRoutes(deps: AdminLiveDeps): Router {
  const router = express.Router();
  const feed = new SnapshotFeed(deps.state, {
    throttleMs: 1000,
    // Channel health and the outbox change without an event.
    pollMs: 3000,
    onError: (err) => deps.log.error({ err }, 'admin live state failed'),
  });
  // Poll totals change on votes, which the poll feature reports (throttled) on the bus.
  for (const event of ['poll.started', 'poll.updated', 'poll.ended'] as const) deps.bus.on(event, () => feed.touch());
  for (const event of ['auction.started', 'auction.updated', 'auction.changed', 'auction.ended'] as const) deps.bus.on(event, () => feed.touch());
  for (const event of ['ai.suggested', 'ai.answered', 'faq.answered'] as const) deps.bus.on(event, () => feed.touch());
  for (const event of ['giveaway.started', 'giveaway.entered', 'giveaway.drawn', 'giveaway.claimed', 'giveaway.ended'] as const)
    deps.bus.on(event, () => feed.touch());

  router.get('/admin/live', deps.require, async (req, res) => {
    const stream = openSse(req, res);
    // The same rows the event log writes, straight from the bus.
    const offEvents = onLiveRows(
      deps.bus,
      () => deps.show.id,
      (at) => deps.show.clock(at),
      (row) => {
        stream.send('log', row);
        feed.touch();
      },
    );
    const offState = feed.subscribe((state) => stream.send('state', state));
    stream.onClose(() => {
      offEvents();
      offState();
    });
    try {
      stream.send('state', await feed.current());
    } catch (err) {
      deps.log.error({ err }, 'admin live state failed');
    }
  });

  router.get('/admin/engagement', deps.require, async (req, res) => {
    const bucketS = req.query.bucket === undefined ? 10 : Number(req.query.bucket);
    if (!Number.isInteger(bucketS) || bucketS < 1 || bucketS > 3600) {
      res.status(400).json({ error: 'bucket is a whole number of seconds from 1 to 3600' });
      return;
    }
    const now = Date.now();
    const since = req.query.since === undefined ? (deps.show.summary().startedAt ?? now - OFF_AIR_WINDOW_MS) : Number(req.query.since);
    if (!Number.isFinite(since) || since > now) {
      res.status(400).json({ error: 'since is a time in ms since the epoch, in the past' });
      return;
    }
    res.json(await readEngagement(deps.store.models, deps.events, deps.show.id, bucketS * 1000, since, now));
  });
  return router;
}
