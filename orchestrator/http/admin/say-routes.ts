import express, { type Router } from 'express';
import { z } from 'zod';
import type { AdminDeps } from './admin-deps.js';
import { badRequest } from './admin-errors.js';

/** Twitch's limit for one message; longer text would be split into several lines on every platform. */
export const MAX_SAY_LENGTH = 500;

const SayBody = z.strictObject({ text: z.string().trim().min(1).max(MAX_SAY_LENGTH) });

/** POST /say: the seller writes to every room of every chat as the show, from the dashboard. */
export function sayRoutes(deps: Pick<AdminDeps, 'outbox' | 'log'>): Router {
  const router = express.Router();
  router.post('/say', (req, res) => {
    const parsed = SayBody.safeParse(req.body);
    if (!parsed.success) return badRequest(res, `expected {"text": "…"} of 1 to ${MAX_SAY_LENGTH} characters`);
    // Through the outbox like any announcement: rate limits, retries and the chat.sent fact (by: dashboard) come with it.
    deps.outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text: parsed.data.text }, by: 'dashboard' });
    deps.log.info({ by: 'dashboard', length: parsed.data.text.length }, 'the seller wrote to every chat');
    res.status(202).json({ queued: true });
  });
  return router;
}
