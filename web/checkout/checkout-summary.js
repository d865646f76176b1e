// @ts-check
// The order summary: the lines at the prices they were placed at, discounts, shipping and total.
// Amounts arrive in minor units (cents); only this file turns them into text.

/**
 * @typedef {import('./checkout-types.js').CheckoutState} CheckoutState
 * @typedef {import('./checkout-types.js').DeliveryOption} DeliveryOption
 * @typedef {import('./checkout-types.js').Line} Line
 */

import { locale, t } from '../i18n.js';
import { money as formatMoney } from '../money.js';

/**
 * An amount as the show writes money, the figure the chat and the viewer page say: "€27.90",
 * "2 490 ₽", "¥1,200".
 * @param {number} cents in the currency's minor unit
 * @param {CheckoutState['shop']} shop
 */
export function money(cents, shop) {
  return formatMoney(cents, shop.currency, { locale, narrow: true });
}

/**
 * What a delivery option costs, in words for its radio button.
 * @param {DeliveryOption} option
 * @param {CheckoutState} state
 */
export function deliveryPrice(option, state) {
  if (option.delivery === 'pickup') return t('web.checkout.free');
  const { itemsCents } = state.cart;
  if (option.freeOverCents !== undefined && itemsCents >= option.freeOverCents) return t('web.checkout.freeForOrder');
  const cents = option.rates.map((r) => r.cents);
  const low = Math.min(...cents);
  /** @param {string} price */
  const free = (price) =>
    option.freeOverCents !== undefined ? t('web.checkout.withFreeFrom', { price, amount: money(option.freeOverCents, state.shop) }) : price;
  if (cents.some((c) => c !== low)) return free(t('web.checkout.fromByCountry', { price: money(low, state.shop) }));
  return low === 0 ? t('web.checkout.free') : free(money(low, state.shop));
}

/**
 * Shipping for the choice on the form, as the server will fix it (shipping.ts): null while a
 * country still decides it. Once the cart is checked out, the server's figure is the one.
 * @param {CheckoutState} state
 * @param {{ delivery: string, country: string }} choice
 * @returns {number | null}
 */
export function shippingPreview(state, choice) {
  if (state.cart.shippingCents !== null) return state.cart.shippingCents;
  const option = state.deliveries.find((d) => d.delivery === choice.delivery) ?? state.deliveries[0];
  if (!option || option.delivery === 'pickup') return 0;
  if (option.freeOverCents !== undefined && state.cart.itemsCents >= option.freeOverCents) return 0;
  const rate = option.rates.find((r) => r.country === choice.country) ?? option.rates.find((r) => r.country === '*');
  if (rate) return rate.cents;
  return option.rates.length === 1 ? (option.rates[0]?.cents ?? null) : null;
}

/**
 * @param {string} tag
 * @param {string} [cls]
 * @param {string} [text]
 */
export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {Line} line
 * @param {CheckoutState['shop']} shop
 */
function lineItem(line, shop) {
  const li = el('li', 'line');
  const what = el('div', 'line-what');
  what.append(el('span', 'line-title', line.title));
  if (line.variant) what.append(el('span', 'line-variant', line.variant));
  what.append(el('span', 'line-qty', `${line.qty} × ${money(line.unitCents, shop)}`));
  li.append(what, el('span', 'amount', money(line.subtotalCents, shop)));
  if (line.discountCents > 0) {
    const label = line.code ? t('web.checkout.code', { code: line.code }) : t('web.checkout.discount');
    li.append(el('span', 'line-discount', label), el('span', 'amount line-discount', `−${money(line.discountCents, shop)}`));
  }
  return li;
}

/**
 * @param {HTMLElement} list
 * @param {string} label
 * @param {string} value
 * @param {string} [cls]
 */
function row(list, label, value, cls = '') {
  const wrap = el('div', `total-row ${cls}`.trim());
  wrap.append(el('dt', '', label), el('dd', 'amount', value));
  list.append(wrap);
}

/**
 * Fills the summary: every line, then subtotal, discounts, shipping and total.
 * @param {CheckoutState} state
 * @param {number | null} shippingCents null: not known until a country is chosen
 * @param {string} delivery what the form (or, once checked out, the cart) says
 */
export function renderSummary(state, shippingCents, delivery) {
  const { cart, shop } = state;
  const lines = /** @type {HTMLElement} */ (document.getElementById('lines'));
  const totals = /** @type {HTMLElement} */ (document.getElementById('totals'));
  lines.replaceChildren(...cart.lines.map((l) => lineItem(l, shop)));
  totals.replaceChildren();
  row(totals, t('web.checkout.subtotal'), money(cart.subtotalCents, shop));
  if (cart.discountCents > 0) row(totals, t('web.checkout.discounts'), `−${money(cart.discountCents, shop)}`, 'discount');
  const noShipping = state.deliveries.length === 0 && cart.shippingCents === null;
  if (!noShipping) {
    const shipping = shippingCents === null ? t('web.checkout.chooseCountry') : shippingCents === 0 ? t('web.checkout.free') : money(shippingCents, shop);
    row(totals, t(delivery === 'pickup' ? 'web.checkout.pickup' : 'web.checkout.shipping'), shipping, shippingCents === null ? 'pending' : '');
  }
  const total = cart.totalCents ?? (shippingCents === null ? null : cart.itemsCents + shippingCents);
  const grand = total === null ? t('web.checkout.plusShipping', { amount: money(cart.itemsCents, shop) }) : money(total, shop);
  row(totals, t('web.checkout.total'), grand, 'grand');
}
