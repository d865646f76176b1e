import express, { type Router } from 'express';
import type { FulfilStep } from '../../commerce/carts/fulfilment.js';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';
import { adminCart } from './admin-cart.js';
import { isCartList, listCarts } from './cart-lists.js';
import { cartsCsv } from './carts-csv.js';

const STEPS: readonly FulfilStep[] = ['packed', 'shipped', 'delivered', 'cancel'];

/**
 * The seller's carts: GET /carts?list=todo|pack|all (JSON, or CSV with format=csv), POST
 * /carts/:id/paid (a manual payment arrived), POST /carts/:id/fulfil { step, tracking } (packed,
 * shipped, delivered, cancel); each step is told to the buyer by the orders feature.
 */
export function cartRoutes(deps: Pick<AdminDeps, 'show' | 'store' | 'bus' | 'carts' | 'payments'>): Router {
  const router = express.Router();
  router.get('/carts', async (req, res) => {
    const list = typeof req.query.list === 'string' ? req.query.list : 'todo';
    if (!isCartList(list)) return badRequest(res, 'list must be todo, pack or all');
    const carts = await listCarts(deps, list);
    if (req.query.format === 'csv') {
      const day = new Date().toISOString().slice(0, 10);
      return res
        .type('text/csv; charset=utf-8')
        .attachment(`carts-${deps.show.id}-${day}.csv`)
        .send(`\uFEFF${cartsCsv(carts)}`);
    }
    return res.json({ carts });
  });

  router.post('/carts/:id/paid', async (req, res) => {
    const cart = await deps.carts.byId(Number(req.params.id));
    if (!cart) return res.status(404).json({ error: 'no such cart' });
    if (cart.status !== 'checkout' && cart.status !== 'open') return res.status(409).json({ error: `this cart is ${cart.status}` });
    const result = await deps.payments.markPaid(cart);
    return res
      .status(result.kind === 'paid' || result.kind === 'duplicate' ? 200 : 409)
      .json({ status: result.kind, ...('cart' in result && { cart: adminCart(result.cart) }) });
  });

  router.post('/carts/:id/fulfil', async (req, res) => {
    const body = (req.body ?? {}) as { step?: unknown; tracking?: unknown };
    const step = STEPS.find((s) => s === body.step);
    if (!step) return badRequest(res, `step must be one of ${STEPS.join(', ')}`);
    const tracking = typeof body.tracking === 'string' ? body.tracking : undefined;
    const result = await deps.carts.fulfil(Number(req.params.id), step, tracking);
    if (result.kind === 'unknown') return res.status(404).json({ error: 'no such cart' });
    if (result.kind === 'refused') return res.status(409).json({ error: result.reason, cart: adminCart(result.cart) });
    await deps.bus.emit('cart.fulfilment', { cart: result.cart, step: result.step, by: 'dashboard', ...(result.release && { release: result.release }) });
    return res.json({ cart: adminCart(result.cart) });
  });
  return router;
}
