import { Op, QueryTypes, type Sequelize } from 'sequelize';
import type { Catalog } from '../../commerce/catalog.js';
import type { RecommendHistory, RecommendProduct } from './recommend.js';
import type { Models } from '../../store/models.js';

// Enough chat to know what a viewer is after, without reading a marathon show's whole log.
const MAX_LINES = 200;

/** Every paid or held order line of the show, as (viewer, SKU) pairs. */
export async function showPurchases(db: Sequelize, showId: string): Promise<RecommendHistory['purchases']> {
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
export async function viewerLines(models: Models, showId: string, viewerId: number): Promise<string[]> {
  const rows = await models.LoggedEvent.findAll({
    where: { showId, viewerId, type: 'chat.message' },
    attributes: ['id', 'data'],
    order: [['id', 'DESC']],
    limit: MAX_LINES,
  });
  return rows.reverse().flatMap((r) => (typeof r.data.text === 'string' ? [r.data.text] : []));
}

/** The catalog minus what is sold out: recommending what cannot be bought only disappoints. */
export async function buyableProducts(models: Models, catalog: Catalog, showId: string): Promise<RecommendProduct[]> {
  const inStock = await models.Product.findAll({ where: { showId, stockAvailable: { [Op.gt]: 0 } }, attributes: ['sku'] });
  const skus = new Set(inStock.map((p) => p.sku.toUpperCase()));
  return catalog
    .all()
    .filter((item) => skus.has(item.sku.toUpperCase()))
    .map((item) => ({
      sku: item.sku,
      title: item.title,
      category: item.category,
      priceCents: Math.min(...item.variants.map((v) => v.priceCents)),
      currency: item.currency,
    }));
}
