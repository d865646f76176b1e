import express, { type Router } from 'express';
import { Op, type WhereOptions } from 'sequelize';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';

const MAX_EVENTS = 1000;

/**
 * GET /events?after=&type=&limit=: the event log after a moment, oldest first (to page on with
 * the last `at`), or its latest `limit` rows without `after`. `type=order.*` matches a family.
 */
export function eventRoutes(deps: Pick<AdminDeps, 'show' | 'events' | 'store'>): Router {
  const router = express.Router();
  router.get('/events', async (req, res) => {
    const { after, type, limit } = req.query;
    const n = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_EVENTS) return badRequest(res, `limit must be a whole number from 1 to ${MAX_EVENTS}`);
    const since = after === undefined ? undefined : Number(after);
    if (since !== undefined && !Number.isFinite(since)) return badRequest(res, 'after must be epoch milliseconds');
    if (type !== undefined && (typeof type !== 'string' || !/^[a-z0-9_.*-]{1,40}$/i.test(type)))
      return badRequest(res, 'type must be an event type such as order.placed or order.*');

    const where: WhereOptions = { showId: deps.show.id };
    if (since !== undefined) Object.assign(where, { at: { [Op.gt]: since } });
    if (type !== undefined) Object.assign(where, { type: type.endsWith('*') ? { [Op.like]: `${type.slice(0, -1)}%` } : type });
    // Rows are written in small batches; the tail should include what just happened.
    await deps.events.flush();
    const rows = await deps.store.models.LoggedEvent.findAll({
      where,
      order:
        since === undefined
          ? [
              ['at', 'DESC'],
              ['id', 'DESC'],
            ]
          : [
              ['at', 'ASC'],
              ['id', 'ASC'],
            ],
      limit: n,
    });
    if (since === undefined) rows.reverse();
    res.json({
      events: rows.map((r) => ({
        id: r.id,
        type: r.type,
        at: Number(r.at),
        showMs: r.showMs,
        runId: r.runId,
        platform: r.platform,
        viewerId: r.viewerId,
        data: r.data,
      })),
    });
  });
  return router;
}
