import type { Transaction } from 'sequelize';
import type { Order } from '../store/models-core.js';
import type { Models } from '../store/models.js';
import type { Buyer, OrderSummary } from './order-types.js';

/** An order as replies, alerts and timers need it: what, how many, how much, and who to tell. */
export async function summarizeOrder(models: Models, t: Transaction | undefined, order: Order): Promise<OrderSummary> {
  const { Identity, OrderLine, Product, PromoCode } = models;
  const line = (await OrderLine.findOne({ where: { orderId: order.id }, transaction: t }))!;
  const product = (await Product.findByPk(line.productId, { transaction: t }))!;
  const identity = (await Identity.findByPk(order.identityId, { transaction: t }))!;
  const code = order.promoCodeId !== null ? await PromoCode.findByPk(order.promoCodeId, { transaction: t }) : null;
  return {
    ...(code && { code: code.code }),
    id: order.id,
    publicId: order.publicId,
    sku: product.sku,
    variant: product.variant,
    title: product.title,
    qty: line.qty,
    totalCents: order.totalCents,
    currency: order.currency,
    status: order.status,
    holdExpiresAt: order.holdExpiresAt?.getTime(),
    ...(order.cartId !== null && { cartId: order.cartId }),
    buyer: {
      viewerId: order.viewerId,
      identityId: order.identityId,
      platform: identity.platform as Buyer['platform'],
      userId: identity.platformUserId,
      name: identity.displayName,
      channelId: order.channelId,
    },
  };
}
