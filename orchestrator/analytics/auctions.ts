import type { EventRow } from './analytics-types.js';

/** One auction run as the event log tells it: bids per platform, the final price against the start, and when the winning bid came. */
export interface AuctionReport {
  auction: string;
  sku: string;
  currency: string;
  startedAt: number;
  result: 'sold' | 'unsold' | 'running';
  /** Why it did not sell (no-bids, reserve, no-stock, ended-early). */
  reason: string | null;
  startCents: number;
  finalCents: number | null;
  /** The final price over the start (2.5: it went for two and a half times its opening price). */
  priceRatio: number | null;
  /** Bids that counted and bids refused, per platform, most counted first. */
  platforms: Array<{ platform: string; counted: number; refused: number }>;
  /** The bid that won it: where, at what show-clock moment, and how long before the end. */
  winningBid: { platform: string | null; showMs: number | null; beforeEndMs: number } | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The auctions of a show from its event log (`auction.started`, `auction.bid`, `auction.ended`),
 * in the order they started. A bid belongs to the run of its auction that started last before it.
 */
export function auctionReports(events: readonly EventRow[]): AuctionReport[] {
  const rows = events.filter((e) => e.type.startsWith('auction.')).sort((a, b) => a.at - b.at);
  const reports: AuctionReport[] = [];
  const open = new Map<string, { report: AuctionReport; bids: EventRow[] }>();
  for (const e of rows) {
    const key = str(e.data.auction);
    if (e.type === 'auction.started') {
      const report: AuctionReport = {
        auction: key,
        sku: str(e.data.sku),
        currency: str(e.data.currency),
        startedAt: e.at,
        result: 'running',
        reason: null,
        startCents: num(e.data.startCents) ?? 0,
        finalCents: null,
        priceRatio: null,
        platforms: [],
        winningBid: null,
      };
      reports.push(report);
      open.set(key, { report, bids: [] });
      continue;
    }
    const run = open.get(key);
    if (!run) continue;
    if (e.type === 'auction.bid') run.bids.push(e);
    if (e.type === 'auction.ended') {
      close(run.report, run.bids, e);
      open.delete(key);
    }
  }
  for (const run of open.values()) run.report.platforms = perPlatform(run.bids);
  return reports;
}

function close(report: AuctionReport, bids: EventRow[], ended: EventRow): void {
  report.platforms = perPlatform(bids);
  report.result = ended.data.result === 'sold' ? 'sold' : 'unsold';
  report.reason = typeof ended.data.reason === 'string' ? ended.data.reason : null;
  report.finalCents = num(ended.data.priceCents);
  report.priceRatio = report.finalCents === null || report.startCents === 0 ? null : Math.round((report.finalCents / report.startCents) * 100) / 100;
  if (report.result !== 'sold') return;
  // The winner's last bid that took the lead: their proxy answered everything after it.
  const won = bids.filter((b) => b.viewerId === ended.viewerId && b.data.outcome === 'leading').at(-1);
  if (won) report.winningBid = { platform: won.platform, showMs: won.showMs, beforeEndMs: ended.at - won.at };
}

function perPlatform(bids: EventRow[]): AuctionReport['platforms'] {
  const by = new Map<string, { platform: string; counted: number; refused: number }>();
  for (const b of bids) {
    const platform = b.platform ?? 'unknown';
    const row = by.get(platform) ?? { platform, counted: 0, refused: 0 };
    if (b.data.outcome === 'refused') row.refused++;
    else row.counted++;
    by.set(platform, row);
  }
  return [...by.values()].sort((a, b) => b.counted - a.counted || a.platform.localeCompare(b.platform));
}
