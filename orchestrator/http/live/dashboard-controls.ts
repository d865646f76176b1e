import express, { type RequestHandler, type Router } from 'express';
import { auctionKey } from '../../../config/schema/auctions.js';
import type { RunningShow } from '../../show.js';

/**
 * GET /admin/controls (under /api): what the dashboard's buttons can start, from the show file as
 * it is loaded now: products to feature, polls, flash sales, drops and unlocks by id. The admin
 * state only lists what is running, so the buttons need this to offer the rest.
 */
export function dashboardControls(deps: { require: RequestHandler; show: RunningShow }): Router {
  const router = express.Router();
  router.get('/admin/controls', deps.require, (_req, res) => {
    const { config } = deps.show;
    const { promotions } = config;
    res.json({
      currency: config.show.currency,
      products: config.products.map((p) => ({ sku: p.sku, title: p.title })),
      polls: config.engagement.polls.map((p) => ({ id: p.id, question: p.question, options: p.options, durationMs: p.duration })),
      flashSales: promotions.flashSales.map((f) => ({ id: f.id, sku: f.sku, price: f.price, durationMs: f.duration })),
      drops: promotions.drops.map((d) => ({ id: d.id })),
      unlocks: promotions.unlocks.map((u) => ({ id: u.id, keyword: u.keyword, goal: u.goal })),
      auctions: config.auctions.map((a) => ({ id: auctionKey(a), sku: a.sku, start: a.start, durationMs: a.duration })),
      giveaways: config.giveaways.map((g) => ({ id: g.id, sku: g.sku, windowMs: g.window, eligible: g.eligible })),
    });
  });
  return router;
}
