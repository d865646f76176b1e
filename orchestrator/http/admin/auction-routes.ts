import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';

/** Refusals as HTTP: unknown → 404, one already running → 409, a product the catalog lacks → 400. */
const STATUS: Record<string, number> = { unknown: 404, running: 409, 'no-product': 400 };

/**
 * The dashboard's auction buttons: start one of the show file, pause, resume, and end now
 * (`{"sell": false}` ends it without a sale). The clock, the bids and the cart are the house's.
 */
export function auctionRoutes(deps: AdminDeps): Router {
  const router = express.Router();
  const none = { error: 'No auction is running.', reason: 'none' };

  router.get('/auctions/current', (_req, res) => {
    res.json({ auction: deps.auctions.current() ?? null });
  });

  router.post('/auctions/:key/start', async (req, res) => {
    const result = await deps.auctions.start(req.params.key, 'api');
    if (!result.ok) return void res.status(STATUS[result.reason] ?? 400).json({ error: result.message, reason: result.reason });
    res.status(201).json({ auction: result.auction });
  });

  router.post('/auctions/current/pause', async (_req, res) => {
    const auction = await deps.auctions.pause('api');
    if (!auction) return void res.status(409).json(none);
    res.json({ auction });
  });

  router.post('/auctions/current/resume', async (_req, res) => {
    const auction = await deps.auctions.resume('api');
    if (!auction) return void res.status(409).json(none);
    res.json({ auction });
  });

  router.post('/auctions/current/end', async (req, res) => {
    const sell = (req.body as { sell?: unknown } | undefined)?.sell !== false;
    const auction = await deps.auctions.end('api', sell);
    if (!auction) return void res.status(409).json(none);
    res.json({ auction });
  });
  return router;
}
