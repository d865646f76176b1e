import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

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
