import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { SkippedChannel } from '../../../bots/registry.js';
import type { MediaServer } from '../../../media/index.js';
import type { Bus } from '../../bus.js';
import type { Channel } from '../../channel.js';
import type { Catalog } from '../../commerce/catalog.js';
import type { PollControl } from '../../features/polls/poll-types.js';
import type { FlashControl, PromotionControl } from '../../features/promotions/promotions.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { RunningShow } from '../../show.js';
import type { EventLog } from '../../store/event-log.js';
import type { StoreAccess } from '../../store/store.js';

/** Where the running config came from and whether the last edit was refused. */
export interface ConfigStatus {
  file: string | null;
  loadedAt: number;
  lastError: string | null;
}

export type ReloadOutcome =
  | { ok: true; warnings: string[]; config: ConfigStatus }
  | { ok: false; error: string; config: ConfigStatus };

/** The show file, re-read on demand. */
export interface ConfigControl {
  status(): ConfigStatus;
  reload(): Promise<ReloadOutcome>;
}

/** Everything the admin endpoints act on; getters where a config reload swaps the object. */
export interface AdminDeps {
  require: RequestHandler;
  show: RunningShow;
  /** This show's store: the order list and the event tail read it. */
  store: StoreAccess;
  bus: Bus;
  events: EventLog;
  outbox: Outbox;
  log: Logger;
  catalog: () => Catalog;
  channels: () => Channel[];
  skipped: () => SkippedChannel[];
  flash: FlashControl;
  promotions: PromotionControl;
  /** Cross-platform polls; absent until they are wired, and the endpoints say so (503). */
  polls?: () => PollControl | undefined;
  media?: MediaServer;
  config: ConfigControl;
}
