import { createHash } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { PersonalPicks } from '../../features/recommendations/personal-pick.js';
import { whyLine } from '../../features/recommendations/render-recommendation.js';
import type { RunningShow } from '../../show.js';
import type { ShowReads } from '../../store/show-reads.js';
import type { StoreAccess } from '../../store/store.js';

/** The viewer page's "for you" slot: one product and why, or null when nothing points anywhere. */
export interface ForYou {
  pick: { sku: string; title: string; priceCents: number; currency: string; why: string } | null;
  /**
   * Which of the viewer's chat lines the server has handled, as an opaque mark: it changes once a
   * line just sent is in, so the page knows when the pick has seen it (null: no line yet).
   */
  heard: string | null;
}

export interface ForYouDeps {
  /** The web chat viewer a signed session names (WebChannel.viewerOf). */
  webViewer: (session: unknown) => string | undefined;
  show: Pick<RunningShow, 'config' | 'texts'>;
  /** The same picks as `!recommend` and the after-purchase line (features/recommendations). */
  picks: Pick<PersonalPicks, 'pick'>;
  reads: Pick<ShowReads, 'viewerLines'>;
  store: Pick<StoreAccess, 'models'>;
  log: Logger;
}

/** A viewer's pick is reused this long while their own lines stay the same: the reads cover the whole show. */
const FRESH_MS = 3000;
/** Cached picks at most: one per viewer asking, forgotten together when full (never unbounded). */
const MAX_CACHED = 2000;

/** The mark of a viewer's handled lines: any new line changes it (the list is their latest lines). */
function mark(lines: readonly string[]): string | null {
  if (lines.length === 0) return null;
  return createHash('sha256')
    .update(`${lines.length}\u0000${lines.join('\u0000')}`)
    .digest('base64url')
    .slice(0, 16);
}

async function forViewer(deps: ForYouDeps, viewerId: number, lines: readonly string[], heard: string | null): Promise<ForYou> {
  const rec = await deps.picks.pick(viewerId, { lines });
  if (!rec) return { pick: null, heard };
  const { sku, title, priceCents, currency } = rec.product;
  return { pick: { sku, title, priceCents, currency, why: whyLine(deps.show.texts, rec) }, heard };
}

/**
 * GET /api/storefront/for-you with the page's session in `X-Showcart-Session`: what this viewer
 * may like, built from their own purchases and chat lines, so only the session's owner gets it.
 */
export function forYouRoutes(deps: ForYouDeps): Router {
  const router = express.Router();
  const cache = new Map<number, { at: number; heard: string | null; body: Promise<ForYou> }>();
  router.get('/storefront/for-you', async (req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    const userId = deps.webViewer(req.get('x-showcart-session'));
    if (!userId) return void res.status(401).json({ error: 'no web chat session' });
    if (!deps.show.config.engagement.recommendations.enabled) return void res.json({ pick: null, heard: null } satisfies ForYou);
    try {
      // Read only: a viewer who never bought or wrote has no row yet, and nothing to go on.
      const identity = await deps.store.models.Identity.findOne({ where: { platform: 'web', platformUserId: userId } });
      if (!identity) return void res.json({ pick: null, heard: null } satisfies ForYou);
      // Their own lines are one small read; a new one means a new pick at once, not after FRESH_MS.
      const lines = await deps.reads.viewerLines(identity.viewerId);
      const heard = mark(lines);
      const now = Date.now();
      let hit = cache.get(identity.viewerId);
      if (!hit || hit.heard !== heard || now - hit.at >= FRESH_MS) {
        if (cache.size >= MAX_CACHED) cache.clear();
        hit = { at: now, heard, body: forViewer(deps, identity.viewerId, lines, heard) };
        cache.set(identity.viewerId, hit);
      }
      res.json(await hit.body);
    } catch (err) {
      cache.clear();
      deps.log.error({ err }, 'storefront for-you failed');
      next(err);
    }
  });
  return router;
}
