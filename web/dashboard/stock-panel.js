// @ts-check
// Stock per product and variant, with a restock box: added units go to the waitlist first, as the server decides.
import { api, el } from './api.js';

/**
 * GET /api/admin/stock (orchestrator/commerce/stock-levels.ts).
 * @typedef {{ sku: string, variant: string, title: string, available: number, held: number, sold: number, waiting: number }} StockLevel
 */

/** Event types after which stock may have moved. */
const MOVES = /^(order|cart|payment|waitlist|stock)\./;

/**
 * @param {HTMLElement} body the table body
 * @param {(text: string, bad?: boolean) => void} notify
 */
export function stockPanel(body, notify) {
  /** @type {number | undefined} */
  let timer;

  /** @param {StockLevel[]} stock */
  const render = (stock) => {
    body.replaceChildren(
      ...stock.map((s) => {
        const name = s.variant ? `${s.title} · ${s.variant}` : s.title;
        const input = el('input', { type: 'number', min: '1', max: '100000', value: '1', 'aria-label': `Units of ${name} to add` });
        const restock = async () => {
          const qty = Number(input.value);
          if (!Number.isInteger(qty) || qty < 1) return notify('Restock a whole number of units, 1 or more.', true);
          try {
            const res = /** @type {{ offered: string[], stock: StockLevel[] }} */ (
              await api('/api/admin/stock/restock', { sku: s.sku, variant: s.variant, qty })
            );
            render(res.stock);
            notify(`Added ${qty} × ${name}${res.offered.length ? `; offered to ${res.offered.length} waiting` : ''}`);
          } catch (err) {
            notify(`Restock failed: ${/** @type {Error} */ (err).message}`, true);
          }
        };
        return el(
          'tr',
          { 'data-sku': s.sku, 'data-variant': s.variant },
          el('th', { scope: 'row', text: name }),
          // data-label names the figure where a phone shows the row as a card without the table's header.
          // `stock: unlimited` is stored as a billion units: a count nobody needs to read.
          el('td', { class: 'available', 'data-label': 'Available', text: s.available > 500_000_000 ? '∞' : String(s.available) }),
          el('td', { class: 'held', 'data-label': 'Held', text: String(s.held) }),
          el('td', { class: 'sold', 'data-label': 'Sold', text: String(s.sold) }),
          el('td', { class: 'waiting', 'data-label': 'Waiting', text: String(s.waiting) }),
          el('td', { class: 'restock' }, input, el('button', { type: 'button', class: 'quiet', text: 'Restock', onclick: restock })),
        );
      }),
    );
  };

  const load = async () => render(/** @type {{ stock: StockLevel[] }} */ (await api('/api/admin/stock')).stock);

  return {
    load,
    /** @param {import('./api.js').LiveEvent} event */
    handle(event) {
      // A buy storm moves stock many times a second: one read per second is plenty.
      if (!MOVES.test(event.type) || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        load().catch(() => undefined);
      }, 1000);
    },
  };
}
