import { minorDigits } from '../../commerce/money.js';
import type { CartView } from '../../commerce/carts/cart-types.js';
import type { DeliveryOption } from '../../commerce/carts/shipping.js';

/** What the checkout page shows of a cart: the items and money, never the buyer's platform ids or full address. */
export interface CheckoutState {
  /** `accent`: the seller's colour (the overlay's), a hex colour or null; the page picks a readable text colour for it. */
  shop: { name: string; currency: string; digits: number; accent: string | null };
  cart: {
    id: string;
    status: CartView['status'];
    lines: Array<{
      n: number;
      title: string;
      variant: string;
      qty: number;
      unitCents: number;
      subtotalCents: number;
      discountCents: number;
      totalCents: number;
      code: string | null;
    }>;
    subtotalCents: number;
    discountCents: number;
    itemsCents: number;
    shippingCents: number | null;
    totalCents: number | null;
    holdExpiresAt: number | null;
    delivery: CartView['delivery'];
    /** Enough to recognise one's own details, not enough to read someone's address from a forwarded link. */
    shipTo: { name: string; city: string | null; country: string | null } | null;
    provider: string | null;
    providerError: string | null;
    paidAt: number | null;
    fulfilment: CartView['fulfilment'];
    tracking: string | null;
    refundCents: number;
  };
  deliveries: DeliveryOption[];
  providers: Array<{ name: string; label: string }>;
  /** The built-in checkout is in test mode: no money moves, and the page says so. */
  testMode: boolean;
  instructions: string | null;
  now: number;
}

export function checkoutState(
  cart: CartView,
  extra: Pick<CheckoutState, 'deliveries' | 'providers' | 'testMode' | 'instructions'> & { shopName: string; accent?: string },
): CheckoutState {
  const { contact } = cart;
  return {
    shop: { name: extra.shopName, currency: cart.currency, digits: minorDigits(cart.currency), accent: hexColour(extra.accent) },
    cart: {
      id: cart.publicId,
      status: cart.status,
      lines: cart.lines.map((l) => ({
        n: l.n,
        title: l.order.title,
        variant: l.order.variant,
        qty: l.order.qty,
        unitCents: l.unitCents,
        subtotalCents: l.subtotalCents,
        discountCents: l.discountCents,
        totalCents: l.order.totalCents,
        code: l.order.code ?? null,
      })),
      subtotalCents: cart.subtotalCents,
      discountCents: cart.discountCents,
      itemsCents: cart.itemsCents,
      shippingCents: cart.shippingCents ?? null,
      totalCents: cart.totalCents ?? null,
      holdExpiresAt: cart.holdExpiresAt ?? null,
      delivery: cart.delivery,
      shipTo: contact ? { name: contact.name, city: contact.address?.city ?? null, country: contact.address?.country ?? null } : null,
      provider: cart.provider,
      providerError: cart.providerError,
      paidAt: cart.paidAt ?? null,
      fulfilment: cart.fulfilment,
      tracking: cart.tracking,
      refundCents: cart.refundCents,
    },
    deliveries: extra.deliveries,
    providers: extra.providers,
    testMode: extra.testMode,
    instructions: extra.instructions,
    now: Date.now(),
  };
}

// The overlay's colour is any CSS text; the page only takes a plain hex colour it can compute contrast for.
function hexColour(value: string | undefined): string | null {
  return value !== undefined && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value.trim()) ? value.trim() : null;
}
