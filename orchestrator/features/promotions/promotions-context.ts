import type { Logger } from 'pino';
import type { ShowConfig } from '../../../config/schema/index.js';
import type { Bus } from '../../bus.js';
import type { Outbound } from '../../chat-types.js';
import type { Outbox } from '../../outbox/outbox.js';
import type { RunningShow } from '../../show.js';
import type { EventLog } from '../../store/event-log.js';

/**
 * The part of the feature context promotions use. Narrower than `FeatureContext` (which fits it),
 * so tests hand in small fakes and nothing here can reach commands or orders.
 */
export interface PromotionsContext {
  config: ShowConfig;
  bus: Pick<Bus, 'on'>;
  outbox: Pick<Outbox, 'enqueue'>;
  show: Pick<RunningShow, 'state' | 'featured' | 'clock'>;
  events: Pick<EventLog, 'append'>;
  log: Logger;
}

export type UnlockConfig = ShowConfig['promotions']['unlocks'][number];
export type DropConfig = ShowConfig['promotions']['drops'][number];
export type FlashSaleConfig = ShowConfig['promotions']['flashSales'][number];

/** An announcement to every room of every channel, with the priority of purchase alerts. */
export function announcement(text: string): Outbound {
  return { priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text } };
}

/** A readable code prefix from an id: "fifteen-off" → "FIFTEEN", "midshow" → "MIDSHOW". */
export function codePrefix(id: string): string {
  const first = id.split(/[-_]/)[0] ?? id;
  return (first || id).replace(/[^a-z0-9]/gi, '').toUpperCase().slice(0, 12);
}
