// @ts-check
// Products ranked twice: by the money they brought in and by units sold. A product that sells
// many cheap units and one that sells a few dear ones are both "best", for different decisions.
import { el, money } from './dom.js';

/** @typedef {{ sku: string, title: string, units: number, paid: Record<string, number> }} RankedProduct */

/**
 * One ranked list with a bar per product, longest first.
 * @param {string} kind `revenue` or `units` (the CSS colours the bars)
 * @param {Array<{ label: string, value: number, text: string }>} rows
 */
function ranking(kind, rows) {
  const shown = [...rows].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const top = Math.max(1, ...shown.map((r) => r.value));
  return el(
    'ol',
    { class: `rank ${kind}` },
    ...shown.map((r) => {
      const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
      // CSSOM, not a style attribute: the page's CSP forbids inline styles
      bar.style.width = `${Math.round((r.value / top) * 100)}%`;
      return el('li', { 'data-product': r.label }, el('span', { class: 'name' }, r.label), bar, el('span', { class: 'figure' }, r.text));
    }),
  );
}

/**
 * Both rankings, or one sentence when nothing was sold. Revenue is ranked in the currency most of
 * the money came in; amounts in other currencies are listed beside it, never added to it.
 * @param {RankedProduct[]} products
 * @param {string} emptyText
 */
export function productRankings(products, emptyText) {
  const sold = products.filter((p) => p.units > 0 || Object.values(p.paid).some((c) => c > 0));
  if (sold.length === 0) return el('p', { class: 'empty' }, emptyText);
  /** @type {Map<string, number>} */
  const totals = new Map();
  for (const p of sold) for (const [cur, c] of Object.entries(p.paid)) totals.set(cur, (totals.get(cur) ?? 0) + c);
  const main = [...totals].sort((a, b) => b[1] - a[1])[0]?.[0];
  const name = (/** @type {RankedProduct} */ p) => (p.title === p.sku ? p.sku : `${p.title} (${p.sku})`);
  const paidText = (/** @type {RankedProduct} */ p) =>
    Object.entries(p.paid)
      .filter(([, c]) => c > 0)
      .sort(([a], [b]) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b)))
      .map(([cur, c]) => money(c, cur))
      .join(' + ') || 'nothing paid yet';
  // sold but unpaid (held, awaiting payment) and other-currency products stay listed, at the bottom
  const byRevenue = ranking(
    'revenue',
    sold.map((p) => ({ label: name(p), value: main ? (p.paid[main] ?? 0) : 0, text: paidText(p) })),
  );
  const byUnits = ranking(
    'units',
    sold.map((p) => ({ label: name(p), value: p.units, text: `${p.units} ${p.units === 1 ? 'unit' : 'units'}` })),
  );
  return el('div', { class: 'rankings' }, el('div', {}, el('h3', {}, 'By revenue (paid)'), byRevenue), el('div', {}, el('h3', {}, 'By units sold'), byUnits));
}
