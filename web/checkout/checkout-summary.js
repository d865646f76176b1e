// @ts-check
// The order summary: the lines at the prices they were placed at, discounts, shipping and total.
// Amounts arrive in minor units (cents); only this file turns them into text.

/**
 * @typedef {import('./checkout-types.js').CheckoutState} CheckoutState
 * @typedef {import('./checkout-types.js').DeliveryOption} DeliveryOption
 * @typedef {import('./checkout-types.js').Line} Line
 */

/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/**
 * An amount as the buyer's browser writes money: "€27.90", "27,90 €", "¥1,200".
 * @param {number} cents in the currency's minor unit
 * @param {CheckoutState['shop']} shop
 */
export function money(cents, shop) {
  const key = `${shop.currency}/${shop.digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: shop.currency,
      minimumFractionDigits: shop.digits,
      maximumFractionDigits: shop.digits,
    });
    formats.set(key, format);
  }
  return format.format(cents / 10 ** shop.digits);
}

/**
 * What a delivery option costs, in words for its radio button.
 * @param {DeliveryOption} option
 * @param {CheckoutState} state
 */
export function deliveryPrice(option, state) {
  if (option.delivery === 'pickup') return 'free';
  const { itemsCents } = state.cart;
  if (option.freeOverCents !== undefined && itemsCents >= option.freeOverCents) return 'free for this order';
  const cents = option.rates.map((r) => r.cents);
  const low = Math.min(...cents);
  const free = option.freeOverCents !== undefined ? ` · free from ${money(option.freeOverCents, state.shop)}` : '';
  if (cents.some((c) => c !== low)) return `from ${money(low, state.shop)}, by country${free}`;
  return low === 0 ? 'free' : `${money(low, state.shop)}${free}`;
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
    const label = line.code ? `Code ${line.code}` : 'Discount';
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
  row(totals, 'Subtotal', money(cart.subtotalCents, shop));
  if (cart.discountCents > 0) row(totals, 'Discounts', `−${money(cart.discountCents, shop)}`, 'discount');
  const noShipping = state.deliveries.length === 0 && cart.shippingCents === null;
  if (!noShipping) {
    const shipping = shippingCents === null ? 'choose a country' : shippingCents === 0 ? 'free' : money(shippingCents, shop);
    row(totals, delivery === 'pickup' ? 'Pickup' : 'Shipping', shipping, shippingCents === null ? 'pending' : '');
  }
  const total = cart.totalCents ?? (shippingCents === null ? null : cart.itemsCents + shippingCents);
  row(totals, 'Total', total === null ? `${money(cart.itemsCents, shop)} + shipping` : money(total, shop), 'grand');
}
