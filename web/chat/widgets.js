// @ts-check
// The live extras under the card: recent purchases, the running poll (tap to vote), unlock
// progress (tap to ask), the codes the chats were just told (tap to copy). They read the overlay's
// public feed (GET /api/overlay/live), the same picture the stream shows; every tap is a chat line
// the viewer sends, so it counts exactly as typing it would.
import { act } from './chat.js';
import { copyText } from './copy.js';
import { clock } from './storefront.js';
import { t } from '../i18n.js';

/**
 * The parts of orchestrator/http/live/overlay-live.ts's feed read here.
 * @typedef {{ at: number, text: string, title: string, buyers: string[], sku: string }} Alert
 * @typedef {{ label: string, votes: number }} PollOption
 * @typedef {{ id: string, question: string, options: PollOption[], total: number, state: 'open' | 'closed', endsAt: number, leaders: number[] }} Poll
 * @typedef {{ id: string, keyword: string, count: number, goal: number, reached: boolean }} Unlock
 * @typedef {{ kind: 'drop' | 'unlock', id: string, code: string, at: number, expiresAt: number }} Code
 * @typedef {{ key: string, title: string, state: 'open' | 'paused', price: string | null, start: string, next: string, nextPlain: string, leader: string | null, bids: number, endsAt: number, pausedLeftMs: number | null, buyNow: string | null }} Auction
 * @typedef {{ key: string, title: string, state: 'open' | 'claiming', entries: number, keyword: string | null, closesAt: number, winner: string | null, claimUntil: number | null }} Giveaway
 * @typedef {{ show: { name: string, live: boolean }, poll: Poll | null, unlocks: Unlock[], codes: Code[], alerts?: Alert[], auction?: Auction | null, giveaway?: Giveaway | null }} FeedState
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
 * @param {string} tag
 * @param {string} className
 * @param {string} [text]
 */
const node = (tag, className, text) => {
  const n = document.createElement(tag);
  n.className = className;
  if (text !== undefined) n.textContent = text;
  return n;
};

/** @type {Auction | null} */
let auction = null;
/** @type {Giveaway | null} */
let giveaway = null;

/**
 * The running auction: price, leader, clock, and a Bid button that types `!bid` (the next step, as
 * the chats do: the server decides every bid in one order across all of them).
 */
function renderAuction() {
  const box = $('auction');
  const a = auction;
  box.hidden = !a;
  if (!a) return;
  const left = a.state === 'paused' ? t('web.chat.auctionPaused') : clock(a.endsAt - Date.now());
  const standing = a.price === null ? t('web.chat.auctionOpens', { price: a.start }) : t('web.chat.auctionLeads', { price: a.price, name: a.leader ?? '' });
  const head = node('h2', '', t('web.chat.auction', { title: a.title }));
  const meta = node('p', 'auction-meta');
  meta.append(node('span', 'standing', standing), node('span', 'clock', left), node('span', 'muted', t('web.chat.auctionBids', { n: a.bids })));
  const bid = /** @type {HTMLButtonElement} */ (node('button', 'bid', t('web.chat.bid', { next: a.next })));
  bid.type = 'button';
  bid.disabled = a.state !== 'open';
  bid.addEventListener('click', () => act({ type: 'say', text: '!bid' }));
  const buttons = node('div', 'row');
  buttons.append(bid);
  if (a.buyNow !== null && a.state === 'open') {
    const now = /** @type {HTMLButtonElement} */ (node('button', 'quiet', t('web.chat.buyNow', { price: a.buyNow })));
    now.type = 'button';
    now.addEventListener('click', () => act({ type: 'say', text: '!buynow' }));
    buttons.append(now);
  }
  box.replaceChildren(head, meta, buttons);
}

/** The running giveaway: entries and the time left with an Enter button, then the winner. */
function renderGiveaway() {
  const box = $('giveaway');
  const g = giveaway;
  box.hidden = !g;
  if (!g) return;
  const head = node('h2', '', t('web.chat.giveaway', { title: g.title }));
  if (g.state !== 'open') {
    box.replaceChildren(head, node('p', '', t('web.chat.giveawayWinner', { name: g.winner ?? '' })));
    return;
  }
  const meta = node('p', 'auction-meta');
  meta.append(node('span', '', t('web.chat.giveawayEntries', { n: g.entries })), node('span', 'clock', clock(g.closesAt - Date.now())));
  const enter = /** @type {HTMLButtonElement} */ (node('button', 'bid', t('web.chat.giveawayEnter')));
  enter.type = 'button';
  // `!enter` as typed in the chat: one entry per person, whatever the page sends.
  enter.addEventListener('click', () => act({ type: 'say', text: '!enter' }));
  box.replaceChildren(head, meta, enter);
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
  auction = state.auction ?? null;
  giveaway = state.giveaway ?? null;
  renderAuction();
  renderGiveaway();
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
// The clocks move between updates of the feed.
setInterval(() => {
  if (auction) renderAuction();
  if (giveaway) renderGiveaway();
}, 1000);
