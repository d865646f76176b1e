import type { ShippingConfig } from '../../../config/schema/checkout.js';
import { toMinor } from '../money.js';
import type { Delivery } from './cart-types.js';

export type ShippingQuote = { ok: true; cents: number } | { ok: false; reason: string };

/** A way to get the parcel, as the checkout page offers it. */
export interface DeliveryOption {
  delivery: Delivery;
  /** Shipping for each country the show names ("*": every other); pickup has one price, 0. */
  rates: Array<{ country: string; cents: number }>;
  /** Carts of at least this much ship free. */
  freeOverCents: number | undefined;
  label: string;
}

/**
 * What a cart pays to get its items: charged once per cart, free for pickup and over `freeOver`,
 * a country's rate when the show names one (or "*" for the rest), else the flat rate. A show
 * without shipping ships nothing and charges nothing.
 */
export function shippingFor(
  config: ShippingConfig | undefined,
  itemsCents: number,
  delivery: Delivery,
  country: string | undefined,
  currency: string,
): ShippingQuote {
  if (!config) return { ok: true, cents: 0 };
  if (delivery === 'pickup') return config.pickup !== undefined ? { ok: true, cents: 0 } : { ok: false, reason: 'This show has no pickup; choose shipping.' };
  if (!config.ship) return { ok: false, reason: 'This show ships nothing; choose pickup.' };
  let rate = config.flat;
  if (config.countries) {
    const code = (country ?? '').toUpperCase();
    const own = config.countries[code] ?? config.countries['*'];
    if (own === undefined)
      return {
        ok: false,
        reason: `We do not ship to ${code || 'that country'}; ${config.pickup !== undefined ? 'choose pickup or ' : ''}write to the seller.`,
      };
    rate = own;
  }
  if (config.freeOver !== undefined && itemsCents >= toMinor(config.freeOver, currency)) return { ok: true, cents: 0 };
  return { ok: true, cents: toMinor(rate, currency) };
}

/** The delivery choices a show offers, with their prices in minor units. */
export function deliveryOptions(config: ShippingConfig | undefined, currency: string): DeliveryOption[] {
  if (!config) return [];
  const options: DeliveryOption[] = [];
  const freeOverCents = config.freeOver !== undefined ? toMinor(config.freeOver, currency) : undefined;
  if (config.ship) {
    const rates = config.countries
      ? Object.entries(config.countries).map(([country, rate]) => ({ country, cents: toMinor(rate, currency) }))
      : [{ country: '*', cents: toMinor(config.flat, currency) }];
    options.push({ delivery: 'ship', rates, freeOverCents, label: 'Shipping' });
  }
  if (config.pickup !== undefined)
    options.push({ delivery: 'pickup', rates: [{ country: '*', cents: 0 }], freeOverCents: undefined, label: `Pickup: ${config.pickup}` });
  return options;
}
