import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';

/** One snapshot of everything the dashboard shows: GET /state, and the live feed when it changes. */
export function adminState(deps: AdminDeps) {
  return {
    show: deps.show.summary(),
    channels: deps.channels().map((c) => ({ platform: c.platform, rooms: c.rooms(), status: c.state() })),
    skipped: deps.skipped(),
    outbox: deps.outbox.stats(),
    polls: deps.polls.list(),
    flash: deps.flash.list(),
    unlocks: deps.promotions.unlocks(),
    drops: deps.promotions.drops(),
    /** The running auction and giveaway (entry count, proof commitment), or null. */
    auction: deps.auctions.current() ?? null,
    giveaway: deps.giveaways.current() ?? null,
    /** The AI helper's drafts waiting for a moderator (suggest mode), newest first. */
    ai: {
      enabled: deps.show.config.ai.enabled,
      mode: deps.show.config.ai.mode,
      suggestions: deps.ai.suggestions(),
      questions: deps.ai.questions(),
      review: { enabled: deps.show.config.ai.enabled && deps.show.config.ai.review.enabled, ...deps.ai.review() },
    },
    media: deps.media?.status() ?? null,
    config: deps.config.status(),
    /** Payment providers the show file names that cannot work yet, and the variables that would fix them. */
    payments: { offered: deps.payments.offered('web').map((p) => p.name), unconfigured: deps.payments.unconfigured() },
  };
}

export function stateRoutes(deps: AdminDeps): Router {
  const router = express.Router();
  router.get('/state', (_req, res) => res.json(adminState(deps)));
  return router;
}
