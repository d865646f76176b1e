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
    if (res.ok) render((await res.json()).pick ?? null);
  } catch {
    // Offline for a moment: the slot keeps what it showed.
  }
}

$('for-you-buy').addEventListener('click', () => {
  // Without a variant, as `!buy SKU` typed: a product with options gets the chat's question back.
  if (shown) act({ type: 'buy', sku: shown.sku, qty: 1 });
});
// A reply only this viewer sees follows what they did (bought, asked): the pick may have changed.
document.addEventListener('showcart:mine', () => void refresh());
// A line just sent is counted once the server has handled and logged it: look a moment later.
document.addEventListener('showcart:sent', () => setTimeout(() => void refresh(), 1500));
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, 60_000);
void refresh();
