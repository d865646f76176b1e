// @ts-check
// The buyer's details form: delivery and payment choices from the cart's state, the address only
// for shipping, and the server's field errors shown beside their fields.

import { countryChoices, guessCountry } from './countries.js';
import { deliveryPrice, el } from './checkout-summary.js';
import { locale, t } from '../i18n.js';

/** @typedef {import('./checkout-types.js').CheckoutState} CheckoutState */

const form = /** @type {HTMLFormElement} */ (document.getElementById('form'));
/** The fields the server may name in its errors, in the order they appear on the page. */
const FIELDS = ['name', 'email', 'phone', 'delivery', 'line1', 'line2', 'postalCode', 'city', 'region', 'country', 'provider'];
/** Hints that stay under a field beside its error. */
const HINTS = /** @type {Record<string, string>} */ ({ email: 'reach-hint', phone: 'reach-hint' });
let built = false;

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * One radio button per choice, as a whole clickable card.
 * @param {HTMLElement} box
 * @param {string} name
 * @param {Array<{ value: string, label: string, detail: string }>} choices
 */
function radios(box, name, choices) {
  box.replaceChildren(
    ...choices.map((c, i) => {
      const label = el('label', 'choice');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = name;
      input.value = c.value;
      input.checked = i === 0;
      const text = el('span', 'choice-text');
      text.append(el('span', 'choice-label', c.label));
      if (c.detail) text.append(el('span', 'choice-detail', c.detail));
      label.append(input, text);
      return label;
    }),
  );
}

/**
 * Builds the choices once per page (a re-render keeps what the buyer typed and picked).
 * @param {CheckoutState} state
 */
export function buildForm(state) {
  if (built) return;
  built = true;
  if (state.deliveries.length > 0) {
    $('delivery-set').hidden = false;
    radios(
      $('delivery-options'),
      'delivery',
      state.deliveries.map((d) => ({
        value: d.delivery,
        label: d.delivery === 'pickup' ? t('web.checkout.pickUpAt', { place: d.place ?? '' }) : t('web.checkout.shipping'),
        detail: deliveryPrice(d, state),
      })),
    );
    const ship = state.deliveries.find((d) => d.delivery === 'ship');
    if (ship) {
      const select = /** @type {HTMLSelectElement} */ ($('country'));
      const choices = countryChoices(
        ship.rates.map((r) => r.country),
        locale,
      );
      const placeholder = new Option(t('web.checkout.choose'), '');
      select.replaceChildren(placeholder, ...choices.map((c) => new Option(c.name, c.code)));
      select.value = guessCountry(choices);
    }
  }
  if (state.providers.length > 1) {
    $('provider-set').hidden = false;
    radios(
      $('provider-options'),
      'provider',
      state.providers.map((p) => ({ value: p.name, label: p.label, detail: '' })),
    );
  }
}

/** What the buyer picked: delivery, country and provider (empty when there is no choice to make). */
export function choices() {
  const data = new FormData(form);
  return {
    delivery: String(data.get('delivery') ?? ''),
    country: String(data.get('country') ?? ''),
    provider: String(data.get('provider') ?? ''),
  };
}

/**
 * Shows the address only for shipping, and names the button after what pressing it does.
 * @param {CheckoutState} state
 */
export function updateForm(state) {
  const { delivery, provider } = choices();
  const shipping = state.deliveries.some((d) => d.delivery === 'ship') && (delivery === 'ship' || delivery === '');
  $('address').hidden = !shipping;
  const chosen = provider || state.providers[0]?.name;
  const test = chosen === 'builtin' && state.testMode;
  $('test-note').hidden = !test;
  const button = $('submit');
  button.hidden = state.providers.length === 0;
  button.textContent = t(test ? 'web.checkout.payTest' : chosen === 'builtin' ? 'web.checkout.placeOrder' : 'web.checkout.continueToPayment');
}

/** The form as the API takes it: the address only when shipping, so a hidden half-typed one is not sent. */
export function formBody() {
  /** @type {Record<string, string>} */
  const body = {};
  const shipping = !$('address').hidden;
  for (const [key, value] of new FormData(form)) {
    if (typeof value !== 'string') continue;
    const input = form.elements.namedItem(key);
    const inAddress = input instanceof HTMLElement && input.closest('#address') !== null;
    if (inAddress && !shipping) continue;
    body[key] = value.trim();
  }
  return body;
}

/**
 * The inputs an error is about: a text field, or every radio of a choice.
 * @param {string} field
 * @returns {HTMLElement[]}
 */
function inputsOf(field) {
  const found = form.elements.namedItem(field);
  if (found instanceof RadioNodeList) return /** @type {HTMLElement[]} */ ([...found]);
  return found instanceof HTMLElement ? [found] : [];
}

/** @param {string} field */
function describe(field) {
  const error = $(`${field}-error`);
  const ids = [HINTS[field], error && !error.hidden ? error.id : undefined].filter(Boolean).join(' ');
  for (const input of inputsOf(field)) {
    if (ids) input.setAttribute('aria-describedby', ids);
    else input.removeAttribute('aria-describedby');
  }
}

export function clearErrors() {
  for (const field of FIELDS) {
    const error = document.getElementById(`${field}-error`);
    if (error) {
      error.hidden = true;
      error.textContent = '';
    }
    for (const input of inputsOf(field)) input.removeAttribute('aria-invalid');
    describe(field);
  }
  $('form-error').hidden = true;
}

/**
 * Each error beside its field, tied to it for screen readers, and focus on the first one.
 * Errors about a field this page does not show go to the message above the form.
 * @param {Record<string, string>} errors
 */
export function showErrors(errors) {
  clearErrors();
  const loose = [];
  /** @type {HTMLElement | undefined} */
  let first;
  for (const [field, message] of Object.entries(errors)) {
    const error = document.getElementById(`${field}-error`);
    const inputs = inputsOf(field).filter((i) => i.offsetParent !== null);
    if (!error || inputs.length === 0) {
      loose.push(message);
      continue;
    }
    error.textContent = message;
    error.hidden = false;
    for (const input of inputs) input.setAttribute('aria-invalid', 'true');
    describe(field);
  }
  for (const field of FIELDS) {
    const inputs = inputsOf(field).filter((i) => i.getAttribute('aria-invalid') === 'true');
    const target = inputs.find((i) => i instanceof HTMLInputElement && i.checked) ?? inputs[0];
    if (target) {
      first = target;
      break;
    }
  }
  if (loose.length > 0) formError(loose.join(' '), !first);
  first?.focus();
}

/**
 * A problem with the whole form (the payment service, the network), above it.
 * @param {string} message
 * @param {boolean} focus
 */
export function formError(message, focus = true) {
  const box = $('form-error');
  box.textContent = message;
  box.hidden = false;
  if (focus) box.focus();
}

/** @param {boolean} busy */
export function setBusy(busy) {
  const button = /** @type {HTMLButtonElement} */ ($('submit'));
  button.disabled = busy;
  button.setAttribute('aria-busy', String(busy));
  form.setAttribute('aria-busy', String(busy));
}
