import { Op, QueryTypes } from 'sequelize';
import type { StoreAccess } from '../store.js';

// Enough chat to know what a viewer is after, without reading a marathon show's whole log.
const MAX_LINES = 200;

/** Every paid or held order line of the show, as (viewer, SKU) pairs. */
export async function showPurchases({ db }: Pick<StoreAccess, 'db'>, showId: string): Promise<Array<{ viewerId: number; sku: string }>> {
  const rows = await db.query<{ viewer_id: number; sku: string }>(
    `SELECT DISTINCT o.viewer_id AS viewer_id, p.sku AS sku
       FROM orders o
       JOIN order_lines l ON l.order_id = o.id
       JOIN products p ON p.id = l.product_id
      WHERE o.show_id = :showId AND o.status IN ('paid', 'held')
      ORDER BY o.viewer_id, p.sku`,
    { replacements: { showId }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ viewerId: Number(r.viewer_id), sku: r.sku }));
}

/** The viewer's latest chat lines in this show, oldest first. */
export async function viewerLines({ models }: Pick<StoreAccess, 'models'>, showId: string, viewerId: number): Promise<string[]> {
  const rows = await models.LoggedEvent.findAll({
    where: { showId, viewerId, type: 'chat.message' },
    attributes: ['id', 'data'],
    order: [['id', 'DESC']],
    limit: MAX_LINES,
  });
  return rows.reverse().flatMap((r) => (typeof r.data.text === 'string' ? [r.data.text] : []));
}

/** SKUs of the show with any stock left, upper-cased. */
export async function inStockSkus({ models }: Pick<StoreAccess, 'models'>, showId: string): Promise<Set<string>> {
  const rows = await models.Product.findAll({ where: { showId, stockAvailable: { [Op.gt]: 0 } }, attributes: ['sku'] });
  return new Set(rows.map((p) => p.sku.toUpperCase()));
}

/** Units left per variant of one SKU, in catalog order. */
export async function stockOf({ models }: Pick<StoreAccess, 'models'>, showId: string, sku: string): Promise<Array<{ variant: string; available: number }>> {
  const rows = await models.Product.findAll({ where: { showId, sku }, order: [['id', 'ASC']] });
  // A deficit (stock lowered below what is held) is nothing left to buy, not a negative number to show.
  return rows.map((r) => ({ variant: r.variant, available: Math.max(0, r.stockAvailable) }));
}
