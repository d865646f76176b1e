// @ts-check
// The OBS overlay: purchase alerts, the poll, unlock progress, flash-sale countdowns, the featured
// product, drop codes and a purchase ticker, all from the public overlay feed and themed by the
// show file. `?widget=<name>` shows one widget alone, for a browser source of its own.
import { auction, featured, flash, giveaway, poll, unlocks } from './overlay-cards.js';
import { tick } from './overlay-dom.js';
import { dropCode, purchase, setAudible, setSound } from './overlay-events.js';

/** @typedef {import('./overlay-dom.js').OverlayState} OverlayState */
/** @typedef {import('./overlay-dom.js').Theme} Theme */

/** Each widget's cards (ids in index.html); the full stack leaves the ticker out, the alert says the same. */
/** @type {Record<string, string[]>} */
const WIDGETS = {
  alerts: ['alert', 'drop'],
  poll: ['poll'],
  unlock: ['unlocks'],
  flash: ['flash'],
  auction: ['auction'],
  giveaway: ['giveaway'],
  featured: ['featured'],
  ticker: ['ticker'],
};
const STACK = ['alert', 'drop', 'auction', 'giveaway', 'flash', 'poll', 'unlocks', 'featured'];
/** @type {string[]} */
const POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
const widget = new URLSearchParams(location.search).get('widget');
/** The cards this page shows; an unknown widget name shows none and opens no feed. */
const shown = widget === null ? STACK : Object.hasOwn(WIDGETS, widget) ? WIDGETS[widget] : [];
/** @type {OverlayState | undefined} */
let state;

/** @param {Theme} t */
function theme(t) {
  if (!t) return;
  const root = document.documentElement.style;
  root.setProperty('--text', t.colors.text);
  root.setProperty('--background', t.colors.background);
  root.setProperty('--accent', t.colors.accent);
  root.setProperty('--font', t.font);
  document.body.classList.remove(...POSITIONS);
  document.body.classList.add(POSITIONS.includes(t.position) ? t.position : 'bottom-left');
  setSound(t.alertSound);
}

function render() {
  if (!state) return;
  theme(state.theme);
  featured(state);
  poll(state);
  unlocks(state);
  flash(state);
  auction(state);
  giveaway(state);
  dropCode(state);
}

for (const card of document.querySelectorAll('#stack > .card')) card.classList.toggle('off', !shown.includes(card.id));
if (widget !== null) {
  document.body.classList.add('single');
  document.body.dataset.widget = widget;
}
setAudible(shown.includes('alert'));

if (shown.length > 0) {
  const source = new EventSource('/api/overlay/live');
  source.addEventListener('state', (ev) => {
    /** @type {OverlayState} */
    const data = JSON.parse(ev.data);
    const first = !state;
    state = data;
    render();
    // A freshly opened overlay announces a purchase from the last minute, not older ones; the
    // ticker lists them all.
    if (first) for (const a of data.alerts ?? []) purchase(a, { announce: Date.now() - a.at < 60_000 });
  });
  source.addEventListener('alert', (ev) => purchase(JSON.parse(ev.data)));
  setInterval(() => {
    // Flash sales end by the clock; countdowns move on without a rebuild.
    if (state?.flash?.length) render();
    tick();
  }, 1000);
}
