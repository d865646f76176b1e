// @ts-check
// What every overlay widget shares: the feed's types, element helpers, countdowns and product pictures.

/**
 * The feed of GET /api/overlay/live (orchestrator/http/live/overlay-view.ts, overlay-live.ts).
 * @typedef {'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'} Position
 * @typedef {{ position: Position, font: string, colors: { text: string, background: string, accent: string }, alertSound?: string }} Theme
 * @typedef {{ sku: string, title: string, price: string, priceCents: number, currency: string, image: string | null }} Product
 * @typedef {object} Poll
 * @property {string} id
 * @property {string} question
 * @property {Array<{ label: string, votes: number }>} options
 * @property {number} total distinct viewers who voted
 * @property {'open' | 'closed'} state
 * @property {number} startedAt
 * @property {number} endsAt
 * @property {number[]} leaders indexes of the leading options, more than one on a tie
 * @property {Record<string, number>} byPlatform
 * @typedef {{ id: string, keyword: string, count: number, goal: number, reached: boolean }} Unlock
 * @typedef {{ id: string, sku: string, title: string, price: string, endsAt: number }} FlashSale
 * @typedef {{ kind: 'drop' | 'unlock', id: string, code: string, at: number, expiresAt: number }} Code
 * @typedef {{ at: number, text: string, title: string, buyers: string[], sku?: string, image?: string | null }} Alert
 * @typedef {{ key: string, title: string, state: 'open' | 'paused', price: string | null, start: string, next: string, nextPlain: string, leader: string | null, bids: number, endsAt: number, pausedLeftMs: number | null, buyNow: string | null }} Auction
 * @typedef {{ key: string, title: string, state: 'open' | 'claiming', entries: number, keyword: string | null, closesAt: number, winner: string | null, claimUntil: number | null }} Giveaway
 * @typedef {object} OverlayState
 * @property {{ name: string, live: boolean }} show
 * @property {Theme} theme
 * @property {Product | null} featured
 * @property {Poll | null} poll
 * @property {Unlock[]} unlocks
 * @property {FlashSale[]} flash
 * @property {Code[]} [codes] drop and unlock codes that just fired
 * @property {Auction | null} [auction] the running auction
 * @property {Giveaway | null} [giveaway] the running giveaway
 * @property {Alert[]} [alerts] the last few purchase alerts, in the first `state` event only
 */

/**
 * One of this page's elements; every id asked for is in overlay/index.html.
 * @param {string} id
 */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export const el = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};

/** @param {number} ms */
export const countdown = (ms) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * A countdown to `endsAt` that `tick()` keeps current, so its card need not be rebuilt every second.
 * @param {number} endsAt
 * @param {string} [cls]
 */
export function timer(endsAt, cls = 'countdown') {
  const node = el('span', cls, countdown(endsAt - Date.now()));
  node.dataset.ends = String(endsAt);
  return node;
}

/** Moves every countdown on the page on by the clock. */
export function tick() {
  for (const node of document.querySelectorAll('[data-ends]')) {
    if (node instanceof HTMLElement) node.textContent = countdown(Number(node.dataset.ends) - Date.now());
  }
}

/**
 * Rebuilds `box` only when what it shows changed: a rebuilt <img> would load again and flicker.
 * @param {HTMLElement} box
 * @param {unknown} what
 * @param {() => Node[]} build
 */
export function keyed(box, what, build) {
  const key = JSON.stringify(what);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  box.replaceChildren(...build());
}

/**
 * A product's picture; its initial on the accent colour when there is none or it fails to load
 * (a moved file, a host that is down, a URL the CSP refuses), so the card keeps its shape.
 * @param {string | null | undefined} src
 * @param {string} title
 * @param {string} [cls]
 */
export function thumb(src, title, cls = 'thumb') {
  const fallback = () => {
    const box = el('div', `${cls} fallback`, (title.trim()[0] ?? '?').toUpperCase());
    box.setAttribute('aria-hidden', 'true');
    return box;
  };
  if (!src) return fallback();
  const img = el('img', cls);
  img.alt = '';
  img.addEventListener('error', () => img.replaceWith(fallback()), { once: true });
  img.src = src;
  return img;
}
