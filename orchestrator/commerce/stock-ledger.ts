import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { holdingKey, type StockRow } from './order-plan.js';

/** Order states that hold or have taken stock. */
export const ACTIVE_ORDER_STATES = ['held', 'pending', 'paid'];

/** Conditional decrement: it succeeds only if the units are still there, whatever else runs. */
export async function takeStock(db: Sequelize, t: Transaction, productId: number, qty: number): Promise<boolean> {
  const [, affected] = await db.query('UPDATE products SET stock_available = stock_available - :qty WHERE id = :id AND stock_available >= :qty', {
    replacements: { qty, id: productId },
    transaction: t,
    type: QueryTypes.UPDATE,
  });
  return affected === 1;
}

export async function returnStock(db: Sequelize, t: Transaction, productId: number, qty: number): Promise<void> {
  await db.query('UPDATE products SET stock_available = stock_available + :qty WHERE id = :id', {
    replacements: { qty, id: productId },
    transaction: t,
    type: QueryTypes.UPDATE,
  });
}

/** Units of one SKU (every variant) a viewer holds, has paid for, or waits for in a show. */
export async function unitsOf(db: Sequelize, t: Transaction, showId: string, viewerId: number, sku: string): Promise<number> {
  const [row] = await db.query<{ n: number | string | null }>(
    `SELECT (SELECT COALESCE(SUM(l.qty), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
              WHERE o.viewer_id = :viewerId AND o.show_id = :showId AND p.sku = :sku AND o.status IN (:active))
          + (SELECT COALESCE(SUM(w.qty), 0) FROM waitlist w JOIN products p ON p.id = w.product_id
              WHERE w.viewer_id = :viewerId AND w.show_id = :showId AND p.sku = :sku AND w.status = 'waiting') AS n`,
    { replacements: { viewerId, showId, sku, active: ACTIVE_ORDER_STATES }, transaction: t, type: QueryTypes.SELECT },
  );
  return Number(row?.n ?? 0);
}

/** Units a viewer got at one unit price (a flash sale's), for the sale's own per-buyer limit. */
export async function unitsAtPrice(db: Sequelize, t: Transaction, showId: string, viewerId: number, sku: string, priceCents: number): Promise<number> {
  const [row] = await db.query<{ n: number | string | null }>(
    `SELECT COALESCE(SUM(l.qty), 0) AS n FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
      WHERE o.viewer_id = :viewerId AND o.show_id = :showId AND p.sku = :sku AND o.status IN (:active) AND l.unit_price_cents = :price`,
    { replacements: { viewerId, showId, sku, active: ACTIVE_ORDER_STATES, price: priceCents }, transaction: t, type: QueryTypes.SELECT },
  );
  return Number(row?.n ?? 0);
}

/** The products of some SKUs in a show, with their stock, in one read (a batch of orders reads them once). */
export async function readStock(db: Sequelize, t: Transaction, showId: string, skus: string[]): Promise<StockRow[]> {
  const rows = await db.query<{ id: number; sku: string; variant: string; title: string; price_cents: number; stock_available: number; stock_total: number }>(
    'SELECT id, sku, variant, title, price_cents, stock_available, stock_total FROM products WHERE show_id = :showId AND sku IN (:skus)',
    { replacements: { showId, skus }, transaction: t, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    variant: r.variant,
    title: r.title,
    priceCents: r.price_cents,
    stockAvailable: Number(r.stock_available),
    stockTotal: Number(r.stock_total),
  }));
}

/** Products each of these viewers waits for in a show now. */
export async function waitingOf(db: Sequelize, t: Transaction, showId: string, viewerIds: number[]): Promise<Map<number, number>> {
  if (viewerIds.length === 0) return new Map();
  const rows = await db.query<{ viewer_id: number; n: number | string }>(
    "SELECT viewer_id, COUNT(*) AS n FROM waitlist WHERE show_id = :showId AND status = 'waiting' AND viewer_id IN (:viewerIds) GROUP BY viewer_id",
    { replacements: { showId, viewerIds }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [Number(r.viewer_id), Number(r.n)]));
}

/** Holds open now from each of these origins in a show. */
export async function holdsOf(db: Sequelize, t: Transaction, showId: string, origins: string[]): Promise<Map<string, number>> {
  if (origins.length === 0) return new Map();
  const rows = await db.query<{ origin: string; n: number | string }>(
    "SELECT origin, COUNT(*) AS n FROM orders WHERE show_id = :showId AND status = 'held' AND origin IN (:origins) GROUP BY origin",
    { replacements: { showId, origins }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [r.origin, Number(r.n)]));
}

/** `unitsOf` for many viewers and SKUs in one read, keyed by `holdingKey`. */
export async function unitsOfMany(db: Sequelize, t: Transaction, showId: string, viewerIds: number[], skus: string[]): Promise<Map<string, number>> {
  const rows = await db.query<{ viewer_id: number; sku: string; n: number | string }>(
    `SELECT viewer_id, sku, SUM(qty) AS n FROM (
       SELECT o.viewer_id, p.sku, l.qty FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
        WHERE o.viewer_id IN (:viewerIds) AND o.show_id = :showId AND p.sku IN (:skus) AND o.status IN (:active)
       UNION ALL
       SELECT w.viewer_id, p.sku, w.qty FROM waitlist w JOIN products p ON p.id = w.product_id
        WHERE w.viewer_id IN (:viewerIds) AND w.show_id = :showId AND p.sku IN (:skus) AND w.status = 'waiting'
     ) held GROUP BY viewer_id, sku`,
    { replacements: { viewerIds, showId, skus, active: ACTIVE_ORDER_STATES }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [holdingKey(Number(r.viewer_id), r.sku), Number(r.n)]));
}

/** `unitsAtPrice` for many viewers in one read: units per viewer and SKU bought at that SKU's given price. */
export async function unitsAtPricesMany(
  db: Sequelize,
  t: Transaction,
  showId: string,
  viewerIds: number[],
  prices: Map<string, number>,
): Promise<Map<string, number>> {
  const rows = await db.query<{ viewer_id: number; sku: string; price: number; n: number | string }>(
    `SELECT o.viewer_id, p.sku, l.unit_price_cents AS price, SUM(l.qty) AS n
       FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
      WHERE o.viewer_id IN (:viewerIds) AND o.show_id = :showId AND p.sku IN (:skus) AND o.status IN (:active)
      GROUP BY o.viewer_id, p.sku, l.unit_price_cents`,
    { replacements: { viewerIds, showId, skus: [...prices.keys()], active: ACTIVE_ORDER_STATES }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.filter((r) => prices.get(r.sku) === Number(r.price)).map((r) => [holdingKey(Number(r.viewer_id), r.sku), Number(r.n)]));
}

/** Viewers waiting for each product now: the next entry of a product is its count + 1 in line. */
export async function waitingCounts(db: Sequelize, t: Transaction, productIds: number[]): Promise<Map<number, number>> {
  const rows = await db.query<{ product_id: number; n: number | string }>(
    "SELECT product_id, COUNT(*) AS n FROM waitlist WHERE status = 'waiting' AND product_id IN (:productIds) GROUP BY product_id",
    { replacements: { productIds }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [Number(r.product_id), Number(r.n)]));
}

/** Carts each of these viewers let run out unpaid in a show. */
export async function lapsesOf(db: Sequelize, t: Transaction, showId: string, viewerIds: number[]): Promise<Map<number, number>> {
  if (viewerIds.length === 0) return new Map();
  const rows = await db.query<{ viewer_id: number; n: number | string }>(
    "SELECT viewer_id, COUNT(DISTINCT cart_id) AS n FROM orders WHERE show_id = :showId AND status = 'expired' AND viewer_id IN (:viewerIds) GROUP BY viewer_id",
    { replacements: { showId, viewerIds }, transaction: t, type: QueryTypes.SELECT },
  );
  return new Map(rows.map((r) => [Number(r.viewer_id), Number(r.n)]));
}
