import express, { type Router } from 'express';
import { listCarts } from './cart-lists.js';
import type { AdminDeps } from './admin-deps.js';
import { packingHtml } from './packing-html.js';

/**
 * GET /carts/packing: the printable packing list of the paid carts not yet shipped (the same carts
 * as `list=pack`), as an HTML page the dashboard opens in a tab with its session.
 */
export function packingRoutes(deps: Pick<AdminDeps, 'show' | 'store'>): Router {
  const router = express.Router();
  router.get('/carts/packing', async (_req, res) => {
    // Oldest payment first: the order a seller packs in.
    const carts = await listCarts(deps, 'pack', [
      ['paidAt', 'ASC'],
      ['id', 'ASC'],
    ]);
    const config = deps.show.config;
    const html = packingHtml(carts, { shop: config.show.name, pickup: config.checkout?.shipping?.pickup, timezone: config.show.timezone, now: Date.now() });
    // Addresses: never kept by a browser cache or a proxy.
    res.set('Cache-Control', 'no-store').type('html').send(html);
  });
  return router;
}
