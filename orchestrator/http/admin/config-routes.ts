import express, { type RequestHandler, type Router } from 'express';
import type { ConfigControl } from './admin-deps.js';

/** POST /api/admin/reload (and its short alias POST /api/reload): re-read the show file now. */
export function configRoutes(deps: { require: RequestHandler; config: ConfigControl }): Router {
  const router = express.Router();
  router.post(['/api/admin/reload', '/api/reload'], deps.require, async (_req, res) => {
    const outcome = await deps.config.reload();
    res.status(outcome.ok ? 200 : 422).json(outcome);
  });
  return router;
}
