// @ts-check
// The "for you" slot: the product the recommendation feature picks for this viewer (the same pick
// as `!recommend`), read with the chat session, so each viewer sees their own.
import { act } from './chat.js';
import { money } from './storefront.js';
import { t } from '../i18n.js';

/** @typedef {{ sku: string, title: string, priceCents: number, currency: string, why: string }} Pick */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const SESSION_KEY = 'showcart.session';
/** @type {Pick | null} */
let shown = null;
/** The server's mark of this viewer's handled lines, as of the last answer (ForYou.heard). */
/** @type {string | null} */
let heard = null;
/** The wait for a line just sent to be handled; a newer line starts it over. */
/** @type {ReturnType<typeof setTimeout> | undefined} */
let waiting;

/** @param {Pick | null} pick */
function render(pick) {
  shown = pick;
  $('for-you').hidden = !pick;
  if (!pick) return;
  $('for-you-title').textContent = pick.title;
  $('for-you-price').textContent = money(pick.priceCents, pick.currency);
  $('for-you-why').textContent = pick.why;
  $('for-you-buy').setAttribute('aria-label', t('web.chat.buyTitle', { title: pick.title }));
}

async function refresh() {
  const session = localStorage.getItem(SESSION_KEY);
  if (!session) return render(null);
  try {
    const res = await fetch('/api/storefront/for-you', { headers: { 'X-Showcart-Session': session, Accept: 'application/json' } });
    if (!res.ok) return;
    const body = await res.json();
    heard = body.heard ?? null;
    render(body.pick ?? null);
  } catch {
    // Offline for a moment: the slot keeps what it showed.
  }
}

/**
 * After a line is sent: look again until the server says it has handled a new line of ours (its
 * `heard` mark changed), quickly at first and slower while the server is busy, for up to ~30 s.
 * A fixed delay was sometimes too early under load and showed the pick from before the line.
 */
function afterSent() {
  clearTimeout(waiting);
  const before = heard;
  let delay = 250;
  let spent = 0;
  const look = async () => {
    await refresh();
    if (heard !== before || spent >= 30_000) return;
    spent += delay;
    delay = Math.min(delay * 2, 4000);
    waiting = setTimeout(() => void look(), delay);
  };
  waiting = setTimeout(() => void look(), delay);
}

$('for-you-buy').addEventListener('click', () => {
  // Without a variant, as `!buy SKU` typed: a product with options gets the chat's question back.
  if (shown) act({ type: 'buy', sku: shown.sku, qty: 1 });
});
// A reply only this viewer sees follows what they did (bought, asked): the pick may have changed.
document.addEventListener('showcart:mine', () => void refresh());
// A line just sent counts once the server has handled and logged it: look until it has.
document.addEventListener('showcart:sent', afterSent);
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, 60_000);
void refresh();
