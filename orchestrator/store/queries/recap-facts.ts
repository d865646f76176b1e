import { Op } from 'sequelize';
import type { Models } from '../models.js';

/** What the recap says about one show run. */
export interface RecapFacts {
  paidOrders: number;
  soldOut: number;
}

/**
 * Orders paid since the run began, and products now out of stock that were ordered during the
 * run (stock that was already zero before the show is not this run's news).
 */
export async function recapFacts(models: Models, showId: string, since: number): Promise<RecapFacts> {
  const from = new Date(since);
  const paidOrders = await models.Order.count({ where: { showId, status: 'paid', paidAt: { [Op.gte]: from } } });
  const runOrders = await models.Order.findAll({
    attributes: ['id'],
    where: { showId, [Op.or]: [{ paidAt: { [Op.gte]: from } }, { createdAt: { [Op.gte]: from } }] } as never,
  });
  if (runOrders.length === 0) return { paidOrders, soldOut: 0 };
  const lines = await models.OrderLine.findAll({ attributes: ['productId'], where: { orderId: runOrders.map((o) => o.id) } });
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const soldOut = await models.Product.count({ where: { id: productIds, stockAvailable: { [Op.lte]: 0 } } });
  return { paidOrders, soldOut };
}
