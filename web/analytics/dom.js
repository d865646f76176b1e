// @ts-check
// The analytics page's DOM helpers: elements, SVG, tables and number formats (no markup strings, no inline code: the CSP).

const SVG = 'http://www.w3.org/2000/svg';

/**
 * One of this page's elements; every id asked for is in analytics/index.html.
 * @param {string} id
 */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {...(Node | string | number)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 */
export function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export { money } from '../money.js';

/** @param {number | null | undefined} rate */
export const pct = (rate) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10}%`);

/**
 * A time on the show clock; before going live it is negative ("−1:05").
 * @param {number} seconds
 */
export const clock = (seconds) => {
  const s = Math.abs(Math.round(seconds));
  return `${seconds < 0 ? '−' : ''}${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * A table from rows; columns are [heading, value-of-row, numeric?]. With no rows, `empty` says what is missing.
 * @template T
 * @param {T[]} rows
 * @param {Array<[string, (row: T) => string | number | null, number?]>} columns
 * @param {string} empty
 */
export function table(rows, columns, empty) {
  if (rows.length === 0) return el('p', { class: 'empty' }, empty);
  const head = el('tr', {}, ...columns.map(([h, , num]) => el('th', num ? { class: 'num' } : {}, h)));
  const body = rows.map((r) => el('tr', {}, ...columns.map(([, get, num]) => el('td', num ? { class: 'num' } : {}, get(r) ?? ''))));
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...body));
}

/**
 * @param {string} id
 * @param {Node} node
 */
export function put(id, node) {
  $(id).replaceChildren(node);
}
