// @ts-check
// The buyer's checkout page /c/<token>: what is in the cart, the details form, then whatever the
// payment provider does next. The cart's status on the server decides which view shows.

import { buildForm, choices, clearErrors, formBody, formError, setBusy, showErrors, updateForm } from './checkout-form.js';
import { el, money, renderSummary, shippingPreview } from './checkout-summary.js';
import { applyAccent, startHold, stopHold } from './checkout-hold.js';
import { locale, t } from '../i18n.js';

/**
 * @typedef {import('./checkout-types.js').CheckoutState} CheckoutState
 * @typedef {import('./checkout-types.js').SubmitAnswer} SubmitAnswer
 */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const token = location.pathname.split('/').filter(Boolean)[1] ?? '';
const api = `/api/checkout/${encodeURIComponent(token)}`;
const form = /** @type {HTMLFormElement} */ ($('form'));
/** @type {CheckoutState | undefined} */
let current;
/** What the last answer said beyond the state (a Telegram invoice went out). */
let sentToTelegram = false;
/** @type {number | undefined} */
let poll;

/**
 * @param {string} title
 * @param {string} text
 * @param {string} [more]
 */
function message(title, text, more = '') {
  $('title').textContent = title;
  $('message-where').textContent = current ? whereTo(current) : '';
  $('message-text').textContent = text;
  $('message-more').textContent = more;
  $('message-more').hidden = more === '';
  $('view-message').hidden = false;
}

/**
 * Where the parcel goes, as the buyer gave it: enough to spot a mistake, before or after paying.
 * @param {CheckoutState} state
 */
function whereTo(state) {
  const { delivery, shipTo } = state.cart;
  if (delivery === 'pickup') {
    const place = state.deliveries.find((d) => d.delivery === 'pickup')?.place;
    return place ? t('web.checkout.pickUpAtPlace', { place }) : '';
  }
  if (!shipTo?.city) return '';
  const country = shipTo.country ? new Intl.DisplayNames([locale, 'en'], { type: 'region' }).of(shipTo.country) : '';
  return t('web.checkout.shipsTo', { where: [shipTo.name, shipTo.city, country].filter(Boolean).join(', ') });
}

/** @param {CheckoutState} state */
function ended(state) {
  const { status, holdExpiresAt, lines } = state.cart;
  if (status === 'expired' || status === 'cancelled') return true;
  if (status !== 'open' && status !== 'checkout') return false;
  // The server's timer may lag a moment behind the hold; the page does not offer what it would refuse.
  return lines.length === 0 || (holdExpiresAt !== null && holdExpiresAt <= state.now);
}

const BUY_AGAIN = t('web.checkout.buyAgain');

/** @param {CheckoutState} state */
function renderEnded(state) {
  const { status, lines } = state.cart;
  if (status === 'cancelled') message(t('web.checkout.cancelledTitle'), t('web.checkout.cancelledText'), BUY_AGAIN);
  else if (lines.length === 0 && status === 'open') message(t('web.checkout.emptyTitle'), t('web.checkout.emptyText'), BUY_AGAIN);
  else message(t('web.checkout.endedTitle'), t('web.checkout.endedText'), BUY_AGAIN);
  $('message-where').textContent = '';
}

const FULFILMENT = {
  packed: t('web.checkout.packed'),
  shipped: t('web.checkout.shipped'),
  delivered: t('web.checkout.delivered'),
  cancelled: t('web.checkout.sellerCancelled'),
  'refund-due': t('web.checkout.refundDue'),
};

/** @param {CheckoutState} state */
function renderPaid(state) {
  const { cart } = state;
  const pickup = cart.delivery === 'pickup';
  // Once it has left (or will not), the status below says what happened instead of a promise.
  const waiting = cart.fulfilment === null || cart.fulfilment === 'packed';
  const promise = t(pickup ? 'web.checkout.promisePickup' : 'web.checkout.promiseShip');
  message(t('web.checkout.thankYou'), t('web.checkout.paid', { id: cart.id }), waiting ? promise : '');
  const box = $('fulfilment');
  box.replaceChildren();
  if (cart.fulfilment) box.append(el('strong', '', t('web.checkout.status')), FULFILMENT[cart.fulfilment]);
  if (cart.tracking) {
    box.append(' ');
    if (/^https?:\/\//i.test(cart.tracking)) {
      const a = /** @type {HTMLAnchorElement} */ (el('a', '', t('web.checkout.track')));
      a.href = cart.tracking;
      a.rel = 'noopener noreferrer';
      box.append(a);
    } else box.append(t('web.checkout.trackingNumber', { tracking: cart.tracking }));
  }
  if (cart.refundCents > 0) box.append(` ${t('web.checkout.refundOwed', { amount: money(cart.refundCents, state.shop) })}`);
  box.hidden = box.childNodes.length === 0;
}

/** @param {CheckoutState} state */
function renderUnderWay(state) {
  const { cart } = state;
  const total = money(cart.totalCents ?? cart.itemsCents, state.shop);
  if (cart.provider === 'manual') {
    message(t('web.checkout.payTheSeller'), t('web.checkout.reservedPay', { id: cart.id, total }), t('web.checkout.sellerConfirms'));
    $('instructions').textContent = state.instructions ?? t('web.checkout.sellerWillTell');
    $('instructions-box').hidden = false;
  } else if (cart.provider === 'telegram' || sentToTelegram) {
    message(t('web.checkout.payInTelegram'), t('web.checkout.invoiceInTelegram'), t('web.checkout.payThere', { total }));
  } else {
    message(t('web.checkout.underWay'), t('web.checkout.finishPaying', { total }), t('web.checkout.onceConfirmed'));
    // The provider's webhook, not the buyer's return, settles the cart: look again now and then.
    poll ??= window.setInterval(() => void load(), 5000);
  }
  $('back').hidden = false;
}

/** The summary and totals for what the form says now. */
function refreshTotals() {
  if (!current) return;
  const choice = choices();
  updateForm(current);
  renderSummary(current, shippingPreview(current, choice), current.cart.delivery ?? choice.delivery);
  // The label follows the test provider: picked on the form, or the one the cart went through.
  const provider = form.hidden ? current.cart.provider : choice.provider || current.providers[0]?.name;
  $('test-banner').hidden = ended(current) || !current.testMode || provider !== 'builtin';
}

/**
 * Shows the view the cart's status calls for.
 * @param {CheckoutState} state
 * @param {{ focus?: boolean }} [options] move focus to the heading (the view changed under the buyer)
 */
function render(state, options = {}) {
  const before = current?.cart.status;
  current = state;
  applyAccent(state.shop.accent);
  $('shop-name').textContent = state.shop.name;
  const isEnded = ended(state);
  for (const id of ['loading', 'view-message', 'instructions-box', 'fulfilment', 'back']) $(id).hidden = true;
  $('message-where').textContent = '';
  form.hidden = true;
  $('summary').hidden = false;
  if (state.cart.status !== 'checkout' && poll !== undefined) {
    window.clearInterval(poll);
    poll = undefined;
  }

  if (isEnded) renderEnded(state);
  else if (state.cart.status === 'paid') renderPaid(state);
  else if (state.cart.status === 'checkout' && !state.cart.providerError) renderUnderWay(state);
  else {
    $('title').textContent = t('web.checkout.checkout');
    buildForm(state);
    form.hidden = false;
    if (state.cart.providerError && state.cart.status === 'checkout') formError(t('web.checkout.providerNoAnswer'), false);
  }
  // An ended cart has no lines left to show: they went back on sale.
  $('summary').hidden = isEnded;
  refreshTotals();
  if (state.cart.status === 'open' || state.cart.status === 'checkout') startHold(state, isEnded, () => void load({ focus: true }));
  else stopHold();
  document.title = `${$('title').textContent} · ${state.shop.name}`;
  $('main').setAttribute('aria-busy', 'false');
  if (options.focus || (before !== undefined && before !== state.cart.status)) $('title').focus();
}

/** @param {{ focus?: boolean }} [options] */
async function load(options = {}) {
  try {
    const res = await fetch(api, { headers: { accept: 'application/json' } });
    if (res.status === 404) return void location.reload(); // the server shows its not-found page
    if (!res.ok) throw new Error(String(res.status));
    render(/** @type {CheckoutState} */ (await res.json()), options);
  } catch {
    if (!current) {
      $('loading').textContent = t('web.checkout.couldNotLoad');
      $('loading').setAttribute('role', 'alert');
    }
  }
}

/** @param {string | undefined} url */
function safeRedirect(url) {
  if (url && /^https?:\/\//i.test(url)) location.href = url;
  else formError(t('web.checkout.couldNotOpenPayment'));
}

form.addEventListener('change', refreshTotals);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});

async function submit() {
  clearErrors();
  setBusy(true);
  try {
    const res = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(formBody()) });
    const answer = /** @type {SubmitAnswer} */ (await res.json().catch(() => ({ error: t('web.checkout.badAnswer') })));
    if (res.status === 429) return formError(t('web.checkout.tooMany'));
    if (res.status === 404) return void location.reload();
    if ('errors' in answer) return showErrors(answer.errors);
    if ('error' in answer) return formError(answer.error);
    if (answer.status === 'failed') return formError(answer.message);
    if (answer.status === 'redirect') return safeRedirect(answer.url);
    sentToTelegram = answer.status === 'sent';
    render(answer.state, { focus: true });
    if (answer.status === 'instructions') $('instructions').textContent = answer.text;
  } catch {
    formError(t('web.checkout.unreachable'));
  } finally {
    setBusy(false);
  }
}

$('back').addEventListener('click', async () => {
  const res = await fetch(`${api}/back`, { method: 'POST' }).catch(() => undefined);
  if (!res?.ok) return void load({ focus: true });
  sentToTelegram = false;
  render(/** @type {{ state: CheckoutState }} */ (await res.json()).state, { focus: true });
});

void load();
