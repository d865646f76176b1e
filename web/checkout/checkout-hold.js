// @ts-check
// The hold countdown ("Reserved for 12:34") and the seller's colour.

import { locale, t } from '../i18n.js';

/** @typedef {import('./checkout-types.js').CheckoutState} CheckoutState */

const hold = /** @type {HTMLElement} */ (document.getElementById('hold'));
const announce = /** @type {HTMLElement} */ (document.getElementById('announce'));
/** @type {number | undefined} */
let timer;

export function stopHold() {
  window.clearInterval(timer);
  timer = undefined;
  hold.hidden = true;
}

/** @param {number} ms */
function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Counts down the cart's hold. The server's clock decides (the answer carries it), so a phone
 * whose clock is off still shows the right time left. Past an hour (a manual payment's days) the
 * page names the moment instead.
 * @param {CheckoutState} state
 * @param {boolean} ended
 * @param {() => void} onEnd called once when the hold runs out
 */
export function startHold(state, ended, onEnd) {
  stopHold();
  const ends = state.cart.holdExpiresAt;
  if (ends === null || ended) return;
  const skew = state.now - Date.now();
  let warned = false;
  const tick = () => {
    const left = ends - (Date.now() + skew);
    if (left <= 0) {
      stopHold();
      onEnd();
      return;
    }
    hold.classList.toggle('soon', left <= 120_000);
    if (left > 3_600_000) {
      const at = new Intl.DateTimeFormat(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' }).format(ends - skew);
      hold.textContent = t('web.checkout.reservedUntil', { at });
    } else hold.textContent = t('web.checkout.reservedFor', { time: clock(left) });
    // The timer itself stays silent for screen readers; the last minute is said once.
    if (left <= 60_000 && !warned) {
      warned = true;
      announce.textContent = t('web.checkout.oneMinuteLeft');
    }
  };
  hold.hidden = false;
  tick();
  // A hold already over has hidden the timer and called onEnd.
  if (!hold.hidden) timer = window.setInterval(tick, 1000);
}

/**
 * The seller's colour on the header and the main button, with black or white text, whichever
 * reads better on it (WCAG contrast).
 * @param {string | null} hex "#rgb" or "#rrggbb"
 */
export function applyAccent(hex) {
  if (!hex) return;
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const channels = [1, 3, 5].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const onBlack = (lum + 0.05) / 0.05;
  const onWhite = 1.05 / (lum + 0.05);
  const root = document.documentElement.style;
  root.setProperty('--accent', full);
  root.setProperty('--on-accent', onBlack >= onWhite ? '#111114' : '#ffffff');
}
