// The viewer side of the built-in web chat: pick a name, chat, see every platform's lines.
const $ = (id) => document.getElementById(id);
const lines = $('lines');
const SESSION_KEY = 'showcart.session';
const NAME_KEY = 'showcart.name';
// A private show is opened with ?invite=CODE; keep it for reconnects in this tab.
const invite = new URLSearchParams(location.search).get('invite') ?? sessionStorage.getItem('showcart.invite') ?? undefined;
if (invite) sessionStorage.setItem('showcart.invite', invite);
let socket;
let me;
let retry = 0;

function badge(text, cls) {
  const b = document.createElement('span');
  b.className = `badge ${cls}`;
  b.textContent = text;
  return b;
}

function item(cls) {
  const li = document.createElement('li');
  li.className = `line ${cls}`;
  return li;
}

function textLine(li, author, text) {
  if (author) {
    const a = document.createElement('span');
    a.className = 'author';
    a.textContent = `${author}:`;
    li.append(a);
  }
  li.append(document.createTextNode(text));
}

const LABEL = { telegram: 'Telegram', twitch: 'Twitch', discord: 'Discord', web: 'Web', memory: 'Test' };

function show(line) {
  const stick = lines.parentElement.scrollTop + lines.parentElement.clientHeight >= lines.parentElement.scrollHeight - 40;
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
    lines.append(li);
  } else {
    const li = item(`viewer${me && line.authorId === me.userId ? ' mine' : ''}`);
    li.dataset.id = line.id;
    textLine(li, line.author, line.text);
    lines.append(li);
  }
  while (lines.children.length > 500) lines.firstElementChild.remove();
  if (stick) lines.parentElement.scrollTop = lines.parentElement.scrollHeight;
}

function error(message) {
  const p = $('error');
  p.textContent = message;
  p.hidden = !message;
}

function connect(name) {
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  socket = new WebSocket(`${proto}://${location.host}/ws/chat`);
  $('status').textContent = 'connecting…';
  socket.onopen = () => {
    retry = 0;
    socket.send(JSON.stringify({ type: 'hello', name, invite, session: localStorage.getItem(SESSION_KEY) ?? undefined }));
  };
  socket.onmessage = (ev) => {
    const msg = JSON.parse(ev.data);
    if (msg.type === 'welcome') {
      me = msg;
      localStorage.setItem(SESSION_KEY, msg.session);
      localStorage.setItem(NAME_KEY, msg.name);
      $('title').textContent = msg.title;
      document.title = `${msg.title} · showcart`;
      $('text').maxLength = msg.maxLength;
      $('status').textContent = `connected as ${msg.name}`;
      $('join').hidden = true;
      $('say').hidden = false;
      lines.replaceChildren();
      msg.history.forEach(show);
      error('');
      $('text').focus();
    } else if (msg.type === 'line') {
      show(msg.line);
    } else if (msg.type === 'delete') {
      lines.querySelector(`[data-id="${CSS.escape(msg.id)}"]`)?.remove();
    } else if (msg.type === 'error') {
      error(msg.message);
    }
  };
  socket.onclose = () => {
    $('status').textContent = 'reconnecting…';
    // Back off up to 10 s so a restarting server is not hammered by every open tab.
    setTimeout(() => connect(name), Math.min(10_000, 500 * 2 ** retry++));
  };
}

$('join').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const name = $('name').value.trim();
  if (name) connect(name);
});

$('say').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = $('text').value.trim();
  if (!text || !socket || socket.readyState !== WebSocket.OPEN) return;
  socket.send(JSON.stringify({ type: 'say', text }));
  $('text').value = '';
  error('');
});

const saved = localStorage.getItem(NAME_KEY);
if (saved) {
  $('name').value = saved;
  connect(saved);
} else {
  $('status').textContent = 'pick a name to join';
}
