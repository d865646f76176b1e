import { BUCKET_MS, type ShowData } from './analytics-types.js';
import { auctionReports, type AuctionReport } from './auctions.js';
import {
  ambassadorConversions,
  codeConversions,
  platformConversions,
  productConversions,
  type AmbassadorConversion,
  type CodeConversion,
  type PlatformConversion,
  type ProductConversion,
} from './conversions.js';
import { goldenSeconds, SCORING, type GoldenMoment } from './golden-seconds.js';
import { mentionsByProduct } from './mentions.js';
import { retention, type Retention } from './retention.js';
import { revenueByCurrency, type CurrencyRevenue } from './revenue.js';
import { buildTimeline, featuredBefore, featuredSegments, featuredSwitches, runLengthMs, type Bucket, type Segment } from './timeline.js';

export const MENTION_RULE =
  'a viewer mentioned a product when a chat line holds its SKU or a title word no other product has (4+ letters), or they typed !buy/!price/!stock on it (!buy without a SKU: what was featured)';

export interface ShowReport {
  show: { id: string; name: string };
  /** The run reported on, or null for every run of the show. */
  runId: number | null;
  runs: Array<{ id: number; startedAt: number; endedAt: number | null; lengthMs: number }>;
  bucketMs: number;
  timeline: Bucket[];
  goldenSeconds: { scoring: string; moments: GoldenMoment[] };
  segments: Segment[];
  conversions: {
    mentionRule: string;
    products: ProductConversion[];
    platforms: PlatformConversion[];
    promoCodes: CodeConversion[];
    ambassadors: AmbassadorConversion[];
  };
  revenue: CurrencyRevenue[];
  retention: Retention;
  /** Each auction: bids per platform, final price against the start, when the winning bid came. */
  auctions: AuctionReport[];
}

export interface ShowReportOptions {
  /** One run only; every run when absent (chat and orders off air then count too). */
  runId?: number;
  /** How many golden moments. */
  top?: number;
  /** The early-chatter cohort of chat-presence retention. */
  firstMinutes?: number;
}

/** One show's (or one run's) report. Undefined when the run asked for is not one of the show's. */
export function showReport(data: ShowData, options: ShowReportOptions = {}): ShowReport | undefined {
  const runs = options.runId === undefined ? data.runs : data.runs.filter((r) => r.id === options.runId);
  if (options.runId !== undefined && runs.length === 0) return undefined;
  const inScope = <T extends { runId: number | null }>(rows: readonly T[]) =>
    options.runId === undefined ? [...rows] : rows.filter((r) => r.runId === options.runId);
  // Featured switches come from the whole log: what was on screen carries over from before the run.
  const scoped: ShowData = {
    ...data,
    runs,
    orders: inScope(data.orders),
    events: [...inScope(data.events.filter((e) => e.type !== 'show.featured')), ...featuredEvents(data)],
  };
  const timeline = buildTimeline(scoped, runs);
  const switches = featuredSwitches(data.events);
  const mentions = mentionsByProduct(scoped.events, data.products, (at) => featuredBefore(switches, at + 1, data.initialFeatured));
  return {
    show: { id: data.showId, name: data.name },
    runId: options.runId ?? null,
    runs: runs.map((r) => ({ ...r, lengthMs: runLengthMs(r, data.events, data.orders) })),
    bucketMs: BUCKET_MS,
    timeline,
    goldenSeconds: { scoring: SCORING, moments: goldenSeconds(timeline, scoped.events, options.top ?? 5) },
    segments: featuredSegments(scoped, runs),
    conversions: {
      mentionRule: MENTION_RULE,
      products: productConversions(data.products, scoped.orders, mentions),
      platforms: platformConversions(scoped.events, scoped.orders),
      promoCodes: codeConversions(scoped.orders),
      ambassadors: ambassadorConversions(scoped.orders),
    },
    revenue: revenueByCurrency(scoped.orders, scoped.events),
    retention: retention(scoped.events, options.firstMinutes ?? 10),
    auctions: auctionReports(scoped.events),
  };
}

const featuredEvents = (data: ShowData) => data.events.filter((e) => e.type === 'show.featured');
