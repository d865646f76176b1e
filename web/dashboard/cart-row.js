// @ts-check
// One cart on the dashboard: who bought what, where the money stands, where the parcel stands, and
// the one or two steps the seller can take next. Pure rendering: the panel does the calls.
import { badge, clock, countdown, el, money } from './api.js';

/**
 * A cart of GET /api/admin/carts (orchestrator/http/admin/admin-cart.ts).
 * @typedef {object} AdminCart
 * @property {number} id the store's id, which the actions take
 * @property {string} publicId what the buyer and the chat call it
 * @property {'open' | 'checkout' | 'paid' | 'expired' | 'cancelled'} status
 * @property {string} currency
 * @property {{ platform: string, name: string }} buyer
 * @property {Array<{ n: number, order: string, sku: string, variant: string, title: string, qty: number, totalCents: number, status: string }>} lines
 * @property {number} itemsCents
 * @property {number | null} shippingCents
 * @property {number | null} totalCents
 * @property {'ship' | 'pickup' | null} delivery
 * @property {{ name: string, email?: string, phone?: string, address?: { line1: string, line2?: string, city: string, postalCode: string, region?: string, country: string } } | null} contact
 * @property {string | null} provider
 * @property {string | null} providerError
 * @property {number | null} holdExpiresAt
 * @property {number | null} paidAt
 * @property {'packed' | 'shipped' | 'delivered' | 'cancelled' | 'refund-due' | null} fulfilment
 * @property {string | null} tracking
 * @property {number} refundCents
 * @property {number} createdAt
 *
 * What the seller has open on a row: the tracking field of "Shipped", or the question of "Cancel".
 * @typedef {{ kind: 'ship', tracking: string } | { kind: 'cancel' }} Draft
 * @typedef {'paid' | 'packed' | 'shipped' | 'delivered' | 'cancel'} Action
 * @typedef {object} RowHandlers
 * @property {(cart: AdminCart, action: Action, tracking?: string) => void} act
 * @property {(cart: AdminCart, draft: Draft | undefined) => void} draft open, change or close a draft
 */

/** @type {Record<string, string>} */
const PROVIDER = {
  builtin: 'Test checkout',
  manual: 'Manual payment',
  stripe: 'Stripe',
  yookassa: 'YooKassa',
  telegram: 'Telegram Payments',
  webhook: 'Your shop (webhook)',
};

/** @param {string | null} name */
export const providerLabel = (name) => (name === null ? '' : (PROVIDER[name] ?? name));

/**
 * Time left on a hold: minutes and seconds while it runs out during the show, hours or days for a
 * manual payment (which may take days).
 * @param {number} ms
 */
export const timeLeft = (ms) => {
  const m = Math.max(0, Math.ceil(ms / 60_000));
  if (ms < 3_600_000) return countdown(ms);
  if (m < 48 * 60) return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h`;
};

/** @param {AdminCart} c */
const awaitingManual = (c) => c.status === 'checkout' && c.provider === 'manual';
/** @param {AdminCart} c */
const canShip = (c) => c.status === 'paid' && (c.fulfilment === null || c.fulfilment === 'packed');
/** @param {AdminCart} c the parcel is on its way, or a pickup is ready to be handed over */
const canDeliver = (c) => c.status === 'paid' && (c.fulfilment === 'shipped' || (c.delivery === 'pickup' && canShip(c)));
/** @param {AdminCart} c the server refuses a cancel once the parcel has left */
const canCancel = (c) => ['open', 'checkout', 'paid'].includes(c.status) && (c.fulfilment === null || c.fulfilment === 'packed');

/**
 * The state a seller reads first: an open cart is "held" (stock reserved, the buyer still adding),
 * "in checkout" once they gave their details and a payment is under way.
 * @param {AdminCart} c
 * @returns {[key: string, text: string]}
 */
function statusOf(c) {
  if (c.status === 'open') return ['held', 'held'];
  if (c.status === 'checkout') return ['checkout', awaitingManual(c) ? 'awaiting payment' : 'in checkout'];
  return [c.status, c.status];
}

/** @param {AdminCart} c */
function fulfilmentText(c) {
  if (c.fulfilment === 'refund-due') return `refund due ${money(c.refundCents, c.currency)}`;
  // The status already says so.
  if (c.fulfilment === 'cancelled') return '';
  if (c.fulfilment) return c.fulfilment;
  return c.status === 'paid' ? 'to pack' : '';
}

/** @param {string} tracking a carrier's link when it is one (only http and https), else the number as text */
function trackingNode(tracking) {
  const link = /^https?:\/\/\S+$/i.test(tracking);
  return link
    ? el('a', { class: 'tracking', href: tracking, target: '_blank', rel: 'noopener noreferrer', text: tracking })
    : el('span', { class: 'tracking', text: tracking });
}

/** @param {AdminCart} c */
function shipTo(c) {
  if (c.delivery === 'pickup') return 'pickup';
  const a = c.contact?.address;
  return a ? `ship to ${a.city}, ${a.country}` : '';
}

/**
 * @param {AdminCart} c
 * @param {Draft | undefined} draft
 * @param {RowHandlers} on
 */
function actions(c, draft, on) {
  /**
   * @param {string} text
   * @param {string} name
   * @param {() => void} click
   * @param {string} [kind]
   */
  const button = (text, name, click, kind = '') => el('button', { type: 'button', class: kind, 'data-action': name, text, onclick: click });
  /** Escape closes an open form, as a dialog would. @param {Event} ev */
  const escape = (ev) => {
    if (/** @type {KeyboardEvent} */ (ev).key === 'Escape') on.draft(c, undefined);
  };
  if (draft?.kind === 'ship') {
    const input = el('input', {
      class: 'grow',
      name: 'tracking',
      value: draft.tracking,
      maxlength: '500',
      placeholder: 'Tracking number or URL',
      'aria-label': `Tracking number or URL for ${c.publicId}`,
      oninput: (ev) => on.draft(c, { kind: 'ship', tracking: /** @type {HTMLInputElement} */ (ev.target).value }),
    });
    const form = el(
      'form',
      {
        class: 'inline ship',
        onkeydown: escape,
        onsubmit: (ev) => {
          ev.preventDefault();
          on.act(c, 'shipped', input.value.trim());
        },
      },
      input,
      el('button', { type: 'submit', 'data-action': 'confirm-ship', text: 'Mark shipped' }),
      button('Back', 'back', () => on.draft(c, undefined), 'quiet'),
    );
    return form;
  }
  if (draft?.kind === 'cancel') {
    const refund = c.status === 'paid' ? ` A refund of ${money(c.totalCents ?? c.itemsCents, c.currency)} will be due to the buyer.` : '';
    return el(
      'div',
      { class: 'inline cancel', role: 'group', 'aria-label': `Cancel ${c.publicId}?`, onkeydown: escape },
      el('span', { class: 'question', text: `Cancel ${c.publicId}? The items go back to stock.${refund}` }),
      button(c.status === 'paid' ? 'Cancel, refund due' : 'Yes, cancel', 'confirm-cancel', () => on.act(c, 'cancel'), 'danger'),
      button('Keep', 'keep', () => on.draft(c, undefined), 'quiet'),
    );
  }
  const list = [
    awaitingManual(c) ? button('Mark paid', 'paid', () => on.act(c, 'paid')) : null,
    c.status === 'paid' && c.fulfilment === null ? button('Packed', 'packed', () => on.act(c, 'packed')) : null,
    // A pickup has no parcel to track: handing it over is "delivered".
    canShip(c) && c.delivery !== 'pickup' ? button('Shipped…', 'shipped', () => on.draft(c, { kind: 'ship', tracking: '' })) : null,
    canDeliver(c) ? button(c.delivery === 'pickup' ? 'Picked up' : 'Delivered', 'delivered', () => on.act(c, 'delivered')) : null,
    canCancel(c) ? button('Cancel…', 'cancel', () => on.draft(c, { kind: 'cancel' }), 'quiet') : null,
  ];
  return el('div', { class: 'actions' }, ...list);
}

/**
 * The row of one cart; `draft` is what the seller has open on it (kept by the panel across refreshes).
 * @param {AdminCart} c
 * @param {Draft | undefined} draft
 * @param {RowHandlers} on
 */
export function cartRow(c, draft, on) {
  const [key, text] = statusOf(c);
  const until = (c.status === 'open' || c.status === 'checkout') && c.holdExpiresAt ? c.holdExpiresAt : undefined;
  const total = c.totalCents ?? c.itemsCents;
  const showError = c.providerError && (c.status === 'open' || c.status === 'checkout');
  const provider = providerLabel(c.provider);
  const error = c.providerError ?? '';
  // The provider's own message may not name it ("timed out"): say whose it was.
  const whose = provider && !error.toLowerCase().includes(provider.toLowerCase()) ? `${provider}: ` : '';
  const errorText = `${whose}${error} — the buyer was told to retry`;
  // An ended cart's lines went back to stock: what it held no longer counts, nor its total.
  const released = c.lines.length === 0;
  return el(
    'li',
    { class: `cart ${key}`, 'data-cart': c.publicId, 'data-status': key, 'data-fulfilment': c.fulfilment ?? '' },
    el(
      'div',
      { class: 'who' },
      el('code', { class: 'id', text: c.publicId }),
      badge(c.buyer.platform),
      el('span', { class: 'buyer', text: c.contact?.name && c.contact.name !== c.buyer.name ? `${c.buyer.name} (${c.contact.name})` : c.buyer.name }),
    ),
    el(
      'ul',
      { class: 'lines' },
      ...c.lines.map((l) => el('li', { text: `${l.qty}× ${l.title}${l.variant ? ` (${l.variant})` : ''}` })),
      released ? el('li', { class: 'muted', text: 'items back in stock' }) : null,
    ),
    el(
      'div',
      { class: 'money' },
      released ? null : el('span', { class: 'total', text: money(total, c.currency) }),
      c.shippingCents ? el('span', { class: 'muted shipping', text: `incl. ${money(c.shippingCents, c.currency)} shipping` }) : null,
      c.status === 'open' && c.lines.length > 0 ? el('span', { class: 'muted', text: 'items, before shipping' }) : null,
    ),
    el(
      'div',
      { class: 'state' },
      el('span', { class: `status ${key}`, text }),
      until ? el('span', { class: 'hold', 'data-until': String(until), title: 'Time left on the hold', text: timeLeft(until - Date.now()) }) : null,
      c.paidAt ? el('time', { class: 'muted', text: `paid ${clock(c.paidAt)}` }) : null,
      provider ? el('span', { class: 'provider muted', text: provider }) : null,
    ),
    el(
      'div',
      { class: 'fulfil' },
      el('span', { class: `step ${c.fulfilment ?? ''}`, text: fulfilmentText(c) }),
      el('span', { class: 'muted', text: shipTo(c) }),
      c.tracking ? trackingNode(c.tracking) : null,
      // Money owed back without a cancel: a second payment, a late one, or lines sold out before it arrived.
      c.refundCents > 0 && c.fulfilment !== 'refund-due' ? el('span', { class: 'refund', text: `refund due ${money(c.refundCents, c.currency)}` }) : null,
    ),
    showError ? el('p', { class: 'provider-error', text: errorText }) : null,
    actions(c, draft, on),
  );
}
