// @ts-check
// The overlay's events: purchase alerts (one at a time, with the product's picture, a short
// entrance and the show's sound), the purchase ticker, and drop codes as they fire.
import { codeBlock } from './overlay-cards.js';
import { $, el, keyed, thumb } from './overlay-dom.js';
import { t } from '../i18n.js';

/** @typedef {import('./overlay-dom.js').Alert} Alert */
/** @typedef {import('./overlay-dom.js').OverlayState} OverlayState */

const ALERT_MS = 6000;
const TICKER_SIZE = 5;
/** @type {Alert[]} */
const queue = [];
/** @type {Alert[]} newest first */
const ticker = [];
let showing = false;
/** Only the source that shows alerts plays their sound: a second browser source would double it. */
let audible = true;

/** @param {boolean} on */
export function setAudible(on) {
  audible = on;
}

/**
 * The show's alert sound, when it names one; the element is reused so it loads once.
 * @param {string | undefined} src
 */
export function setSound(src) {
  const audio = /** @type {HTMLAudioElement} */ ($('sound'));
  const want = src ? new URL(src, location.href).href : '';
  if (audio.src !== want) {
    if (want) audio.src = want;
    else audio.removeAttribute('src');
  }
}

function playSound() {
  const audio = /** @type {HTMLAudioElement} */ ($('sound'));
  if (!audible || !audio.src) return;
  audio.currentTime = 0;
  // A browser that refuses autoplay (a tab, not OBS) refuses quietly: the alert still shows.
  audio.play().catch(() => {});
}

/**
 * The words of an alert as the chats got them ("Anna and 4 others just bought the Mug!"),
 * without the chats' leading emoji: the picture stands in for it.
 * @param {Alert} a
 */
const words = (a) => a.text.replace(/^[^\p{L}\p{N}]+/u, '');

function nextAlert() {
  const alert = queue.shift();
  const box = $('alert');
  if (!alert) {
    showing = false;
    box.hidden = true;
    return;
  }
  showing = true;
  const text = el('div', 'text', words(alert));
  box.replaceChildren(thumb(alert.image, alert.title), text);
  box.classList.toggle('merged', alert.buyers.length > 1);
  // Restart the entrance animation for each alert.
  box.hidden = true;
  void box.offsetWidth;
  box.hidden = false;
  playSound();
  setTimeout(nextAlert, ALERT_MS);
}

/** @param {Alert} a */
function renderTicker(a) {
  ticker.unshift(a);
  if (ticker.length > TICKER_SIZE) ticker.pop();
  const box = $('ticker');
  box.hidden = false;
  keyed(box, ticker, () => {
    const list = el('ul');
    for (const bought of ticker) {
      const [first = '', ...others] = bought.buyers;
      const item = el('li');
      const who = el('strong', 'who', others.length ? `${first} +${others.length}` : first);
      item.append(thumb(bought.image, bought.title, 'mini'), who, el('span', 'what', bought.title));
      list.append(item);
    }
    return [el('h2', '', t('web.overlay.justBought')), list];
  });
}

/**
 * A purchase: queued for the alert card, and at the head of the ticker.
 * @param {Alert} a
 * @param {{ announce?: boolean }} [options] `announce: false` lists it in the ticker only
 */
export function purchase(a, options = {}) {
  renderTicker(a);
  if (options.announce === false) return;
  queue.push(a);
  if (queue.length > 10) queue.shift();
  if (!showing) nextAlert();
}

/**
 * A drop code large while it is fresh (the server keeps it in the feed for half a minute).
 * @param {OverlayState} state
 */
export function dropCode(state) {
  const box = $('drop');
  const drops = (state.codes ?? []).filter((c) => c.kind === 'drop');
  box.hidden = drops.length === 0;
  if (box.hidden) return;
  keyed(box, drops, () => [el('h2', '', t('web.overlay.drop')), ...drops.slice(-1).map((c) => codeBlock(t('web.overlay.useCode'), c))]);
}
