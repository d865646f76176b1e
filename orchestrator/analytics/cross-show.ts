import { PLACED, SOLD, type OrderRow, type ShowData } from './analytics-types.js';
import { forecastUnits, type Forecast } from './forecast.js';
import { featuredSegments, type Segment } from './timeline.js';

export interface ShowSummary {
  id: string;
  name: string;
  /** When the first run went live (or the first order, for a show never live), ms since the epoch. */
  startedAt: number | null;
  runs: number;
  orders: number;
  units: number;
  paid: Record<string, number>;
}

export interface ProductAcrossShows {
  sku: string;
  title: string;
  /** Shows that offered it. */
  shows: number;
  units: number;
  paidUnits: number;
  unitsPerShow: number;
  paid: Record<string, number>;
}

export interface Slot<K> {
  key: K;
  runs: number;
  units: number;
  unitsPerRun: number;
}

export interface CrossShowReport {
  timezone: string;
  shows: ShowSummary[];
  bestProduct: ProductAcrossShows | null;
  products: ProductAcrossShows[];
  byHour: Array<Slot<number>>;
  byWeekday: Array<Slot<string>>;
  bestHour: Slot<number> | null;
  bestWeekday: Slot<string> | null;
  /** Featured spans of every show, best first by featured units per minute. */
  bestSegments: Array<Segment & { showId: string }>;
  forecast: Array<{ sku: string; title: string } & Forecast>;
}

const sum = (orders: readonly OrderRow[]) => orders.reduce((n, o) => n + o.qty, 0);
const r2 = (n: number) => Math.round(n * 100) / 100;

function paidByCurrency(orders: readonly OrderRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of orders) if (o.status === 'paid') out[o.currency] = (out[o.currency] ?? 0) + o.totalCents;
  return out;
}

function startOf(show: ShowData): number | null {
  const times = show.runs.length > 0 ? show.runs.map((r) => r.startedAt) : show.orders.map((o) => o.createdAt);
  return times.length > 0 ? Math.min(...times) : null;
}

/** Hour (0–23) and weekday ("Mon") of an instant in the show's timezone. */
export function localSlot(at: number, timeZone: string): { hour: number; weekday: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', weekday: 'short' }).formatToParts(new Date(at));
  return { hour: Number(parts.find((p) => p.type === 'hour')?.value), weekday: parts.find((p) => p.type === 'weekday')?.value ?? '' };
}

function bestOf<K>(slots: Array<Slot<K>>): Slot<K> | null {
  return slots.reduce<Slot<K> | null>((best, s) => (best === null || s.unitsPerRun > best.unitsPerRun ? s : best), null);
}

/**
 * What worked across past shows: products by units sold, the hour and weekday runs started at
 * (in `timeZone`) by units sold per run, the best featured spans, and a forecast per product.
 */
export function crossShowReport(shows: readonly ShowData[], timeZone = 'UTC'): CrossShowReport {
  const dated = shows
    .map((s) => ({ s, startedAt: startOf(s) }))
    .sort((a, b) => (a.startedAt ?? Infinity) - (b.startedAt ?? Infinity) || a.s.showId.localeCompare(b.s.showId));
  const summaries: ShowSummary[] = dated.map(({ s, startedAt }) => ({
    id: s.showId,
    name: s.name,
    startedAt,
    runs: s.runs.length,
    orders: s.orders.filter((o) => PLACED.has(o.status)).length,
    units: sum(s.orders.filter((o) => SOLD.has(o.status))),
    paid: paidByCurrency(s.orders),
  }));

  const titles = new Map<string, string>();
  for (const { s } of dated) for (const p of s.products) titles.set(p.sku, p.title);
  const products = [...titles].map(([sku, title]): ProductAcrossShows => {
    const offered = dated.filter(({ s }) => s.products.some((p) => p.sku === sku));
    const orders = dated.flatMap(({ s }) => s.orders.filter((o) => o.sku === sku));
    const units = sum(orders.filter((o) => SOLD.has(o.status)));
    return {
      sku,
      title,
      shows: offered.length,
      units,
      paidUnits: sum(orders.filter((o) => o.status === 'paid')),
      unitsPerShow: offered.length ? r2(units / offered.length) : 0,
      paid: paidByCurrency(orders),
    };
  });
  products.sort((a, b) => b.units - a.units || a.sku.localeCompare(b.sku));

  const hours = new Map<number, Slot<number>>();
  const days = new Map<string, Slot<string>>();
  for (const { s } of dated) {
    for (const run of s.runs) {
      const units = sum(s.orders.filter((o) => o.runId === run.id && SOLD.has(o.status)));
      const { hour, weekday } = localSlot(run.startedAt, timeZone);
      for (const [map, key] of [
        [hours, hour],
        [days, weekday],
      ] as Array<[Map<unknown, Slot<unknown>>, unknown]>) {
        const slot = map.get(key) ?? map.set(key, { key, runs: 0, units: 0, unitsPerRun: 0 }).get(key)!;
        slot.runs += 1;
        slot.units += units;
        slot.unitsPerRun = r2(slot.units / slot.runs);
      }
    }
  }
  const byHour = [...hours.values()].sort((a, b) => a.key - b.key);
  const WEEK = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const byWeekday = [...days.values()].sort((a, b) => WEEK.indexOf(a.key) - WEEK.indexOf(b.key));

  const bestSegments = dated
    .flatMap(({ s }) => featuredSegments(s, s.runs).map((seg) => ({ showId: s.showId, ...seg })))
    .sort((a, b) => b.featuredUnitsPerMinute - a.featuredUnitsPerMinute || b.featuredUnits - a.featuredUnits)
    .slice(0, 5);

  const forecast = [...titles].flatMap(([sku, title]) => {
    const series = dated
      .filter(({ s, startedAt }) => startedAt !== null && s.products.some((p) => p.sku === sku))
      .map(({ s }) => ({ showId: s.showId, units: sum(s.orders.filter((o) => o.sku === sku && SOLD.has(o.status))) }));
    const f = forecastUnits(series);
    return f ? [{ sku, title, ...f }] : [];
  });

  return {
    timezone: timeZone,
    shows: summaries,
    bestProduct: products[0] ?? null,
    products,
    byHour,
    byWeekday,
    bestHour: bestOf(byHour),
    bestWeekday: bestOf(byWeekday),
    bestSegments,
    forecast,
  };
}
