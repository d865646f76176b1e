import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { RecommendReason } from '../../features/recommendations/recommend.js';
import { pick } from '../../features/recommendations/recommendations.js';
import type { Texts } from '../../i18n/texts.js';
import type { RunningShow } from '../../show.js';
import type { ShowReads } from '../../store/show-reads.js';
import type { StoreAccess } from '../../store/store.js';

/** The viewer page's "for you" slot: one product and why, or null when nothing points anywhere. */
export interface ForYou {
  pick: { sku: string; title: string; priceCents: number; currency: string; why: string } | null;
}

export interface ForYouDeps {
  /** The web chat viewer a signed session names (WebChannel.viewerOf). */
  webViewer: (session: unknown) => string | undefined;
  show: Pick<RunningShow, 'catalog' | 'config' | 'texts'>;
  reads: Pick<ShowReads, 'purchases' | 'viewerLines' | 'inStockSkus'>;
  store: Pick<StoreAccess, 'models'>;
  log: Logger;
}

/** A viewer's pick is reused this long: the page asks after each reply and now and then, and the reads cover the whole show. */
const FRESH_MS = 3000;
/** Cached picks at most: one per viewer asking, forgotten together when full (never unbounded). */
const MAX_CACHED = 2000;

/** Why, in a few words in the show's language (the chat's `!recommend` says it as a whole line). */
function why(reason: RecommendReason, texts: Texts): string {
  switch (reason.kind) {
    case 'co-purchase':
      return texts.t('web.chat.whyCoPurchase', { title: reason.because.title });
    case 'mentioned':
      return texts.t('web.chat.whyMentioned');
    case 'bought-category':
      return texts.t('web.chat.whyBoughtCategory', { category: reason.category });
    case 'asked-category':
      return texts.t('web.chat.whyAskedCategory', { category: reason.category });
  }
}

/** The same pick as `!recommend` (features/recommendations), for the viewer the web identity belongs to. */
async function forViewer(deps: ForYouDeps, viewerId: number): Promise<ForYou> {
  const rec = await pick(deps, viewerId);
  if (!rec) return { pick: null };
  const { sku, title, priceCents, currency } = rec.product;
  return { pick: { sku, title, priceCents, currency, why: why(rec.reason, deps.show.texts) } };
}

/**
 * GET /api/storefront/for-you with the page's session in `X-Showcart-Session`: what this viewer
 * may like, built from their own purchases and chat lines, so only the session's owner gets it.
 */
export function forYouRoutes(deps: ForYouDeps): Router {
  const router = express.Router();
  const cache = new Map<number, { at: number; body: Promise<ForYou> }>();
  router.get('/storefront/for-you', async (req, res, next) => {
    res.set('Cache-Control', 'private, no-store');
    const userId = deps.webViewer(req.get('x-showcart-session'));
    if (!userId) return void res.status(401).json({ error: 'no web chat session' });
    if (!deps.show.config.engagement.recommendations.enabled) return void res.json({ pick: null } satisfies ForYou);
    try {
      // Read only: a viewer who never bought or wrote has no row yet, and nothing to go on.
      const identity = await deps.store.models.Identity.findOne({ where: { platform: 'web', platformUserId: userId } });
      if (!identity) return void res.json({ pick: null } satisfies ForYou);
      const now = Date.now();
      let hit = cache.get(identity.viewerId);
      if (!hit || now - hit.at >= FRESH_MS) {
        if (cache.size >= MAX_CACHED) cache.clear();
        hit = { at: now, body: forViewer(deps, identity.viewerId) };
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
