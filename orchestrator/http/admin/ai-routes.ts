import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';

/**
 * The AI helper's drafts on the dashboard: the list, send one (as drafted, or the moderator's
 * edit in `{"text"}`), dismiss one. A draft already sent or dismissed answers 404. And the review
 * queue: doubtful lines to approve, deny or answer with a timeout.
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

  router.get('/ai/review', (_req, res) => {
    const { ai } = deps.show.config;
    res.json({ enabled: ai.enabled && ai.review.enabled, ...deps.ai.review() });
  });

  router.post('/ai/review/:id/:decision', (req, res) => {
    const decision = req.params.decision;
    if (decision !== 'approve' && decision !== 'deny' && decision !== 'timeout')
      return void res.status(404).json({ error: 'expected approve, deny or timeout' });
    if (!deps.ai.decide(req.params.id, decision, 'dashboard')) return void res.status(404).json({ error: 'That line was decided already.', reason: 'gone' });
    res.json({ decided: decision });
  });
  return router;
}
