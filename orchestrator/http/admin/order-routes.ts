import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';
import { listOrders, parseOrderFilter } from './order-query.js';
import { ordersCsv } from './orders-csv.js';

/** GET /orders: JSON, or a CSV download with `format=csv` or `Accept: text/csv`. */
export function orderRoutes(deps: Pick<AdminDeps, 'show' | 'store'>): Router {
  const router = express.Router();
  router.get('/orders', async (req, res) => {
    const filter = parseOrderFilter(req.query);
    if ('error' in filter) return badRequest(res, filter.error);
    const orders = await listOrders(deps.store.models, deps.show.id, filter);
    // `*/*` (curl, fetch) gets JSON; only an explicit Accept: text/csv or format=csv gets the file.
    const csv = req.query.format === 'csv' || (req.query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (!csv) {
      res.json({ orders });
      return;
    }
    const day = new Date().toISOString().slice(0, 10);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`orders-${deps.show.id}-${day}.csv`)
      // The byte order mark makes Excel read the names as UTF-8.
      .send(`\uFEFF${ordersCsv(orders)}`);
  });
  return router;
}
