import express, { type RequestHandler, type Router } from 'express';
import { UnknownTargetError } from './errors.js';
import type { MediaServer } from './types.js';

export interface MediaRouterOptions {
  /**
   * Runs before the admin endpoints (GET /api/media, POST /api/media/targets/:name). The admin
   * auth middleware of a later issue goes here; without it they are open to anyone who can reach
   * the port, so the app should pass one before exposing showcart publicly.
   */
  admin?: RequestHandler;
}

/**
 * The media API, mounted at the app's root: `app.use(createMediaRouter(media, { admin }))`.
 * - GET  /api/media                    status: ingest, targets, playback (admin)
 * - POST /api/media/targets/:name      { "enabled": boolean } switches a restream (admin)
 * - GET  /api/media/playback           what the viewer page needs: live?, the media port, HTTP-FLV and HLS paths
 *                                      (HLS as a URL when a cache or the S3 copy serves it), which to play first (public)
 */
export function createMediaRouter(media: MediaServer, options: MediaRouterOptions = {}): Router {
  const router = express.Router();
  const admin: RequestHandler = options.admin ?? ((_req, _res, next) => next());

  router.get('/api/media/playback', (_req, res) => {
    const { ingest, playback } = media.status();
    // Paths and the port, never a host: the page joins them to the host it was loaded from, so the
    // request's Host header is never written back into a response.
    // The cache's base URL comes from the show file, never from the request.
    // The S3 copy (hlsUrl) and the cache (hlsPublicUrl) both come from the show file too.
    const hls = playback.hlsPath && playback.hlsState !== 'unavailable' ? playback.hlsPath : null;
    const elsewhere = hls === null ? null : (playback.hlsUrl ?? (playback.hlsPublicUrl ? `${playback.hlsPublicUrl}${hls}` : null));
    const cached = elsewhere !== null;
    res.set('Cache-Control', 'no-store').json({
      live: ingest.live,
      port: playback.httpPort,
      flv: playback.flvPath,
      hls: elsewhere ?? hls,
      player: playerFirst(playback.player ?? 'auto', cached),
    });
  });

  router.get('/api/media', admin, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(media.status());
  });

  router.post('/api/media/targets/:name', admin, express.json({ limit: '1kb' }), async (req, res) => {
    const enabled = (req.body as { enabled?: unknown } | undefined)?.enabled;
    if (typeof enabled !== 'boolean') {
      res.status(400).json({ error: 'expected a JSON body such as {"enabled": true}' });
      return;
    }
    try {
      res.json(await media.setTargetEnabled(String(req.params.name), enabled));
    } catch (err) {
      if (!(err instanceof UnknownTargetError)) throw err;
      res.status(404).json({ error: err.message });
    }
  });
  return router;
}

/**
 * What the viewer page tries first. auto: HLS for everyone when a cache serves it (many viewers),
 * else "auto" for the page: HLS where the browser plays it natively, HTTP-FLV elsewhere.
 */
export function playerFirst(player: 'auto' | 'hls' | 'flv', cached: boolean): 'auto' | 'hls' | 'flv' {
  return player === 'auto' && cached ? 'hls' : player;
}
