import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';

const PollBody = z.union([
  z.strictObject({ id: z.string().min(1) }),
  z.strictObject({
    question: z.string().min(1).max(300),
    options: z.array(z.string().min(1).max(100)).min(2).max(10),
    durationMs: z
      .number()
      .int()
      .min(5000)
      .max(24 * 3600_000),
  }),
]);

/** Refusals as HTTP: unknown → 404, busy → 409, not running yet → 503, anything else → 400. */
const STATUS: Record<string, number> = {
  unknown: 404,
  'unknown-sale': 404,
  running: 409,
  'already-running': 409,
  'sku-busy': 409,
  'already-reached': 409,
  'not-ready': 503,
  failed: 500,
  invalid: 400,
};

function refuse(res: Response, result: { reason: string; message: string }): void {
  res.status(STATUS[result.reason] ?? 400).json({ error: result.message, reason: result.reason });
}

/** Polls, flash sales, drops and unlocks, started (or stopped) from the dashboard. */
export function promotionRoutes(deps: AdminDeps): Router {
  const router = express.Router();

  router.post('/polls', async (req, res) => {
    const control = deps.polls;
    const parsed = PollBody.safeParse(req.body);
    if (!parsed.success) return badRequest(res, 'expected {"id"} or {"question","options":[…],"durationMs"}');
    const result = await control.start(parsed.data);
    if (!result.ok) return refuse(res, result);
    res.status(201).json({ poll: result.poll });
  });

  router.post('/polls/:id/stop', async (req, res) => {
    const control = deps.polls;
    if (!(await control.stop(req.params.id))) return refuse(res, { reason: 'unknown', message: `No open poll "${req.params.id}".` });
    res.status(204).end();
  });

  router.post('/flash/:id/start', (req, res) => {
    const result = deps.flash.start(req.params.id);
    if (!result.ok) return refuse(res, result);
    res.status(201).json({ sale: result.sale });
  });

  router.post('/flash/:id/stop', (req, res) => {
    if (!deps.flash.stop(req.params.id)) return refuse(res, { reason: 'unknown', message: `Flash sale "${req.params.id}" is not running.` });
    res.status(204).end();
  });

  router.post('/drops/:id', async (req, res) => {
    const result = await deps.promotions.dropNow(req.params.id);
    if (!result.ok) return refuse(res, result);
    res.status(201).json({ code: result.code, expiresAt: result.expiresAt });
  });

  router.post('/unlocks/:id', async (req, res) => {
    const result = await deps.promotions.reachUnlock(req.params.id);
    if (!result.ok) return refuse(res, result);
    res.json({ unlock: deps.promotions.unlocks().find((u) => u.id === req.params.id) });
  });
  return router;
}
