import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { MediaServer } from '../../../media/index.js';
import type { Bus } from '../../bus.js';
import type { Channel, SkippedChannel } from '../../channel.js';
import type { PollControl } from '../../events/poll-types.js';
import type { FlashControl } from '../../commerce/flash-sales.js';
import type { AuctionControl } from '../../commerce/auctions/auction-types.js';
import type { GiveawayControl } from '../../commerce/giveaways/giveaway-types.js';
import type { AiControl } from '../../events/ai-types.js';
import type { Carts } from '../../commerce/carts/cart-service.js';
import type { Payments } from '../../commerce/payments/payments.js';
import type { PromotionControl } from '../../features/promotions/promotions.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { RunningShow } from '../../show.js';
import type { EventLog } from '../../events/event-log.js';
import type { ConfigControl } from '../../live-config.js';

export type { ConfigControl, ConfigStatus, ReloadOutcome } from '../../live-config.js';
import type { StoreAccess } from '../../store/store.js';

/** Everything the admin endpoints act on: process-lived services, never re-made by a reload. */
export interface AdminDeps {
  require: RequestHandler;
  show: RunningShow;
  /** This show's store: the order list and the event tail read it. */
  store: StoreAccess;
  bus: Bus;
  events: EventLog;
  outbox: Outbox;
  log: Logger;
  channels: () => Channel[];
  skipped: () => SkippedChannel[];
  flash: FlashControl;
  promotions: PromotionControl;
  /** Cross-platform polls. */
  polls: PollControl;
  /** Live auctions: start, pause, resume, end. */
  auctions: AuctionControl;
  /** Giveaways: start, close and draw now, the proof. */
  giveaways: GiveawayControl;
  /** The AI helper's drafts waiting for a moderator. */
  ai: AiControl;
  media?: MediaServer;
  config: ConfigControl;
  carts: Carts;
  payments: Payments;
}
