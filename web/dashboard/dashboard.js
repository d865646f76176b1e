// @ts-check
// The seller's dashboard: log in with the admin token, then follow the show live over SSE.
import { api, ApiError } from './api.js';
import { cartsPanel } from './carts-panel.js';
import { chatColumn } from './chat-column.js';
import { controls } from './controls.js';
import { engagementChart } from './engagement-chart.js';
import { ordersList } from './orders-list.js';
import { sayBox } from './say-box.js';
import { statusPanels } from './status-panels.js';
import { stockPanel } from './stock-panel.js';

/** @typedef {import('./api.js').AdminState} AdminState */

/**
 * One of this page's elements; every id asked for is in dashboard/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const token = /** @type {HTMLInputElement} */ ($('token'));
/** @type {number | undefined} */
let noticeTimer;

/**
 * @param {string} text
 * @param {boolean} [bad] a failure: red, and shown longer
 */
function notify(text, bad = false) {
  const p = $('notice');
  p.textContent = text;
  p.className = `notice${bad ? ' bad' : ''}`;
  p.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (p.hidden = true), bad ? 8000 : 3000);
}

const chat = chatColumn($('chat'), notify);
sayBox(/** @type {HTMLFormElement} */ ($('say')), /** @type {HTMLInputElement} */ ($('say-text')), notify);
const orders = ordersList($('orders'));
const stock = stockPanel($('stock'), notify);
const carts = cartsPanel(notify);
const buttons = controls(notify);
const panels = statusPanels(notify);
const chart = engagementChart(/** @type {HTMLCanvasElement} */ ($('engagement')));
/** @type {EventSource | undefined} */
let source;
let retry = 0;

/** @param {string} [message] */
function showLogin(message) {
  source?.close();
  source = undefined;
  $('app').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('status').textContent = '';
  $('login-error').hidden = !message;
  $('login-error').textContent = message ?? '';
  token.focus();
}

/** @param {AdminState} state */
function applyState(state) {
  panels.state(state);
  buttons.state(state);
  carts.state(state);
  lastState = state;
  markHeld();
}

/** @type {AdminState | undefined} */
let lastState;
/** Lines held before this page opened come with the history, not with their ai.held event: the state names them. */
function markHeld() {
  for (const item of lastState?.ai?.review?.items ?? []) chat.markHeld(item.line.platform, item.line.messageId, item.status === 'held', item.label);
}

function connect() {
  source?.close();
  source = new EventSource('/api/admin/live');
  $('status').textContent = 'connecting…';
  source.addEventListener('open', () => {
    retry = 0;
    $('status').textContent = 'connected';
  });
  source.addEventListener('state', (ev) => applyState(JSON.parse(ev.data)));
  source.addEventListener('log', (ev) => {
    const event = JSON.parse(ev.data);
    chat.handle(event);
    orders.handle(event);
    carts.handle(event);
    stock.handle(event);
    chart.handle(event);
  });
  source.addEventListener('error', () => {
    $('status').textContent = 'reconnecting…';
    // EventSource retries by itself unless the server answered with an error (a session that
    // expired, a restart): then find out which, and start over.
    if (source?.readyState === EventSource.CLOSED) setTimeout(() => void resume(), Math.min(10_000, 500 * 2 ** retry++));
  });
}

async function start() {
  $('login').hidden = true;
  $('login-error').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  connect();
  const loads = [chat.load().then(markHeld), stock.load(), buttons.load(), orders.load(), carts.load(), chart.load()].map((p) =>
    p.catch((err) => notify(`Loading failed: ${err.message}`, true)),
  );
  await Promise.all(loads);
}

/** Opens the dashboard when the session cookie is still good; otherwise asks for the token. */
async function resume() {
  try {
    applyState(/** @type {AdminState} */ (await api('/api/admin/state')));
    if ($('app').hidden) await start();
    else connect();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) showLogin();
    else if (err instanceof ApiError && err.status === 429) showLogin(`Too many wrong tokens. Try again in ${err.retryAfter ?? 60} s.`);
    else setTimeout(() => void resume(), Math.min(10_000, 500 * 2 ** retry++));
  }
}

$('login').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await api('/api/admin/login', { token: token.value });
    token.value = '';
    await resume();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) showLogin('Wrong token.');
    else if (err instanceof ApiError && err.status === 429) showLogin(`Too many wrong tokens. Try again in ${err.retryAfter ?? 60} s.`);
    else showLogin(`Login failed: ${/** @type {Error} */ (err).message}`);
  }
});

$('logout').addEventListener('click', async () => {
  await api('/api/admin/logout', {}).catch(() => undefined);
  showLogin();
});

void resume();
