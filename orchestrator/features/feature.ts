import type { Logger } from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Bus } from '../bus.js';
import type { CommandRouter } from '../commands/command-router.js';
import type { CommandTable } from '../commands/command-table.js';
import type { Outbox } from '../outbox/outbox.js';
import type { RunningShow } from '../show.js';
import type { EventLog } from '../store/event-log.js';
import type { Store } from '../store/store.js';
import type { ViewerDirectory } from '../store/viewer-directory.js';
import type { InboundGates } from '../inbound.js';
import type { Catalog } from '../commerce/catalog.js';
import type { OrderService } from '../commerce/order-service.js';
import type { PromoCodes } from '../commerce/promo-codes.js';
import type { AmbassadorStore } from '../commerce/ambassador-store.js';
import type { Tips } from '../commerce/tips.js';

/** What a feature may use: events in, messages out, the show and its history. Never a platform client. */
export interface FeatureContext {
  config: ShowConfig;
  bus: Bus;
  outbox: Outbox;
  commands: CommandRouter;
  table: CommandTable;
  show: RunningShow;
  events: EventLog;
  log: Logger;
  /** For features that own store logic of their own (linking); writes go through `store.writes`. */
  store: Store;
  /** Who is who: told when identities are linked, so no line resolves to a merged viewer. */
  viewers: ViewerDirectory;
  commerce: { catalog: Catalog; orders: OrderService; codes: PromoCodes; ambassadors: AmbassadorStore; tips: Tips };
  /** Checks every viewer line passes first (moderation adds its rules here). */
  gates: InboundGates;
}

/** A feature wires itself to the context and returns how to stop it. */
export type Feature = (ctx: FeatureContext) => (() => void) | void;
