import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';

/** Refusals as HTTP: unknown → 404, one already running → 409, a prize the catalog lacks → 400. */
const STATUS: Record<string, number> = { unknown: 404, running: 409, 'no-product': 400 };

/**
 * The dashboard's giveaway buttons: start one of the show file, close the entries and draw now,
 * and the running one with its entry count. The proof is public (see giveaway-proof-route.ts).
 */
export function giveawayRoutes(deps: AdminDeps): Router {
  const router = express.Router();

  router.get('/giveaways/current', (_req, res) => {
    res.json({ giveaway: deps.giveaways.current() ?? null });
  });

  router.post('/giveaways/:key/start', async (req, res) => {
    const result = await deps.giveaways.start(req.params.key, 'api');
    if (!result.ok) return void res.status(STATUS[result.reason] ?? 400).json({ error: result.message, reason: result.reason });
    res.status(201).json({ giveaway: result.giveaway });
  });

  router.post('/giveaways/current/close', async (_req, res) => {
    const giveaway = await deps.giveaways.close('api');
    if (!giveaway) return void res.status(409).json({ error: 'No giveaway is taking entries.', reason: 'none' });
    res.json({ giveaway });
  });
  return router;
}
