import type { Logger } from 'pino';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Bus } from '../bus.js';
import type { CommandRouter } from '../commands/command-router.js';
import type { CommandTable } from '../commands/command-table.js';
import type { Outbox } from '../outbox/outbox.js';
import type { RunningShow } from '../show.js';
import type { EventLog } from '../store/event-log.js';

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
}

/** A feature wires itself to the context and returns how to stop it. */
export type Feature = (ctx: FeatureContext) => (() => void) | void;
