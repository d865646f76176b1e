import { PLACED, SOLD, type EventRow, type OrderRow, type ProductRow } from './analytics-types.js';

export interface ProductConversion {
  sku: string;
  title: string;
  /** Distinct viewers who mentioned it (see `mentionsByProduct`). */
  mentioned: number;
  /** Distinct viewers who placed an order for it. */
  buyers: number;
  mentionedAndBought: number;
  /** mentionedAndBought / mentioned, null when nobody mentioned it. */
  rate: number | null;
  paidBuyers: number;
  /** Units of orders paid, held or pending (cancelled and expired are not sales). */
  units: number;
  paidUnits: number;
  /** Money taken for it: paid orders' totals (after discounts), in minor units per currency. */
  paid: Record<string, number>;
}

export interface PlatformConversion {
  platform: string;
  chatters: number;
  buyers: number;
  chattersWhoBought: number;
  rate: number | null;
  orders: number;
}

export interface CodeConversion {
  code: string;
  source: string;
  ambassador: string | null;
  currency: string;
  orders: number;
  paidOrders: number;
  paidCents: number;
  /** Discount given on the paid orders. */
  discountCents: number;
}

export interface AmbassadorConversion {
  ambassador: string;
  code: string;
  currency: string;
  orders: number;
  paidOrders: number;
  paidCents: number;
  commissionEarnedCents: number;
  commissionPendingCents: number;
}

export const rate = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const overlap = (a: ReadonlySet<number>, b: ReadonlySet<number>) => [...a].filter((x) => b.has(x)).length;
const viewersOf = (orders: readonly OrderRow[]) => new Set(orders.map((o) => o.viewerId));
const units = (orders: readonly OrderRow[]) => orders.reduce((n, o) => n + o.qty, 0);

export function productConversions(
  products: readonly ProductRow[],
  orders: readonly OrderRow[],
  mentions: ReadonlyMap<string, ReadonlySet<number>>,
): ProductConversion[] {
  const titles = new Map(products.map((p) => [p.sku, p.title]));
  for (const o of orders) if (!titles.has(o.sku)) titles.set(o.sku, o.sku);
  const rows = [...titles].map(([sku, title]) => {
    const placed = orders.filter((o) => o.sku === sku && PLACED.has(o.status));
    const paid = placed.filter((o) => o.status === 'paid');
    const buyers = viewersOf(placed);
    const mentioned = mentions.get(sku) ?? new Set<number>();
    const bought = overlap(mentioned, buyers);
    return {
      sku,
      title,
      mentioned: mentioned.size,
      buyers: buyers.size,
      mentionedAndBought: bought,
      rate: rate(bought, mentioned.size),
      paidBuyers: viewersOf(paid).size,
      units: units(placed.filter((o) => SOLD.has(o.status))),
      paidUnits: units(paid),
      paid: centsByCurrency(paid),
    };
  });
  return rows.sort((a, b) => b.units - a.units || a.sku.localeCompare(b.sku));
}

function centsByCurrency(orders: readonly OrderRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of orders) out[o.currency] = (out[o.currency] ?? 0) + o.totalCents;
  return out;
}

export function platformConversions(events: readonly EventRow[], orders: readonly OrderRow[]): PlatformConversion[] {
  const chatters = new Map<string, Set<number>>();
  for (const e of events) {
    if (e.type !== 'chat.message' || e.platform === null || e.viewerId === null) continue;
    (chatters.get(e.platform) ?? chatters.set(e.platform, new Set()).get(e.platform)!).add(e.viewerId);
  }
  const placed = orders.filter((o) => PLACED.has(o.status));
  const platforms = new Set([...chatters.keys(), ...placed.map((o) => o.platform)]);
  return [...platforms].sort().map((platform) => {
    const talk = chatters.get(platform) ?? new Set<number>();
    const mine = placed.filter((o) => o.platform === platform);
    const buyers = viewersOf(mine);
    const both = overlap(talk, buyers);
    return { platform, chatters: talk.size, buyers: buyers.size, chattersWhoBought: both, rate: rate(both, talk.size), orders: mine.length };
  });
}

function groupBy<K, T>(items: readonly T[], key: (t: T) => K | undefined): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) (out.get(k) ?? out.set(k, []).get(k)!).push(item);
  }
  return out;
}

const paidTotals = (orders: readonly OrderRow[]) => {
  const paid = orders.filter((o) => o.status === 'paid');
  return { paidOrders: paid.length, paidCents: paid.reduce((n, o) => n + o.totalCents, 0), discountCents: paid.reduce((n, o) => n + o.discountCents, 0) };
};

export function codeConversions(orders: readonly OrderRow[]): CodeConversion[] {
  const placed = orders.filter((o) => PLACED.has(o.status) && o.code !== null);
  const groups = groupBy(placed, (o) => `${o.code!.code}\u0000${o.currency}`);
  return [...groups.values()]
    .map((rows) => {
      const first = rows[0]!;
      return {
        code: first.code!.code,
        source: first.code!.source,
        ambassador: first.ambassador?.name ?? null,
        currency: first.currency,
        orders: rows.length,
        ...paidTotals(rows),
      };
    })
    .sort((a, b) => b.paidCents - a.paidCents || a.code.localeCompare(b.code));
}

export function ambassadorConversions(orders: readonly OrderRow[]): AmbassadorConversion[] {
  const placed = orders.filter((o) => PLACED.has(o.status) && o.ambassador !== null);
  const groups = groupBy(placed, (o) => `${o.ambassador!.id}\u0000${o.currency}`);
  return [...groups.values()]
    .map((rows) => {
      const first = rows[0]!;
      const commission = (status: 'earned' | 'pending') => rows.reduce((n, o) => n + (o.commission?.status === status ? o.commission.cents : 0), 0);
      const { paidOrders, paidCents } = paidTotals(rows);
      return {
        ambassador: first.ambassador!.name,
        code: first.ambassador!.code,
        currency: first.currency,
        orders: rows.length,
        paidOrders,
        paidCents,
        commissionEarnedCents: commission('earned'),
        commissionPendingCents: commission('pending'),
      };
    })
    .sort((a, b) => b.paidCents - a.paidCents || a.ambassador.localeCompare(b.ambassador));
}
