import express, { type Request, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { AnalyticsSource } from './analytics-source.js';
import { showReportCsv } from './analytics-csv.js';
import { crossShowReport } from './cross-show.js';
import { showReport } from './show-report.js';
import { WEB_ROOT } from '../http/http-app.js';
import type { StoreAccess } from '../store/store.js';

export interface AnalyticsDeps {
  /** The admin gate: analytics shows buyers' names, codes and money. */
  require: RequestHandler;
  store: Pick<StoreAccess, 'db' | 'models'>;
  /** The running show: its id, the show file's `featured` (on screen before any switch) and timezone. */
  current: () => { id: string; featured: string | null; timezone: string };
  /** Shows run beside this one on the same database: another seller's, never listed or loaded here. */
  hidden?: ReadonlySet<string>;
  log: Logger;
}

/** Events the cross-show report reads (featured spans, chat per span); the rest of each log stays on disk. */
const CROSS_SHOW_TYPES = ['show.featured', 'chat.message'];

const wantsCsv = (req: Request) =>
  req.query.format === 'csv' || (req.query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');

function positiveInt(value: unknown): number | undefined | 'bad' {
  if (value === undefined) return undefined;
  return typeof value === 'string' && /^\d{1,9}$/.test(value) && Number(value) > 0 ? Number(value) : 'bad';
}

/**
 * `GET /api/analytics` (every show: products, time slots, best segments, forecast) and
 * `GET /api/analytics/:show[?run=ID&top=N][&format=csv]` (one show), both admin-only.
 */
export function analyticsRoutes(deps: AnalyticsDeps): Router {
  const source = new AnalyticsSource(deps.store);
  const hidden = deps.hidden ?? new Set<string>();
  const router = express.Router();

  router.get('/analytics', deps.require, async (_req, res) => {
    try {
      const current = deps.current();
      const shows = [];
      for (const id of await source.showIds()) {
        if (hidden.has(id)) continue;
        const data = await source.load(id, { types: CROSS_SHOW_TYPES, initialFeatured: id === current.id ? current.featured : null });
        if (data) shows.push(data);
      }
      res.json(crossShowReport(shows, current.timezone));
    } catch (err) {
      deps.log.error({ err }, 'cross-show analytics failed');
      res.status(500).json({ error: 'analytics failed; see the log' });
    }
  });

  router.get('/analytics/:show', deps.require, async (req, res) => {
    const run = positiveInt(req.query.run);
    const top = positiveInt(req.query.top);
    if (run === 'bad' || top === 'bad') return void res.status(400).json({ error: 'run and top must be positive whole numbers' });
    try {
      const current = deps.current();
      const id = String(req.params.show);
      if (hidden.has(id)) return void res.status(404).json({ error: 'no such show' });
      const data = await source.load(id, { initialFeatured: id === current.id ? current.featured : null });
      if (!data) return void res.status(404).json({ error: 'no such show' });
      const report = showReport(data, { ...(run !== undefined && { runId: run }), top: Math.min(top ?? 5, 50) });
      if (!report) return void res.status(404).json({ error: 'no such run in this show' });
      if (!wantsCsv(req)) return void res.json(report);
      const file = `${id.replace(/[^A-Za-z0-9_-]/g, '_')}${run !== undefined ? `-run${run}` : ''}-analytics.csv`;
      res.type('text/csv; charset=utf-8').attachment(file).send(showReportCsv(report));
    } catch (err) {
      deps.log.error({ err }, 'show analytics failed');
      res.status(500).json({ error: 'analytics failed; see the log' });
    }
  });
  return router;
}

/** `/analytics`: the report page (public HTML; its data comes from the admin-only API above). */
export function analyticsPage(): Router {
  const router = express.Router();
  router.get(['/analytics', '/analytics/'], (_req, res) => res.set('Cache-Control', 'no-cache').sendFile('analytics/index.html', { root: WEB_ROOT }));
  return router;
}
