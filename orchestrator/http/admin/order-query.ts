import { Op, type WhereOptions } from 'sequelize';
import type { Identity, Order, OrderLine, Product, OrderStatus } from '../../store/models-core.js';
import type { Models } from '../../store/models.js';

const STATUSES: readonly OrderStatus[] = ['held', 'pending', 'paid', 'cancelled', 'expired', 'preorder'];
export const MAX_ORDERS = 5000;

export interface OrderFilter {
  status?: OrderStatus;
  sku?: string;
  platform?: string;
  /** Orders placed at or after this moment (epoch ms). */
  since?: number;
  limit: number;
}

/** One order as the dashboard lists it and the CSV exports it. Money in cents. */
export interface OrderRow {
  id: string;
  status: OrderStatus;
  placedAt: number;
  sku: string;
  variant: string;
  title: string;
  qty: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  code: string | null;
  platform: string;
  buyer: string;
  channelId: string;
  holdExpiresAt: number | null;
  paidAt: number | null;
}

/** Reads `?status=&sku=&platform=&since=&limit=`; an error message for the first bad value. */
export function parseOrderFilter(query: Record<string, unknown>): OrderFilter | { error: string } {
  const one = (key: string) => (typeof query[key] === 'string' && query[key] !== '' ? query[key] : undefined);
  const filter: OrderFilter = { limit: 500 };
  const status = one('status');
  if (status !== undefined) {
    if (!STATUSES.includes(status as OrderStatus)) return { error: `status must be one of ${STATUSES.join(', ')}` };
    filter.status = status as OrderStatus;
  }
  const sku = one('sku');
  if (sku !== undefined) filter.sku = sku;
  const platform = one('platform');
  if (platform !== undefined) filter.platform = platform;
  const since = one('since');
  if (since !== undefined) {
    const at = /^\d+$/.test(since) ? Number(since) : Date.parse(since);
    if (!Number.isFinite(at)) return { error: 'since must be epoch milliseconds or an ISO date' };
    filter.since = at;
  }
  const limit = one('limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_ORDERS) return { error: `limit must be a whole number from 1 to ${MAX_ORDERS}` };
    filter.limit = n;
  }
  return filter;
}

/** The show's orders (held ones included), newest first. */
export async function listOrders(models: Models, showId: string, filter: OrderFilter): Promise<OrderRow[]> {
  const where: WhereOptions = { showId };
  if (filter.status) Object.assign(where, { status: filter.status });
  if (filter.since !== undefined) Object.assign(where, { createdAt: { [Op.gte]: new Date(filter.since) } });
  const orders = await models.Order.findAll({
    where,
    include: [
      {
        model: models.OrderLine,
        as: 'lines',
        required: true,
        include: [{ model: models.Product, required: true, ...(filter.sku && { where: { sku: { [Op.like]: filter.sku } } }) }],
      },
      { model: models.Identity, required: true, ...(filter.platform && { where: { platform: filter.platform } }) },
    ],
    order: [['id', 'DESC']],
    limit: filter.limit,
    // A limit with a required hasMany include would otherwise become a subquery that ignores the include filters.
    subQuery: false,
  });
  const codeIds = [...new Set(orders.map((o) => o.promoCodeId).filter((id): id is number => id !== null))];
  const codes = new Map((codeIds.length ? await models.PromoCode.findAll({ where: { id: codeIds } }) : []).map((c) => [c.id, c.code]));
  return orders.map((o) => toRow(o, codes));
}

function toRow(order: Order, codes: Map<number, string>): OrderRow {
  const joined = order as Order & { lines: Array<OrderLine & { Product: Product }>; Identity: Identity };
  const line = joined.lines[0]!;
  const created = (order as unknown as { createdAt: Date }).createdAt;
  return {
    id: order.publicId,
    status: order.status,
    placedAt: created.getTime(),
    sku: line.Product.sku,
    variant: line.Product.variant,
    title: line.Product.title,
    qty: line.qty,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    totalCents: order.totalCents,
    currency: order.currency,
    code: order.promoCodeId !== null ? (codes.get(order.promoCodeId) ?? null) : null,
    platform: joined.Identity.platform,
    buyer: joined.Identity.displayName,
    channelId: order.channelId,
    holdExpiresAt: order.holdExpiresAt?.getTime() ?? null,
    paidAt: order.paidAt?.getTime() ?? null,
  };
}
