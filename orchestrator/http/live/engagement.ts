import { Op, QueryTypes } from 'sequelize';
import type { EventLog } from '../../events/event-log.js';
import type { Models } from '../../store/models.js';
import { textOf } from '../../shared/text-of.js';

/** Which logged event types each chart series counts; the dashboard counts live events by the same table. */
export const ENGAGEMENT_SERIES = {
  chat: ['chat.message'],
  buys: ['order.ordered', 'order.placed'],
  paid: ['payment.paid', 'order.paid'],
  votes: ['poll.vote'],
} as const satisfies Record<string, readonly string[]>;

export type SeriesName = keyof typeof ENGAGEMENT_SERIES;
export type EngagementBucket = { at: number } & Record<SeriesName, number>;

export interface Engagement {
  bucketMs: number;
  from: number;
  to: number;
  series: typeof ENGAGEMENT_SERIES;
  buckets: EngagementBucket[];
  /** When a product was put on screen, to mark on the timeline. */
  featured: Array<{ at: number; sku: string }>;
}

/** More than this and the oldest buckets are left out (a 10 s bucket covers about 5.5 hours). */
export const MAX_BUCKETS = 2000;

const SERIES_OF = new Map<string, SeriesName>(Object.entries(ENGAGEMENT_SERIES).flatMap(([name, types]) => types.map((t) => [t, name as SeriesName] as const)));

/** Counts grouped by (type, slot) turned into one dense row per bucket from `from` to `to`. */
export function toBuckets(counts: Array<{ type: string; slot: number; n: number }>, bucketMs: number, from: number, to: number): EngagementBucket[] {
  const last = Math.floor(to / bucketMs);
  const first = Math.max(Math.floor(from / bucketMs), last - MAX_BUCKETS + 1);
  const rows: EngagementBucket[] = [];
  for (let slot = first; slot <= last; slot++) rows.push({ at: slot * bucketMs, chat: 0, buys: 0, paid: 0, votes: 0 });
  for (const c of counts) {
    const series = SERIES_OF.get(c.type);
    const row = rows[c.slot - first];
    if (series && row) row[series] += c.n;
  }
  return rows;
}

/** Reads the chart's history from the store's event log (what is still buffered is written first). */
export async function readEngagement(
  models: Pick<Models, 'LoggedEvent'>,
  events: EventLog,
  showId: string,
  bucketMs: number,
  from: number,
  to: number = Date.now(),
): Promise<Engagement> {
  await events.flush();
  const types = [...SERIES_OF.keys()];
  const where = { showId, at: { [Op.gte]: from, [Op.lte]: to } };
  // Grouped in the database: a busy show has far more chat lines than buckets. `at` is whole
  // milliseconds, so the division is an integer one on SQLite and PostgreSQL alike.
  const slot = `(at / ${Math.trunc(bucketMs)})`;
  const grouped = await models.LoggedEvent.sequelize!.query<{ type: string; slot: number | string; n: number | string }>(
    `SELECT type, ${slot} AS slot, COUNT(*) AS n FROM events WHERE show_id = :showId AND at >= :from AND at <= :to AND type IN (:types) GROUP BY type, ${slot}`,
    { replacements: { showId, from, to, types }, type: QueryTypes.SELECT },
  );
  const featured = await models.LoggedEvent.findAll({ where: { ...where, type: 'show.featured' }, order: [['at', 'ASC']], limit: 500 });
  return {
    bucketMs,
    from,
    to,
    series: ENGAGEMENT_SERIES,
    buckets: toBuckets(
      grouped.map((g) => ({ type: g.type, slot: Number(g.slot), n: Number(g.n) })),
      bucketMs,
      from,
      to,
    ),
    featured: featured.map((e) => ({ at: Number(e.at), sku: textOf(e.data.sku) })),
  };
}
