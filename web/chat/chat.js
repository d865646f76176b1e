// @ts-check
// The viewer side of the built-in web chat: read every platform's lines at once, and pick a name
// only when sending (or buying) for the first time.
import { t } from '../i18n.js';

/**
 * The chat socket's messages (bots/web/web-protocol.ts). A WebLine there is one interface with
 * optional parts; web-channel.ts sends each kind with its own parts, as typed here.
 * @typedef {'web' | 'telegram' | 'twitch' | 'discord' | 'memory'} Platform
 * @typedef {{ id: string, at: number, private?: boolean }} LineBase
 * @typedef {LineBase & { kind: 'viewer', author: string, authorId?: string, text: string }} ViewerLine `authorId`: absent when the server could no longer tell whose line it was
 * @typedef {LineBase & { kind: 'relay', lines: Array<{ platform: Platform, author: string, text: string }>, more?: number }} RelayLine `more`: lines skipped because the chat was too busy
 * @typedef {{ label: string, url: string }} Link
 * @typedef {LineBase & { kind: 'bot', text: string, replyTo?: string, mentions?: string[], link?: Link }} BotLine `replyTo`: whom the reply answers; `mentions`: everyone a merged notice answers; `link`: what the line is about (a checkout page)
 * @typedef {ViewerLine | RelayLine | BotLine} WebLine
 * @typedef {{ type: 'welcome', userId: string, name: string, session: string, title: string, maxLength: number, history: WebLine[] }} Welcome
 * @typedef {{ type: 'watching', title: string, maxLength: number, history: WebLine[] }} Watching a reader's welcome: no name, no id
 * @typedef {Welcome | Watching | { type: 'line', line: WebLine } | { type: 'delete', id: string } | { type: 'status', core: 'live' | 'reconnecting' } | { type: 'error', message: string, code?: string, values?: Record<string, number> }} ServerMessage
 * @typedef {{ type: 'say', text: string } | { type: 'buy', sku: string, variant?: string, qty: number }} Action what a viewer with a name sends
 * @typedef {{ type: 'hello', name: string, session?: string, invite?: string } | { type: 'watch', invite?: string } | Action} ClientMessage
 */

/**
 * One of this page's elements; every id asked for is in chat/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const lines = $('lines');
/** The scrolling box around the lines. */
const scroller = /** @type {HTMLElement} */ (lines.parentElement);
const nameInput = /** @type {HTMLInputElement} */ ($('name'));
const textInput = /** @type {HTMLInputElement} */ ($('text'));
const SESSION_KEY = 'showcart.session';
/** Close codes after which reconnecting would be refused the same way (CLOSE in web-protocol.ts). */
const NO_RETRY = new Set([4000, 4001]);
const NAME_KEY = 'showcart.name';
// A private show is opened with ?invite=CODE; keep it for reconnects in this tab.
const invite = new URLSearchParams(location.search).get('invite') ?? sessionStorage.getItem('showcart.invite') ?? undefined;
if (invite) sessionStorage.setItem('showcart.invite', invite);
/** @type {WebSocket | undefined} */
let socket;
/** @type {Welcome | undefined} */
let me;
let retry = 0;
/** What the viewer asked to send before they had a name; sent once they are welcomed. */
/** @type {Action | undefined} */
let pending;

/**
 * @param {string} text
 * @param {string} cls
 */
function badge(text, cls) {
  const b = document.createElement('span');
  b.className = `badge ${cls}`;
  b.textContent = text;
  return b;
}

/** @param {string} cls */
function item(cls) {
  const li = document.createElement('li');
  li.className = `line ${cls}`;
  return li;
}

/**
 * @param {HTMLElement} li
 * @param {string} author
 * @param {string} text
 */
function textLine(li, author, text) {
  if (author) {
    const a = document.createElement('span');
    a.className = 'author';
    a.textContent = `${author}:`;
    li.append(a);
  }
  li.append(document.createTextNode(text));
}

/**
 * A bot line's link as a button-styled link that opens in a new tab, or nothing when its address is
 * not http(s): the server checks that too, but a page never opens `javascript:` from a message.
 * @param {Link} link
 */
function linkButton(link) {
  if (typeof link.url !== 'string') return undefined;
  /** @type {URL} */
  let url;
  try {
    url = new URL(link.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const a = document.createElement('a');
  a.className = 'link-button';
  a.href = url.href;
  a.target = '_blank';
  // The opened page gets no handle on this one (window.opener) and no Referer naming the show.
  a.rel = 'noopener noreferrer';
  a.textContent = (typeof link.label === 'string' && link.label.trim()) || url.host;
  return a;
}

/** @type {Record<Platform, string>} */
const LABEL = { telegram: 'Telegram', twitch: 'Twitch', discord: 'Discord', web: 'Web', memory: t('web.chat.platformTest') };

/** @param {WebLine} line */
function show(line) {
  const stick = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40;
  if (line.kind === 'relay') {
    for (const l of line.lines) {
      const li = item(`relay ${l.platform}`);
      li.append(badge(LABEL[l.platform] ?? l.platform, l.platform));
      textLine(li, l.author, l.text);
      li.dataset.platform = l.platform;
      lines.append(li);
    }
    if (line.more) {
      const li = item('relay more');
      li.textContent = t('web.chat.skipped', { n: line.more });
      lines.append(li);
    }
  } else if (line.kind === 'bot') {
    // A reply to me stands out: only I see a private one, and a public one names me.
    const toMe = line.private || (me !== undefined && (line.replyTo === me.name || (line.mentions ?? []).includes(me.name)));
    const li = item(`bot${line.private ? ' private' : ''}${toMe ? ' to-me' : ''}`);
    li.append(badge(line.private ? t('web.chat.badgeOnlyYou') : toMe ? t('web.chat.badgeToYou') : 'showcart', 'bot'));
    textLine(li, line.replyTo ? `@${line.replyTo}` : '', line.text);
    const link = line.link && linkButton(line.link);
    if (link) li.append(link);
    // A reply only I see may have changed my cart (cart.js reads it again).
    if (line.private) document.dispatchEvent(new Event('showcart:mine'));
    lines.append(li);
  } else {
    // Your own line is shown as you send it; the server does not send it to you twice, but a
    // reconnect's history may hold it.
    if (lines.querySelector(`[data-id="${CSS.escape(line.id)}"]`)) return;
    const li = item(`viewer${me && line.authorId === me.userId ? ' mine' : ''}`);
    li.dataset.id = line.id;
    textLine(li, line.author, line.text);
    lines.append(li);
  }
  while (lines.children.length > 500) lines.firstElementChild?.remove();
  if (stick) scroller.scrollTop = scroller.scrollHeight;
}

/** @param {string} message */
function error(message) {
  const p = $('error');
  p.textContent = message;
  p.hidden = !message;
}

/** @param {ClientMessage} msg */
const send = (msg) => socket?.send(JSON.stringify(msg));

/** @param {boolean} joined */
function bars(joined) {
  $('join').hidden = joined;
  $('say').hidden = !joined && !pending;
}

/**
 * Opens the chat socket: with a name as that viewer, without one as a reader. The socket before it
 * is closed first and forgotten, so a rename never leaves two sockets each showing every line.
 * @param {string} [name]
 */
function connect(name) {
  if (socket) {
    socket.onclose = null;
    socket.close(1000);
  }
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${proto}://${location.host}/ws/chat`);
  socket = ws;
  $('status').textContent = t('web.chat.connecting');
  ws.onopen = () => {
    if (name) send({ type: 'hello', name, invite, session: localStorage.getItem(SESSION_KEY) ?? undefined });
    else send({ type: 'watch', invite });
  };
  ws.onmessage = (ev) => {
    /** @type {ServerMessage} */
    const msg = JSON.parse(ev.data);
    if (msg.type === 'welcome' || msg.type === 'watching') {
      // Only a welcome resets the back-off: a socket that opens and is refused keeps backing off.
      retry = 0;
      // A new socket (perhaps on another edge) says so again if its shop is away.
      $('core-status').hidden = true;
      textInput.maxLength = msg.maxLength;
      lines.replaceChildren();
      error('');
      if (msg.type === 'watching') {
        $('status').textContent = t('web.chat.watching');
        msg.history.forEach(show);
        return;
      }
      me = msg;
      localStorage.setItem(SESSION_KEY, msg.session);
      localStorage.setItem(NAME_KEY, msg.name);
      $('status').textContent = t('web.chat.chattingAs', { name: msg.name });
      msg.history.forEach(show);
      const waiting = pending;
      pending = undefined;
      bars(true);
      if (waiting) {
        send(waiting);
        document.dispatchEvent(new Event('showcart:sent'));
      }
      document.dispatchEvent(new Event('showcart:mine'));
      textInput.focus();
    } else if (msg.type === 'line') {
      show(msg.line);
    } else if (msg.type === 'status') {
      // The edge's shop is away or back: when back, what the page shows may have changed meanwhile.
      $('core-status').hidden = msg.core === 'live';
      if (msg.core === 'live') document.dispatchEvent(new Event('showcart:back'));
    } else if (msg.type === 'delete') {
      lines.querySelector(`[data-id="${CSS.escape(msg.id)}"]`)?.remove();
    } else if (msg.type === 'error') {
      // The server's English stands in for a refusal this page has no words for.
      const key = `web.chat.refusal.${msg.code}`;
      const said = msg.code ? t(key, msg.values) : key;
      error(said === key ? msg.message : said);
    }
  };
  ws.onclose = (ev) => {
    if (NO_RETRY.has(ev.code)) {
      // The error message already says why; pick another name (or open the invite link).
      $('status').textContent = t('web.chat.notConnected');
      me = undefined;
      bars(false);
      return;
    }
    $('status').textContent = t('web.chat.reconnecting');
    // Back off up to 10 s so a restarting server (or a full chat) is not hammered by every open tab.
    setTimeout(() => connect(name), Math.min(10_000, 500 * 2 ** retry++));
  };
}

/**
 * Sends what the viewer did (a line, a Buy press). Without a name yet, it waits while the name bar
 * asks for one, once; the page and the chat then go on under that name.
 * @param {Action} action
 */
export function act(action) {
  if (me && socket?.readyState === WebSocket.OPEN) {
    send(action);
    error('');
    // What the viewer says may change what the page picks for them (for-you.js).
    document.dispatchEvent(new Event('showcart:sent'));
    return;
  }
  pending = action;
  bars(false);
  nameInput.focus();
  error(t(action.type === 'buy' ? 'web.chat.pickNameToBuy' : 'web.chat.pickName'));
}

$('join').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const name = nameInput.value.trim();
  if (name) connect(name);
});

$('say').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = textInput.value.trim();
  if (!text) return;
  act({ type: 'say', text });
  textInput.value = '';
});

// The chat's box shrinks when the video, the card or a widget appears above it: a reader who was at
// the newest line stays there rather than losing it below the fold.
let atBottom = true;
scroller.addEventListener('scroll', () => {
  atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 40;
});
new ResizeObserver(() => {
  if (atBottom) scroller.scrollTop = scroller.scrollHeight;
}).observe(scroller);

const saved = localStorage.getItem(NAME_KEY);
if (saved) nameInput.value = saved;
connect(saved ?? undefined);
