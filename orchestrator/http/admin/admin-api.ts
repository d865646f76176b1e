import express, { type Router } from 'express';
import type { AdminDeps } from './admin-deps.js';
import { jsonErrors } from './admin-errors.js';
import { auctionRoutes } from './auction-routes.js';
import { giveawayRoutes } from './giveaway-routes.js';
import { aiRoutes } from './ai-routes.js';
import { cartRoutes } from './cart-routes.js';
import { configRoutes } from './config-routes.js';
import { eventRoutes } from './event-routes.js';
import { orderRoutes } from './order-routes.js';
import { packingRoutes } from './packing-list.js';
import { promotionRoutes } from './promotion-routes.js';
import { sayRoutes } from './say-routes.js';
import { showRoutes } from './show-routes.js';
import { stateRoutes } from './state-routes.js';
import { stockRoutes } from './stock-routes.js';

export type { AdminDeps, ConfigControl, ConfigStatus, ReloadOutcome } from './admin-deps.js';

/**
 * The admin API, mounted at the app's root: everything under /api/admin (login and logout
 * excepted, see admin-auth) needs the admin token or session, and writes need JSON bodies.
 */
export function createAdminApi(deps: AdminDeps): Router {
  const admin = express.Router();
  admin.use(deps.require, express.json({ limit: '16kb' }));
  admin.use(
    stateRoutes(deps),
    showRoutes(deps),
    orderRoutes(deps),
    cartRoutes(deps),
    packingRoutes(deps),
    promotionRoutes(deps),
    auctionRoutes(deps),
    giveawayRoutes(deps),
    aiRoutes(deps),
    eventRoutes(deps),
    sayRoutes(deps),
    stockRoutes(deps),
  );
  admin.use(jsonErrors(deps.log));
  const root = express.Router();
  root.use(configRoutes(deps));
  root.use('/api/admin', admin);
  return root;
}
