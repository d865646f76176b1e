import type { CartView } from '../../commerce/carts/cart-types.js';

/** A cart as the dashboard and the packing list show it: everything, the full address included (admin only). */
export function adminCart(cart: CartView) {
  return {
    id: cart.id,
    publicId: cart.publicId,
    status: cart.status,
    currency: cart.currency,
    buyer: { platform: cart.buyer.platform, name: cart.buyer.name },
    lines: cart.lines.map((l) => ({
      n: l.n,
      order: l.order.publicId,
      sku: l.order.sku,
      variant: l.order.variant,
      title: l.order.title,
      qty: l.order.qty,
      totalCents: l.order.totalCents,
      status: l.order.status,
    })),
    itemsCents: cart.itemsCents,
    shippingCents: cart.shippingCents ?? null,
    totalCents: cart.totalCents ?? null,
    delivery: cart.delivery,
    contact: cart.contact,
    provider: cart.provider,
    providerError: cart.providerError,
    holdExpiresAt: cart.holdExpiresAt ?? null,
    paidAt: cart.paidAt ?? null,
    fulfilment: cart.fulfilment,
    tracking: cart.tracking,
    refundCents: cart.refundCents,
    createdAt: cart.createdAt,
  };
}
export type AdminCart = ReturnType<typeof adminCart>;
