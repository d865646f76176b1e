// @ts-check
// The cart drawer: the viewer's open cart (its lines, the hold countdown and Checkout), read with
// the chat session from GET /api/storefront/cart whenever a reply to them may have changed it.
import { clock, money } from './storefront.js';
import { t } from '../i18n.js';

/**
 * @typedef {{ title: string, variant: string, qty: number, unitCents: number, subtotalCents: number }} Line
 * @typedef {{ id: string, status: string, currency: string, lines: Line[], itemsCents: number, holdLeftMs: number | null, checkout: string }} Cart
 */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const drawer = $('cart');
const button = $('cart-button');
const SESSION_KEY = 'showcart.session';
/** A cart's hold ends on this page's clock; 0 when it has none. */
let holdEndsAt = 0;

/** @param {boolean} open */
function toggle(open) {
  drawer.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open) $('cart-close').focus();
  else button.focus();
}

function tick() {
  const hold = $('cart-hold');
  if (holdEndsAt === 0) {
    hold.textContent = '';
    return;
  }
  const left = holdEndsAt - Date.now();
  hold.textContent = left > 0 ? t('web.chat.heldFor', { time: clock(left) }) : t('web.chat.holdEnded');
}

/** @param {Cart | null} cart */
function render(cart) {
  const count = cart ? cart.lines.reduce((n, l) => n + l.qty, 0) : 0;
  button.hidden = !cart || count === 0;
  if (!cart || count === 0) {
    drawer.hidden = true;
    holdEndsAt = 0;
    return;
  }
  $('cart-count').textContent = String(count);
  button.setAttribute('aria-label', t('web.chat.cartLabel', { count }));
  $('cart-id').textContent = cart.id;
  $('cart-lines').replaceChildren(
    ...cart.lines.map((l) => {
      const li = document.createElement('li');
      const what = document.createElement('span');
      what.textContent = t(l.variant ? 'web.chat.cartLineVariant' : 'web.chat.cartLine', { qty: l.qty, title: l.title, variant: l.variant });
      const price = document.createElement('span');
      price.textContent = money(l.subtotalCents, cart.currency);
      li.append(what, price);
      return li;
    }),
  );
  $('cart-total').textContent = money(cart.itemsCents, cart.currency);
  /** @type {HTMLAnchorElement} */ ($('cart-checkout')).href = cart.checkout;
  holdEndsAt = cart.holdLeftMs === null ? 0 : Date.now() + cart.holdLeftMs;
  tick();
}

async function refresh() {
  const session = localStorage.getItem(SESSION_KEY);
  if (!session) return render(null);
  try {
    const res = await fetch('/api/storefront/cart', { headers: { 'X-Showcart-Session': session, Accept: 'application/json' } });
    if (res.ok) render((await res.json()).cart);
  } catch {
    // Offline for a moment: the drawer keeps what it showed.
  }
}

button.addEventListener('click', () => toggle(drawer.hidden));
$('cart-close').addEventListener('click', () => toggle(false));
drawer.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') toggle(false);
});
document.addEventListener('showcart:mine', () => void refresh());
// Orders kept while the shop was away are placed when it is back.
document.addEventListener('showcart:back', () => void refresh());
setInterval(tick, 1000);
// Holds end and payments land without a reply on this page: look again now and then.
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, 15_000);
void refresh();
