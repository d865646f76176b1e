import express, { type Router } from 'express';
import type { NameStyle } from '../../config/schema/primitives.js';
import type { AmbassadorStore } from '../commerce/ambassador-store.js';
import { publicName } from '../features/alerts/buyer-name.js';

/** Public, read-only commerce views: the ambassador leaderboard of the running show. */
export function commerceRoutes(deps: { ambassadors: AmbassadorStore; names: NameStyle; currency: string }): Router {
  const router = express.Router();
  router.get('/ambassadors/leaderboard', async (_req, res) => {
    const standings = await deps.ambassadors.standings();
    res.json({
      currency: deps.currency,
      ambassadors: standings.map((s, i) => ({
        rank: i + 1,
        name: publicName(s.name, deps.names),
        paidOrders: s.paidOrders,
        sales: (s.salesCents / 100).toFixed(2),
        earned: (s.earnedCents / 100).toFixed(2),
      })),
    });
  });
  return router;
}
