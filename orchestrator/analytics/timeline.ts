import { BUCKET_MS, PLACED, SOLD, type EventRow, type OrderRow, type RunRow, type ShowData } from './analytics-types.js';

/** Ten seconds of one run on the show clock. */
export interface Bucket {
  runId: number;
  /** Show-clock start of the bucket (ms since that run went live). */
  startMs: number;
  chat: number;
  /** Orders placed (every order, whatever became of it later). */
  buys: number;
  votes: number;
  /** On screen at the end of the bucket, so a switch mid-bucket counts for what followed it. */
  featured: string | null;
}

/** One span of a run during which one product was featured. */
export interface Segment {
  runId: number;
  sku: string;
  startMs: number;
  endMs: number;
  chat: number;
  orders: number;
  /** Sold units (paid, held or pending) of the featured product placed during the span. */
  featuredUnits: number;
  /** Sold units of every product placed during the span. */
  units: number;
  featuredUnitsPerMinute: number;
}

export interface FeaturedSwitch {
  at: number;
  sku: string;
}

export function featuredSwitches(events: readonly EventRow[]): FeaturedSwitch[] {
  return events
    .filter((e) => e.type === 'show.featured' && typeof e.data.sku === 'string')
    .map((e) => ({ at: e.at, sku: e.data.sku as string }))
    .sort((a, b) => a.at - b.at);
}

/** What was featured just before `at` (wall clock); the featured product outlives runs, as in the app. */
export function featuredBefore(switches: readonly FeaturedSwitch[], at: number, initial: string | null): string | null {
  let sku = initial;
  for (const s of switches) {
    if (s.at >= at) break;
    sku = s.sku;
  }
  return sku;
}

/** How long a run lasted on its clock: to its end, or (still live or cut off) to its last event. */
export function runLengthMs(run: RunRow, events: readonly EventRow[], orders: readonly OrderRow[]): number {
  if (run.endedAt !== null) return Math.max(0, run.endedAt - run.startedAt);
  let last = 0;
  for (const e of events) if (e.runId === run.id && e.showMs !== null) last = Math.max(last, e.showMs + 1);
  for (const o of orders) if (o.runId === run.id && o.showMs !== null) last = Math.max(last, o.showMs + 1);
  return last;
}

const isVote = (e: EventRow) => e.type === 'poll.vote';

/** The earliest show-clock time of the run's rows: below 0 when there was activity before going live. */
function earliestMs(run: RunRow, data: ShowData): number {
  let first = 0;
  for (const row of [...data.events, ...data.orders]) if (row.runId === run.id && row.showMs !== null) first = Math.min(first, row.showMs);
  return first;
}

/** Per 10 s bucket of each run in `runs`: chat lines, orders placed, votes, and what was featured. */
export function buildTimeline(data: ShowData, runs: readonly RunRow[]): Bucket[] {
  const switches = featuredSwitches(data.events);
  const out: Bucket[] = [];
  for (const run of runs) {
    // buckets before 0: the warm-up before going live (pre-live.ts), as far back as anything happened
    const lead = Math.ceil(Math.max(0, -earliestMs(run, data)) / BUCKET_MS);
    const count = lead + Math.ceil(runLengthMs(run, data.events, data.orders) / BUCKET_MS);
    const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
      runId: run.id,
      startMs: (i - lead) * BUCKET_MS,
      chat: 0,
      buys: 0,
      votes: 0,
      featured: featuredBefore(switches, run.startedAt + (i - lead + 1) * BUCKET_MS, data.initialFeatured),
    }));
    const at = (showMs: number | null) => (showMs === null ? undefined : buckets[Math.floor(showMs / BUCKET_MS) + lead]);
    for (const e of data.events) {
      if (e.runId !== run.id) continue;
      const b = at(e.showMs);
      if (!b) continue;
      if (e.type === 'chat.message') b.chat += 1;
      else if (isVote(e)) b.votes += 1;
    }
    for (const o of data.orders) {
      if (o.runId !== run.id || !PLACED.has(o.status)) continue;
      const b = at(o.showMs);
      if (b) b.buys += 1;
    }
    out.push(...buckets);
  }
  return out;
}

/** The spans between featured switches in each run, with what happened during each. */
export function featuredSegments(data: ShowData, runs: readonly RunRow[]): Segment[] {
  const switches = featuredSwitches(data.events);
  const segments: Segment[] = [];
  for (const run of runs) {
    const length = runLengthMs(run, data.events, data.orders);
    const cuts: Array<{ startMs: number; sku: string | null }> = [{ startMs: 0, sku: featuredBefore(switches, run.startedAt + 1, data.initialFeatured) }];
    for (const s of switches) {
      const ms = s.at - run.startedAt;
      if (ms > 0 && ms < length) cuts.push({ startMs: ms, sku: s.sku });
    }
    cuts.forEach((cut, i) => {
      const endMs = cuts[i + 1]?.startMs ?? length;
      if (cut.sku === null || endMs <= cut.startMs) return;
      const inSpan = (runId: number | null, ms: number | null) => runId === run.id && ms !== null && ms >= cut.startMs && ms < endMs;
      const orders = data.orders.filter((o) => inSpan(o.runId, o.showMs));
      const sold = orders.filter((o) => SOLD.has(o.status));
      const featuredUnits = sold.filter((o) => o.sku === cut.sku).reduce((n, o) => n + o.qty, 0);
      segments.push({
        runId: run.id,
        sku: cut.sku,
        startMs: cut.startMs,
        endMs,
        chat: data.events.filter((e) => e.type === 'chat.message' && inSpan(e.runId, e.showMs)).length,
        orders: orders.filter((o) => PLACED.has(o.status)).length,
        featuredUnits,
        units: sold.reduce((n, o) => n + o.qty, 0),
        featuredUnitsPerMinute: round2(featuredUnits / ((endMs - cut.startMs) / 60_000)),
      });
    });
  }
  return segments;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
