// @ts-check
// The viewer side of the built-in web chat: pick a name, chat, see every platform's lines.

/**
 * The chat socket's messages (bots/web/web-protocol.ts). A WebLine there is one interface with
 * optional parts; web-channel.ts sends each kind with its own parts, as typed here.
 * @typedef {'web' | 'telegram' | 'twitch' | 'discord' | 'memory'} Platform
 * @typedef {{ id: string, at: number, private?: boolean }} LineBase
 * @typedef {LineBase & { kind: 'viewer', author: string, authorId?: string, text: string }} ViewerLine `authorId`: absent when the server could no longer tell whose line it was
 * @typedef {LineBase & { kind: 'relay', lines: Array<{ platform: Platform, author: string, text: string }>, more?: number }} RelayLine `more`: lines skipped because the chat was too busy
 * @typedef {{ label: string, url: string }} Link
 * @typedef {LineBase & { kind: 'bot', text: string, replyTo?: string, link?: Link }} BotLine `replyTo`: whom the reply answers; `link`: what the line is about (a checkout page)
 * @typedef {ViewerLine | RelayLine | BotLine} WebLine
 * @typedef {{ type: 'welcome', userId: string, name: string, session: string, title: string, maxLength: number, history: WebLine[] }} Welcome
 * @typedef {Welcome | { type: 'line', line: WebLine } | { type: 'delete', id: string } | { type: 'error', message: string }} ServerMessage
 * @typedef {{ type: 'hello', name: string, session?: string, invite?: string } | { type: 'say', text: string }} ClientMessage
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
const LABEL = { telegram: 'Telegram', twitch: 'Twitch', discord: 'Discord', web: 'Web', memory: 'Test' };

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
      li.textContent = `… ${line.more} more lines from other chats were skipped`;
      lines.append(li);
    }
  } else if (line.kind === 'bot') {
    const li = item(`bot${line.private ? ' private' : ''}`);
    li.append(badge(line.private ? 'showcart · only you' : 'showcart', 'bot'));
    textLine(li, line.replyTo ? `@${line.replyTo}` : '', line.text);
    const link = line.link && linkButton(line.link);
    if (link) li.append(link);
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

/** @param {string} name */
function connect(name) {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${proto}://${location.host}/ws/chat`);
  $('status').textContent = 'connecting…';
  socket.onopen = () => {
    send({ type: 'hello', name, invite, session: localStorage.getItem(SESSION_KEY) ?? undefined });
  };
  socket.onmessage = (ev) => {
    /** @type {ServerMessage} */
    const msg = JSON.parse(ev.data);
    if (msg.type === 'welcome') {
      // Only a welcome resets the back-off: a socket that opens and is refused keeps backing off.
      retry = 0;
      me = msg;
      localStorage.setItem(SESSION_KEY, msg.session);
      localStorage.setItem(NAME_KEY, msg.name);
      $('title').textContent = msg.title;
      document.title = `${msg.title} · showcart`;
      textInput.maxLength = msg.maxLength;
      $('status').textContent = `connected as ${msg.name}`;
      $('join').hidden = true;
      $('say').hidden = false;
      lines.replaceChildren();
      msg.history.forEach(show);
      error('');
      textInput.focus();
    } else if (msg.type === 'line') {
      show(msg.line);
    } else if (msg.type === 'delete') {
      lines.querySelector(`[data-id="${CSS.escape(msg.id)}"]`)?.remove();
    } else if (msg.type === 'error') {
      error(msg.message);
    }
  };
  socket.onclose = (ev) => {
    if (NO_RETRY.has(ev.code)) {
      // The error message already says why; pick another name (or open the invite link).
      $('status').textContent = 'not connected';
      $('join').hidden = false;
      $('say').hidden = true;
      return;
    }
    $('status').textContent = 'reconnecting…';
    // Back off up to 10 s so a restarting server (or a full chat) is not hammered by every open tab.
    setTimeout(() => connect(name), Math.min(10_000, 500 * 2 ** retry++));
  };
}

$('join').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const name = nameInput.value.trim();
  if (name) connect(name);
});

$('say').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = textInput.value.trim();
  if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
  send({ type: 'say', text });
  textInput.value = '';
  error('');
});

const saved = localStorage.getItem(NAME_KEY);
if (saved) {
  nameInput.value = saved;
  connect(saved);
} else {
  $('status').textContent = 'pick a name to join';
}
