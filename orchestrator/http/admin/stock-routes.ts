import express, { type Router } from 'express';
import { z } from 'zod';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';

const RestockBody = z.strictObject({
  sku: z.string().min(1).max(64),
  variant: z.string().max(32).default(''),
  qty: z.number().int().min(1).max(100_000),
});

/** GET /stock and POST /stock/restock: stock per product and variant, and units added during the show. */
export function stockRoutes(deps: Pick<AdminDeps, 'carts' | 'bus' | 'log'>): Router {
  const router = express.Router();
  router.get('/stock', async (_req, res) => {
    res.json({ stock: await deps.carts.stock() });
  });

  router.post('/stock/restock', async (req, res) => {
    const parsed = RestockBody.safeParse(req.body);
    if (!parsed.success) return badRequest(res, 'expected {"sku", "variant"?, "qty": 1 or more}');
    const { sku, variant, qty } = parsed.data;
    const result = await deps.carts.restock(sku, variant, qty);
    if (!result) {
      res.status(404).json({ error: `There is no product "${sku}"${variant ? ` in "${variant}"` : ''}.` });
      return;
    }
    // Its handler tells each waitlisted buyer and starts their hold, as when a hold is released.
    await deps.bus.emit('stock.restocked', { sku, variant, qty, by: 'dashboard', ...result });
    deps.log.info({ sku, variant, qty, offered: result.offers.length }, 'restocked from the dashboard');
    res.json({ offered: result.offers.map((o) => o.publicId), stock: await deps.carts.stock() });
  });
  return router;
}
