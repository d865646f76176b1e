import type { ShippingConfig } from '../../../config/schema/checkout.js';
import { textsFor, type Texts } from '../../i18n/texts.js';
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
  /** Where to pick up (pickup only): the page words it in its own language. */
  place?: string;
}

/**
 * What a cart pays to get its items: charged once per cart, free for pickup and over `freeOver`,
 * a country's rate when the show names one (or "*" for the rest), else the flat rate. A show
 * without shipping ships nothing and charges nothing. Why not, in the show's language (`texts`;
 * English when not given).
 */
export function shippingFor(
  config: ShippingConfig | undefined,
  itemsCents: number,
  delivery: Delivery,
  country: string | undefined,
  currency: string,
  texts: Texts = textsFor('en'),
): ShippingQuote {
  if (!config) return { ok: true, cents: 0 };
  if (delivery === 'pickup') return config.pickup !== undefined ? { ok: true, cents: 0 } : { ok: false, reason: texts.t('web.checkout.noPickup') };
  if (!config.ship) return { ok: false, reason: texts.t('web.checkout.shipsNothing') };
  let rate = config.flat;
  if (config.countries) {
    const code = (country ?? '').toUpperCase();
    const own = config.countries[code] ?? config.countries['*'];
    if (own === undefined) {
      const where = code || texts.t('web.checkout.thatCountry');
      return { ok: false, reason: texts.t(config.pickup !== undefined ? 'web.checkout.noShipToPickup' : 'web.checkout.noShipTo', { country: where }) };
    }
    rate = own;
  }
  if (config.freeOver !== undefined && itemsCents >= toMinor(config.freeOver, currency)) return { ok: true, cents: 0 };
  return { ok: true, cents: toMinor(rate, currency) };
}

/** The delivery choices a show offers, with their prices in minor units, labelled in the show's language (`texts`; English when not given). */
export function deliveryOptions(config: ShippingConfig | undefined, currency: string, texts: Texts = textsFor('en')): DeliveryOption[] {
  if (!config) return [];
  const options: DeliveryOption[] = [];
  const freeOverCents = config.freeOver !== undefined ? toMinor(config.freeOver, currency) : undefined;
  if (config.ship) {
    const rates = config.countries
      ? Object.entries(config.countries).map(([country, rate]) => ({ country, cents: toMinor(rate, currency) }))
      : [{ country: '*', cents: toMinor(config.flat, currency) }];
    options.push({ delivery: 'ship', rates, freeOverCents, label: texts.t('web.checkout.shipping') });
  }
  if (config.pickup !== undefined)
    options.push({
      delivery: 'pickup',
      rates: [{ country: '*', cents: 0 }],
      freeOverCents: undefined,
      label: texts.t('web.checkout.pickupLabel', { place: config.pickup }),
      place: config.pickup,
    });
  return options;
}
