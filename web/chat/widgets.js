// @ts-check
// The live extras under the card: recent purchases, the running poll (tap to vote), unlock
// progress (tap to ask), the codes the chats were just told (tap to copy). They read the overlay's
// public feed (GET /api/overlay/live), the same picture the stream shows; every tap is a chat line
// the viewer sends, so it counts exactly as typing it would.
import { act } from './chat.js';
import { copyText } from './copy.js';
import { t } from '../i18n.js';

/**
 * The parts of orchestrator/http/live/overlay-live.ts's feed read here.
 * @typedef {{ at: number, text: string, title: string, buyers: string[], sku: string }} Alert
 * @typedef {{ label: string, votes: number }} PollOption
 * @typedef {{ id: string, question: string, options: PollOption[], total: number, state: 'open' | 'closed', endsAt: number, leaders: number[] }} Poll
 * @typedef {{ id: string, keyword: string, count: number, goal: number, reached: boolean }} Unlock
 * @typedef {{ kind: 'drop' | 'unlock', id: string, code: string, at: number, expiresAt: number }} Code
 * @typedef {{ show: { name: string, live: boolean }, poll: Poll | null, unlocks: Unlock[], codes: Code[], alerts?: Alert[] }} FeedState
 */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const ticker = $('ticker');
/** The poll vote this page sent, by poll id: marked on its button (the server keeps the one that counts). */
const VOTES_KEY = 'showcart.votes';
/** A purchase stays in the ticker this long: social proof, not a history. */
const TICKER_MS = 60_000;
/** @type {Alert | undefined} */
let lastAlert;

/** @returns {Record<string, number>} */
function votes() {
  try {
    const v = JSON.parse(sessionStorage.getItem(VOTES_KEY) ?? '{}');
    return typeof v === 'object' && v !== null ? v : {};
  } catch {
    return {};
  }
}

/** @param {Alert} alert */
function showAlert(alert) {
  if (typeof alert?.text !== 'string' || Date.now() - alert.at > TICKER_MS) return;
  lastAlert = alert;
  ticker.textContent = alert.text;
  ticker.hidden = false;
}

/** @param {Poll | null} poll */
function renderPoll(poll) {
  const box = $('poll');
  box.hidden = !poll;
  if (!poll) return;
  const open = poll.state === 'open';
  const mine = votes()[poll.id];
  $('poll-question').textContent = poll.question;
  const buttons = poll.options.map((o, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `vote${mine === i + 1 ? ' mine' : ''}${!open && poll.leaders.includes(i) ? ' leader' : ''}`;
    b.disabled = !open;
    b.setAttribute('aria-pressed', String(mine === i + 1));
    const share = poll.total > 0 ? Math.round((o.votes / poll.total) * 100) : 0;
    b.textContent = t('web.chat.pollOption', { n: i + 1, label: o.label, share });
    b.style.setProperty('--share', `${share}%`);
    b.addEventListener('click', () => {
      // `!vote N` as typed in the chat: one vote per viewer, a new one replaces the old.
      act({ type: 'say', text: `!vote ${i + 1}` });
      sessionStorage.setItem(VOTES_KEY, JSON.stringify({ ...votes(), [poll.id]: i + 1 }));
      renderPoll(poll);
    });
    return b;
  });
  $('poll-options').replaceChildren(...buttons);
  $('poll-note').textContent = t(open ? 'web.chat.pollOpen' : 'web.chat.pollClosed', { n: poll.total });
}

/**
 * @param {Unlock[]} unlocks
 * @param {boolean} live
 */
function renderUnlocks(unlocks, live) {
  // Progress counts only while live (the server counts only then), so it shows only then.
  const running = live ? unlocks.filter((u) => !u.reached) : [];
  $('unlocks').replaceChildren(
    ...running.map((u) => {
      const div = document.createElement('div');
      div.className = 'widget unlock';
      const label = document.createElement('p');
      label.id = `unlock-${u.id}`;
      label.textContent = t('web.chat.unlockProgress', { count: u.count, goal: u.goal });
      const bar = document.createElement('progress');
      bar.max = u.goal;
      bar.value = Math.min(u.count, u.goal);
      bar.setAttribute('aria-labelledby', label.id);
      const ask = document.createElement('button');
      ask.type = 'button';
      ask.textContent = t('web.chat.unlockAsk', { keyword: u.keyword });
      // The keyword as a chat line: the same count as typing it (one per viewer in the window).
      ask.addEventListener('click', () => act({ type: 'say', text: u.keyword }));
      div.append(label, bar, ask);
      return div;
    }),
  );
}

/** @param {Code[]} codes */
function renderCodes(codes) {
  const now = Date.now();
  $('codes').replaceChildren(
    ...codes
      .filter((c) => c.expiresAt > now)
      .map((c) => {
        const li = document.createElement('li');
        li.className = 'widget code';
        const what = document.createElement('span');
        what.textContent = t(c.kind === 'drop' ? 'web.chat.dropCode' : 'web.chat.unlockedCode');
        const code = document.createElement('code');
        code.id = `code-${c.kind}-${c.id}`;
        code.textContent = c.code;
        const copy = document.createElement('button');
        copy.type = 'button';
        copy.textContent = t('web.chat.copy');
        // Its name stays what it shows ("Copy", then "Copied"); which code it copies is its description.
        copy.setAttribute('aria-describedby', code.id);
        copy.addEventListener('click', async () => {
          copy.textContent = t((await copyText(c.code)) ? 'web.chat.copied' : 'web.chat.selectAndCopy');
        });
        li.append(what, code, copy);
        return li;
      }),
  );
}

/** @param {FeedState} state */
function render(state) {
  renderPoll(state.poll);
  renderUnlocks(state.unlocks ?? [], state.show?.live === true);
  // A code on screen keeps its Copy button (and its "Copied") until the set changes.
  const codes = JSON.stringify((state.codes ?? []).map((c) => c.id));
  if ($('codes').dataset.ids !== codes) {
    $('codes').dataset.ids = codes;
    renderCodes(state.codes ?? []);
  }
  for (const a of state.alerts ?? []) showAlert(a);
}

/** @param {MessageEvent} ev */
function parse(ev) {
  try {
    return JSON.parse(ev.data);
  } catch {
    return undefined;
  }
}

// EventSource reconnects by itself after a server restart.
const feed = new EventSource('/api/overlay/live');
feed.addEventListener('state', (ev) => {
  const state = parse(ev);
  if (state) render(state);
});
feed.addEventListener('alert', (ev) => {
  const alert = parse(ev);
  if (alert) showAlert(alert);
});
setInterval(() => {
  if (lastAlert && Date.now() - lastAlert.at > TICKER_MS) ticker.hidden = true;
}, 5000);
