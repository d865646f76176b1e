// @ts-check
// Orders and holds as they happen: placed, paid, expired, cancelled, offered from the waitlist.
import { api, badge, clock, countdown, el, money } from './api.js';

/**
 * @typedef {import('./api.js').LiveEvent} LiveEvent
 * @typedef {'held' | 'pending' | 'paid' | 'cancelled' | 'expired' | 'preorder'} OrderStatus
 * An order in the event log, in the data of `order.ordered` (orchestrator/commerce/order-types.ts).
 * @typedef {object} OrderSummary
 * @property {number} id the store's row id
 * @property {string} publicId what the buyer and the dashboard call it
 * @property {string} sku
 * @property {string} variant
 * @property {string} title
 * @property {number} qty
 * @property {number} totalCents
 * @property {string} currency
 * @property {string} [code]
 * @property {OrderStatus} status
 * @property {number} [holdExpiresAt]
 * @property {{ viewerId: number, identityId: number, platform: string, userId: string, name: string, channelId: string }} buyer
 * One order of GET /api/admin/orders (orchestrator/http/admin/order-query.ts).
 * @typedef {object} OrderRow
 * @property {string} id the public id
 * @property {OrderStatus} status
 * @property {number} placedAt
 * @property {string} sku
 * @property {string} variant
 * @property {string} title
 * @property {number} qty
 * @property {number} subtotalCents
 * @property {number} discountCents
 * @property {number} totalCents
 * @property {string} currency
 * @property {string | null} code
 * @property {string} platform
 * @property {string} buyer the buyer's name
 * @property {string} channelId
 * @property {number | null} holdExpiresAt
 * @property {number | null} paidAt
 * One row of the list: what the event types and the orders API have to say about an order.
 * @typedef {object} Order
 * @property {string} id
 * @property {string} status
 * @property {string} sku
 * @property {string} [title]
 * @property {number} qty
 * @property {number} [totalCents]
 * @property {string} [currency]
 * @property {number} [holdExpiresAt]
 * @property {string | null} [platform]
 * @property {string} [buyer]
 * @property {number} at
 * @typedef {HTMLLIElement & { _order?: Order }} OrderItem
 * The data of `waitlist.offered` and `order.preorder` (features/orders/orders.ts, wholesale.ts): the
 * order's public id; a preorder has its total too.
 * @typedef {{ order: string, sku: string, qty: number, totalCents?: number }} OfferData
 */

const MAX_ORDERS = 200;

/** @param {HTMLElement} list */
export function ordersList(list) {
  /** @type {Map<string, OrderItem>} */
  const rows = new Map();

  /** @param {Order} o */
  const render = (o) => {
    /** @type {OrderItem} */
    const li = rows.get(o.id) ?? el('li', { class: 'order', 'data-order': o.id });
    const held = o.status === 'held' && o.holdExpiresAt;
    li.className = `order ${o.status}`;
    li.dataset.status = o.status;
    const parts = [
      el('time', { text: clock(o.at) }),
      el('span', { class: `status ${o.status}`, text: o.status }),
      el('span', { class: 'what', text: `${o.qty}× ${o.title ?? o.sku}` }),
      o.totalCents !== undefined ? el('span', { class: 'total', text: money(o.totalCents, o.currency) }) : null,
      o.platform ? badge(o.platform) : null,
      o.buyer ? el('span', { class: 'buyer', text: o.buyer }) : null,
      el('code', { class: 'id', text: o.id }),
      held ? el('span', { class: 'hold', 'data-until': String(o.holdExpiresAt), text: countdown(held - Date.now()) }) : null,
    ];
    li.replaceChildren(...parts.filter((p) => p !== null));
    if (!rows.has(o.id)) {
      rows.set(o.id, li);
      list.prepend(li);
      while (list.children.length > MAX_ORDERS) {
        const last = /** @type {HTMLElement} */ (list.lastElementChild);
        rows.delete(/** @type {string} */ (last.dataset.order));
        last.remove();
      }
    }
    li._order = o;
  };

  /**
   * @param {string} id
   * @param {Partial<Order>} change
   */
  const update = (id, change) => {
    const li = rows.get(id);
    if (li) render({ .../** @type {Order} */ (li._order), ...change });
  };

  /**
   * An order from the event log, placed at `at`.
   * @param {OrderSummary} s
   * @param {number} at
   * @returns {Order}
   */
  const fromSummary = (s, at) => ({
    id: s.publicId,
    status: s.status,
    sku: s.sku,
    title: s.title,
    qty: s.qty,
    totalCents: s.totalCents,
    currency: s.currency,
    holdExpiresAt: s.holdExpiresAt ?? undefined,
    platform: s.buyer?.platform,
    buyer: s.buyer?.name,
    at,
  });

  /**
   * An order from the orders API.
   * @param {OrderRow} r
   * @returns {Order}
   */
  const fromRow = (r) => ({
    id: r.id,
    status: r.status,
    sku: r.sku,
    title: r.title,
    qty: r.qty,
    totalCents: r.totalCents,
    currency: r.currency,
    holdExpiresAt: r.holdExpiresAt ?? undefined,
    platform: r.platform,
    buyer: r.buyer,
    at: r.placedAt,
  });

  setInterval(() => {
    for (const span of /** @type {NodeListOf<HTMLElement>} */ (list.querySelectorAll('.hold')))
      span.textContent = countdown(Number(span.dataset.until) - Date.now());
  }, 1000);

  const load = async () => {
    const data = /** @type {{ orders: OrderRow[] } | null} */ (await api('/api/admin/orders?limit=50'));
    const orders = Array.isArray(data) ? data : (data?.orders ?? []);
    for (const o of [...orders].reverse()) render(fromRow(o));
  };
  /** @type {number | undefined} */
  let reloading;
  // Events come in bursts (a paid cart logs one per line): one read after the burst.
  const reload = () => {
    clearTimeout(reloading);
    reloading = setTimeout(() => void load().catch(() => undefined), 200);
  };

  return {
    load,
    /** @param {LiveEvent} event */
    handle(event) {
      const d = event.data;
      const offer = /** @type {OfferData} */ (d);
      if (event.type === 'order.ordered' && d.order) render(fromSummary(/** @type {OrderSummary} */ (d.order), event.at));
      // A payment or a seller's cancel settles a whole cart, whose events name the cart, not its orders: read them again.
      else if (event.type.startsWith('payment.') || event.type === 'cart.cancelled' || event.type === 'cart.refund-due' || event.type === 'cart.expired')
        reload();
      else if (event.type === 'order.expired' || event.type === 'order.cancelled') update(String(d.order), { status: event.type.slice(6) });
      else if (event.type === 'waitlist.offered')
        render({ id: offer.order, status: 'held', sku: offer.sku, qty: offer.qty, at: event.at, platform: event.platform, buyer: 'from the waitlist' });
      else if (event.type === 'order.preorder')
        render({ id: offer.order, status: 'preorder', sku: offer.sku, qty: offer.qty, totalCents: offer.totalCents, at: event.at, platform: event.platform });
    },
  };
}
