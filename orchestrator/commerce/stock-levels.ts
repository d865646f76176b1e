import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { returnStock, waitingCounts } from './stock-ledger.js';

/** One product variant's stock as the seller's dashboard shows it. */
export interface StockLevel {
  sku: string;
  variant: string;
  title: string;
  /** Free to buy now. */
  available: number;
  /** Held in carts that are not paid yet. */
  held: number;
  sold: number;
  /** Viewers waiting for it. */
  waiting: number;
}

/** Every product and variant of a show with its stock, in catalog order. */
export async function readStockLevels(db: Sequelize, t: Transaction, showId: string): Promise<StockLevel[]> {
  const rows = await db.query<{ id: number; sku: string; variant: string; title: string; stock_available: number; held: number | null; sold: number | null }>(
    `SELECT p.id, p.sku, p.variant, p.title, p.stock_available,
            (SELECT SUM(l.qty) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = p.id AND o.status = 'held') AS held,
            (SELECT SUM(l.qty) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.product_id = p.id AND o.status = 'paid') AS sold
       FROM products p WHERE p.show_id = :showId ORDER BY p.id`,
    { replacements: { showId }, transaction: t, type: QueryTypes.SELECT },
  );
  const waiting = rows.length
    ? await waitingCounts(
        db,
        t,
        rows.map((r) => r.id),
      )
    : new Map<number, number>();
  return rows.map((r) => ({
    sku: r.sku,
    variant: r.variant,
    title: r.title,
    available: Number(r.stock_available),
    held: Number(r.held ?? 0),
    sold: Number(r.sold ?? 0),
    waiting: waiting.get(r.id) ?? 0,
  }));
}

/** Adds `qty` units of one product to what is free and to its total; the id, or undefined for no such product. */
export async function addStock(db: Sequelize, t: Transaction, showId: string, sku: string, variant: string, qty: number): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM products WHERE show_id = :showId AND sku = :sku AND variant = :variant', {
    replacements: { showId, sku, variant },
    transaction: t,
    type: QueryTypes.SELECT,
  });
  if (!row) return undefined;
  await returnStock(db, t, row.id, qty);
  await db.query('UPDATE products SET stock_total = stock_total + :qty WHERE id = :id', {
    replacements: { qty, id: row.id },
    transaction: t,
    type: QueryTypes.UPDATE,
  });
  return row.id;
}
