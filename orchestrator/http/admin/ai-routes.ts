import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';

/**
 * The AI helper's drafts on the dashboard: the list, send one (as drafted, or the moderator's
 * edit in `{"text"}`), dismiss one. A draft already sent or dismissed answers 404.
 */
export function aiRoutes(deps: AdminDeps): Router {
  const router = express.Router();
  const gone = { error: 'That draft was sent or dismissed already.', reason: 'gone' };

  router.get('/ai/suggestions', (_req, res) => {
    res.json({ enabled: deps.show.config.ai.enabled, mode: deps.show.config.ai.mode, suggestions: deps.ai.suggestions() });
  });

  router.post('/ai/suggestions/:id/send', (req, res) => {
    const text = (req.body as { text?: unknown } | undefined)?.text;
    if (text !== undefined && (typeof text !== 'string' || text.length > 1000)) return void res.status(422).json({ error: 'text: at most 1,000 characters' });
    if (!deps.ai.send(req.params.id, text, 'dashboard')) return void res.status(404).json(gone);
    res.json({ sent: true });
  });

  router.post('/ai/suggestions/:id/dismiss', (req, res) => {
    if (!deps.ai.dismiss(req.params.id)) return void res.status(404).json(gone);
    res.json({ dismissed: true });
  });
  return router;
}
