import express, { type Router } from 'express';
import type { GiveawayControl } from '../../commerce/giveaways/giveaway-types.js';

/**
 * `GET /api/giveaways/:key/proof`, public: the commitment while entries are open; then the seed,
 * every entry's hash and each round's draw, so anyone can recompute the winner (giveaway-draw.ts).
 * It names nobody: a viewer finds their own entry by hashing their platform and user id.
 */
export function giveawayProofRoutes(giveaways: Pick<GiveawayControl, 'proof'>): Router {
  const router = express.Router();
  router.get('/giveaways/:key/proof', async (req, res) => {
    const key = req.params.key;
    const proof = /^[a-z0-9][a-z0-9_-]{0,63}$/.test(key) ? await giveaways.proof(key) : undefined;
    if (!proof) return void res.status(404).json({ error: 'No such giveaway in this show.' });
    res.set('Cache-Control', 'no-store').json(proof);
  });
  return router;
}
