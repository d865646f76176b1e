// Orders and holds as they happen: placed, paid, expired, cancelled, offered from the waitlist.
import { api, badge, clock, countdown, el, money } from './api.js';

const MAX_ORDERS = 200;

export function ordersList(list) {
  const rows = new Map();

  const render = (o) => {
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
      held ? el('span', { class: 'hold', 'data-until': String(o.holdExpiresAt), text: countdown(o.holdExpiresAt - Date.now()) }) : null,
    ];
    li.replaceChildren(...parts.filter(Boolean));
    if (!rows.has(o.id)) {
      rows.set(o.id, li);
      list.prepend(li);
      while (list.children.length > MAX_ORDERS) {
        const last = list.lastElementChild;
        rows.delete(last.dataset.order);
        last.remove();
      }
    }
    li._order = o;
  };

  const update = (id, change) => {
    const li = rows.get(id);
    if (li) render({ ...li._order, ...change });
  };

  // Accepts the order shapes of both the event log (OrderSummary) and the orders API.
  const fromSummary = (s, at) => ({
    id: s.publicId ?? s.id,
    status: s.status,
    sku: s.sku,
    title: s.title,
    qty: s.qty,
    totalCents: s.totalCents,
    currency: s.currency,
    holdExpiresAt: s.holdExpiresAt ?? undefined,
    platform: s.buyer?.platform ?? s.platform,
    buyer: s.buyer?.name ?? s.buyerName ?? (typeof s.buyer === 'string' ? s.buyer : undefined),
    at: s.placedAt ?? at,
  });

  setInterval(() => {
    for (const span of list.querySelectorAll('.hold')) span.textContent = countdown(Number(span.dataset.until) - Date.now());
  }, 1000);

  return {
    async load() {
      const data = await api('/api/admin/orders?limit=50');
      const orders = Array.isArray(data) ? data : (data?.orders ?? []);
      for (const o of [...orders].reverse()) render(fromSummary(o, Date.now()));
    },
    handle(event) {
      const d = event.data;
      if (event.type === 'order.ordered' && d.order) render(fromSummary(d.order, event.at));
      else if (event.type === 'payment.paid' || event.type === 'payment.duplicate') update(String(d.order), { status: 'paid' });
      else if (event.type === 'order.expired' || event.type === 'order.cancelled') update(String(d.order), { status: event.type.slice(6) });
      else if (event.type === 'waitlist.offered') render({ id: d.order, status: 'held', sku: d.sku, qty: d.qty, at: event.at, platform: event.platform, buyer: 'from the waitlist' });
      else if (event.type === 'order.preorder') render({ id: d.order, status: 'preorder', sku: d.sku, qty: d.qty, totalCents: d.totalCents, at: event.at, platform: event.platform });
    },
  };
}
