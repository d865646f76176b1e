import type { Logger } from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Bus } from '../bus.js';
import type { CommandRouter } from '../commands/command-router.js';
import type { CommandTable } from '../commands/command-table.js';
import type { Outbox } from '../outbox/outbox.js';
import type { RunningShow } from '../show.js';
import type { EventLog } from '../store/event-log.js';
import type { Catalog } from '../commerce/catalog.js';
import type { OrderService } from '../commerce/order-service.js';
import type { PromoCodes } from '../commerce/promo-codes.js';
import type { AmbassadorStore } from '../commerce/ambassador-store.js';

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
  commerce: { catalog: Catalog; orders: OrderService; codes: PromoCodes; ambassadors: AmbassadorStore };
}

/** A feature wires itself to the context and returns how to stop it. */
export type Feature = (ctx: FeatureContext) => (() => void) | void;
