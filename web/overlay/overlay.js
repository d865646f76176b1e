// @ts-check
// The OBS overlay: purchase alerts, the poll, unlock progress, flash-sale countdowns and the
// featured product, all from the public overlay feed and themed by the show file.

/**
 * The feed of GET /api/overlay/live (orchestrator/http/live/overlay-view.ts, overlay-live.ts).
 * @typedef {'top-left' | 'top-right' | 'bottom-left' | 'bottom-right'} Position
 * @typedef {{ position: Position, font: string, colors: { text: string, background: string, accent: string } }} Theme
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
 * @typedef {{ at: number, text: string, title: string, buyers: string[] }} Alert
 * @typedef {object} OverlayState
 * @property {{ name: string, live: boolean }} show
 * @property {Theme} theme
 * @property {Product | null} featured
 * @property {Poll | null} poll
 * @property {Unlock[]} unlocks
 * @property {FlashSale[]} flash
 * @property {Alert[]} [alerts] the last few purchase alerts, in the first `state` event only
 */

/**
 * One of this page's elements; every id asked for is in overlay/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ALERT_MS = 6000;
/** @type {string[]} */
const POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'];
/** @type {OverlayState | undefined} */
let state;
/** @type {Alert[]} */
const queue = [];
let showing = false;

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [cls]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
const el = (tag, cls, text) => {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
};

/** @param {number} ms */
const countdown = (ms) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

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
}

/** @param {Product | null} p */
function featured(p) {
  const box = $('featured');
  box.hidden = !p;
  if (!p) return;
  const text = el('div', 'text');
  text.append(el('div', 'title', p.title), el('div', 'price', p.price), el('div', 'sku', `!buy ${p.sku}`));
  const parts = [];
  if (p.image) {
    const img = el('img');
    img.src = p.image;
    img.alt = '';
    parts.push(img);
  }
  box.replaceChildren(...parts, text);
}

/** @param {Poll | null} p */
function poll(p) {
  const box = $('poll');
  box.hidden = !p;
  if (!p) return;
  const total = p.options.reduce((n, o) => n + o.votes, 0);
  const bars = p.options.map((o, i) => {
    const pct = total ? Math.round((o.votes / total) * 100) : 0;
    const bar = el('div', `bar${p.state === 'closed' && p.leaders.includes(i) ? ' lead' : ''}`);
    bar.dataset.option = String(i + 1);
    const fill = el('div', 'fill');
    fill.style.width = `${pct}%`;
    const label = el('div', 'label');
    label.append(el('span', '', `${i + 1}. ${o.label}`), el('span', 'pct', `${pct}%`));
    bar.append(fill, label);
    return bar;
  });
  const meta = p.state === 'open' ? `!vote 1–${p.options.length} · ${countdown(p.endsAt - Date.now())}` : `Result · ${p.total} votes`;
  box.replaceChildren(el('h2', '', 'Poll'), el('div', 'question', p.question), ...bars, el('div', 'meta', meta));
}

/** @param {Unlock[]} list */
function unlocks(list) {
  const open = list ?? [];
  const box = $('unlocks');
  box.hidden = open.length === 0;
  box.replaceChildren(
    el('h2', '', 'Unlock'),
    ...open.map((u) => {
      const row = el('div', 'unlock');
      row.append(el('div', '', u.reached ? `Unlocked! (“${u.keyword}”)` : `Type “${u.keyword}” · ${u.count}/${u.goal}`));
      const track = el('div', 'track');
      const fill = el('div', 'fill');
      fill.style.width = `${Math.min(100, Math.round((u.count / u.goal) * 100))}%`;
      track.append(fill);
      row.append(track);
      return row;
    }),
  );
}

/** @param {FlashSale[]} sales */
function flash(sales) {
  const live = (sales ?? []).filter((s) => s.endsAt > Date.now());
  const box = $('flash');
  box.hidden = live.length === 0;
  box.replaceChildren(
    el('h2', '', 'Flash sale'),
    ...live.map((s) => {
      const line = el('div', 'line');
      line.append(el('span', '', `${s.title} · ${s.price}`), el('span', 'countdown', countdown(s.endsAt - Date.now())));
      return line;
    }),
  );
}

function render() {
  if (!state) return;
  theme(state.theme);
  featured(state.featured);
  poll(state.poll);
  unlocks(state.unlocks);
  flash(state.flash);
}

function nextAlert() {
  const alert = queue.shift();
  const box = $('alert');
  if (!alert) {
    showing = false;
    box.hidden = true;
    return;
  }
  showing = true;
  box.textContent = alert.text;
  // Restart the entrance animation for each alert.
  box.hidden = true;
  void box.offsetWidth;
  box.hidden = false;
  setTimeout(nextAlert, ALERT_MS);
}

/** @param {Alert} a */
function alert(a) {
  queue.push(a);
  if (queue.length > 10) queue.shift();
  if (!showing) nextAlert();
}

const source = new EventSource('/api/overlay/live');
source.addEventListener('state', (ev) => {
  /** @type {OverlayState} */
  const data = JSON.parse(ev.data);
  const first = !state;
  state = data;
  render();
  // A freshly opened overlay shows a purchase from the last minute, not older ones.
  if (first) for (const a of data.alerts ?? []) if (Date.now() - a.at < 60_000) alert(a);
});
source.addEventListener('alert', (ev) => alert(JSON.parse(ev.data)));
setInterval(() => {
  if (state?.poll?.state === 'open' || state?.flash?.length) render();
}, 1000);
