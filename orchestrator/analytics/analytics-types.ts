/**
 * The rows analytics reads, already joined and normalized by `analytics-source.ts`: every
 * report function takes these and returns plain data, so it can be tested without a database.
 */

/** One event-log row; viewer ids are the surviving viewer after `!link` merges. */
export interface EventRow {
  runId: number | null;
  type: string;
  at: number;
  showMs: number | null;
  platform: string | null;
  viewerId: number | null;
  data: Record<string, unknown>;
}

export type OrderState = 'held' | 'pending' | 'paid' | 'cancelled' | 'expired' | 'preorder';

/** One order with its (single) line, who placed it where, and the code and commission it carried. */
export interface OrderRow {
  publicId: string;
  /** The run it was placed in (by its time), null when placed off air. */
  runId: number | null;
  showMs: number | null;
  createdAt: number;
  viewerId: number;
  platform: string;
  status: OrderState;
  sku: string;
  qty: number;
  totalCents: number;
  discountCents: number;
  currency: string;
  code: { code: string; source: string } | null;
  ambassador: { id: number; name: string; code: string } | null;
  commission: { cents: number; status: 'pending' | 'earned' | 'void' } | null;
}

export interface RunRow {
  id: number;
  startedAt: number;
  endedAt: number | null;
}

export interface ProductRow {
  sku: string;
  title: string;
}

/** Everything one show's report is computed from. */
export interface ShowData {
  showId: string;
  name: string;
  runs: RunRow[];
  products: ProductRow[];
  events: EventRow[];
  orders: OrderRow[];
  /** What was on screen before the first `show.featured` of a run (the show file's `featured`), if known. */
  initialFeatured: string | null;
}

/** Orders that are (or will be) sales: cancelled, expired and pre-orders are not. */
export const SOLD: ReadonlySet<OrderState> = new Set(['paid', 'held', 'pending']);

/** Orders placed from chat: everything except a pre-order from a future batch. */
export const PLACED: ReadonlySet<OrderState> = new Set(['paid', 'held', 'pending', 'cancelled', 'expired']);

export const BUCKET_MS = 10_000;
