import { textsFor, type Texts } from '../../i18n/texts.js';
import type { CartContact, Delivery } from './cart-types.js';

/** What the checkout form sends, as the buyer typed it. */
export interface CheckoutForm {
  name?: unknown;
  email?: unknown;
  phone?: unknown;
  delivery?: unknown;
  line1?: unknown;
  line2?: unknown;
  city?: unknown;
  postalCode?: unknown;
  region?: unknown;
  country?: unknown;
}

export type CheckedDetails =
  | { ok: true; contact: CartContact; delivery: Delivery }
  /** Field → what to fix, in words the page shows beside the field. */
  | { ok: false; errors: Record<string, string> };

// Control and bidi characters never belong in a name or an address label.

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{2,63}$/;
const PHONE = /^\+?[0-9 ()./-]{5,32}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

function text(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const clean = value.replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? undefined : clean.slice(0, max);
}

/**
 * Checks the buyer's details: a name, an email or a phone to reach them, and for shipping a full
 * address. Every problem is reported at once, by field, so the page can mark each one, in the
 * show's language (`texts`; English when not given).
 */
export function checkDetails(form: CheckoutForm, deliveries: readonly Delivery[], texts: Texts = textsFor('en')): CheckedDetails {
  const errors: Record<string, string> = {};
  const name = text(form.name, 100);
  const email = text(form.email, 254);
  const phone = text(form.phone, 32);
  if (!name) errors.name = texts.t('web.checkout.errorName');
  if (email !== undefined && !EMAIL.test(email)) errors.email = texts.t('web.checkout.errorEmail');
  if (phone !== undefined && !PHONE.test(phone)) errors.phone = texts.t('web.checkout.errorPhone');
  if (email === undefined && phone === undefined) errors.email = texts.t('web.checkout.errorReach');
  const asked = form.delivery === 'pickup' ? 'pickup' : form.delivery === 'ship' ? 'ship' : deliveries[0];
  const delivery: Delivery = asked ?? 'ship';
  if (deliveries.length > 0 && !deliveries.includes(delivery)) errors.delivery = texts.t('web.checkout.errorDelivery');
  const contact: CartContact = { name: name ?? '', ...(email && { email }), ...(phone && { phone }) };
  if (delivery === 'ship' && deliveries.includes('ship')) {
    const line1 = text(form.line1, 200);
    const city = text(form.city, 100);
    const postalCode = text(form.postalCode, 20);
    const country = text(form.country, 2);
    if (!line1) errors.line1 = texts.t('web.checkout.errorLine1');
    if (!city) errors.city = texts.t('web.checkout.errorCity');
    if (!postalCode) errors.postalCode = texts.t('web.checkout.errorPostalCode');
    if (!country || !COUNTRY.test(country)) errors.country = texts.t('web.checkout.errorCountry');
    const line2 = text(form.line2, 200);
    const region = text(form.region, 100);
    if (line1 && city && postalCode && country) {
      contact.address = { line1, city, postalCode, country: country.toUpperCase(), ...(line2 && { line2 }), ...(region && { region }) };
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, contact, delivery };
}
