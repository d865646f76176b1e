import type { RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '../../bus.js';
import type { PollControl } from '../../events/poll-types.js';
import type { FlashControl } from '../../commerce/flash-sales.js';
import type { RunningShow } from '../../show.js';
import type { EventLog } from '../../events/event-log.js';
import { uiPages } from '../ui-pages.js';
import { adminLiveRoutes } from './admin-live.js';
import { dashboardControls } from './dashboard-controls.js';
import { overlayRoutes, type OverlayFeed } from './overlay-live.js';
import type { UnlockProgress } from './overlay-view.js';
import type { StoreAccess } from '../../store/store.js';
import type { AuctionControl } from '../../commerce/auctions/auction-types.js';
import type { GiveawayControl } from '../../commerce/giveaways/giveaway-types.js';

export interface LiveRoutesDeps {
  require: RequestHandler;
  bus: Bus;
  events: EventLog;
  store: StoreAccess;
  show: RunningShow;
  flash: FlashControl;
  polls: PollControl;
  unlocks: () => UnlockProgress[];
  auctions: Pick<AuctionControl, 'current'>;
  giveaways: Pick<GiveawayControl, 'current'>;
  /** The admin state, as GET /api/admin/state answers it. */
  state: () => unknown;
  log: Logger;
}

/** The dashboard and overlay pages and their feeds: `api` routers go under /api, `root` ones at the top. */
export function liveRoutes(deps: LiveRoutesDeps): { api: Router[]; root: Router[]; overlay: OverlayFeed } {
  const log = deps.log.child({ part: 'live' });
  const overlay = overlayRoutes({
    bus: deps.bus,
    show: deps.show,
    flash: deps.flash,
    polls: deps.polls,
    unlocks: deps.unlocks,
    auctions: deps.auctions,
    giveaways: deps.giveaways,
    log,
  });
  return {
    overlay: overlay.feed,
    api: [
      adminLiveRoutes({ require: deps.require, events: deps.events, store: deps.store, bus: deps.bus, show: deps.show, state: deps.state, log }),
      dashboardControls({ require: deps.require, show: deps.show }),
      overlay.router,
    ],
    root: [uiPages(() => deps.show.config.show.language)],
  };
}
