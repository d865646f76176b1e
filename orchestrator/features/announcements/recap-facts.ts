import { Op } from 'sequelize';
import { Order, OrderLine, Product } from '../../store/models-core.js';

/** What the recap says about one show run. */
export interface RecapFacts {
  paidOrders: number;
  soldOut: number;
}

/**
 * Orders paid since the run began, and products now out of stock that were ordered during the
 * run (stock that was already zero before the show is not this run's news).
 */
export async function recapFacts(showId: string, since: number): Promise<RecapFacts> {
  const from = new Date(since);
  const paidOrders = await Order.count({ where: { showId, status: 'paid', paidAt: { [Op.gte]: from } } });
  const runOrders = await Order.findAll({ attributes: ['id'], where: { showId, [Op.or]: [{ paidAt: { [Op.gte]: from } }, { createdAt: { [Op.gte]: from } }] } as never });
  if (runOrders.length === 0) return { paidOrders, soldOut: 0 };
  const lines = await OrderLine.findAll({ attributes: ['productId'], where: { orderId: runOrders.map((o) => o.id) } });
  const productIds = [...new Set(lines.map((l) => l.productId))];
  const soldOut = await Product.count({ where: { id: productIds, stockAvailable: { [Op.lte]: 0 } } });
  return { paidOrders, soldOut };
}
