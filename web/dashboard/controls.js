// @ts-check
// The seller's buttons: feature a product, start and stop polls, flash sales, drops and unlocks.
import { actions, api, countdown, el } from './api.js';
import { salesEvents } from './sales-events.js';
import { aiDrafts } from './ai-drafts.js';
import { reviewQueue } from './review-queue.js';

/**
 * @typedef {import('./api.js').AdminState} AdminState
 * What the buttons can start: GET /api/admin/controls (orchestrator/http/live/dashboard-controls.ts).
 * @typedef {object} Controls
 * @property {string} currency
 * @property {Array<{ sku: string, title: string }>} products
 * @property {Array<{ id: string, question: string, options: string[], durationMs: number }>} polls
 * @property {Array<{ id: string, sku: string, price: number, durationMs: number }>} flashSales
 * @property {Array<{ id: string }>} drops
 * @property {Array<{ id: string, keyword: string, goal: number }>} unlocks
 * @property {Array<{ id: string, sku: string }>} [auctions]
 * @property {Array<{ id: string, sku: string }>} [giveaways]
 */

/**
 * One of the dashboard's elements; every id asked for is in dashboard/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {(text: string, bad?: boolean) => void} notify */
export function controls(notify) {
  /** @type {Omit<Controls, 'currency'>} */
  let options = { products: [], polls: [], flashSales: [], drops: [], unlocks: [] };
  /** @type {Partial<AdminState>} */
  let state = {};
  /** @type {string | undefined} */
  let featured;
  const featureSku = /** @type {HTMLSelectElement} */ ($('feature-sku'));
  const pollId = /** @type {HTMLSelectElement} */ ($('poll-id'));
  const startPoll = /** @type {HTMLButtonElement} */ ($('start-poll'));
  const pollQuestion = /** @type {HTMLInputElement} */ ($('poll-question'));
  const pollOptions = /** @type {HTMLTextAreaElement} */ ($('poll-options'));
  const pollSeconds = /** @type {HTMLInputElement} */ ($('poll-seconds'));
  const sales = salesEvents($('sales-events'), notify);
  const drafts = aiDrafts($('ai-drafts'), notify);
  const review = reviewQueue($('review'), notify);

  const act = actions(notify);

  /**
   * @template {{ sku?: string, id?: string }} T
   * @param {HTMLSelectElement} select
   * @param {T[]} items
   * @param {(item: T) => string} label
   */
  const fill = (select, items, label) => select.replaceChildren(...items.map((i) => el('option', { value: i.sku ?? i.id, text: label(i) })));

  $('feature').addEventListener('click', () => act(`Featured ${featureSku.value}`, '/api/admin/featured', { sku: featureSku.value }));
  startPoll.addEventListener('click', () => act('Poll started', '/api/admin/polls', { id: pollId.value }));
  $('custom-poll').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const opts = pollOptions.value
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    void act('Poll started', '/api/admin/polls', { question: pollQuestion.value.trim(), options: opts, durationMs: Number(pollSeconds.value) * 1000 });
  });

  const renderPoll = () => {
    const poll = (state.polls ?? []).find((p) => p.state === 'open') ?? (state.polls ?? [])[0];
    const box = $('poll-now');
    if (!poll) return box.replaceChildren(el('p', { class: 'muted', text: 'No poll yet.' }));
    const total = poll.options.reduce((n, o) => n + o.votes, 0);
    box.replaceChildren(
      el('p', {
        class: 'question',
        text: `${poll.question} — ${poll.state === 'open' ? `${countdown(poll.endsAt - Date.now())} left` : 'closed'}, ${poll.total} voters`,
      }),
      ...poll.options.map((o, i) => {
        const pct = total ? Math.round((o.votes / total) * 100) : 0;
        return el(
          'div',
          { class: `bar${poll.leaders.includes(i) ? ' lead' : ''}` },
          el('span', { class: 'fill', style: `width:${pct}%` }),
          el('span', { class: 'label', text: `${i + 1}. ${o.label} — ${o.votes} (${pct}%)` }),
        );
      }),
      // Not a null for a closed poll: replaceChildren would show it as the text "null".
      ...(poll.state === 'open'
        ? [
            el('button', {
              type: 'button',
              class: 'quiet',
              text: 'Stop poll',
              onclick: () => act('Poll stopped', `/api/admin/polls/${encodeURIComponent(poll.id)}/stop`),
            }),
          ]
        : []),
    );
  };

  const renderPromotions = () => {
    const running = new Map((state.flash ?? []).map((f) => [f.saleId, f]));
    $('flash').replaceChildren(
      ...options.flashSales.map((f) => {
        const on = running.get(f.id);
        return el(
          'div',
          { class: 'row', 'data-flash': f.id },
          el('span', { class: 'grow', text: `Flash ${f.id}: ${f.sku} at ${f.price}${on ? ` — ends in ${countdown(on.endsAt - Date.now())}` : ''}` }),
          on
            ? el('button', {
                type: 'button',
                class: 'quiet',
                text: 'Stop',
                onclick: () => act(`Flash sale ${f.id} stopped`, `/api/admin/flash/${encodeURIComponent(f.id)}/stop`),
              })
            : el('button', {
                type: 'button',
                text: 'Start',
                onclick: () => act(`Flash sale ${f.id} started`, `/api/admin/flash/${encodeURIComponent(f.id)}/start`),
              }),
        );
      }),
    );
    $('drops').replaceChildren(
      ...options.drops.map((d) =>
        el('button', {
          type: 'button',
          'data-drop': d.id,
          text: `Drop ${d.id}`,
          onclick: () => act(`Code ${d.id} dropped`, `/api/admin/drops/${encodeURIComponent(d.id)}`),
        }),
      ),
    );
    const progress = new Map((state.unlocks ?? []).map((u) => [u.id, u]));
    $('unlocks').replaceChildren(
      ...options.unlocks.map((u) => {
        const p = progress.get(u.id) ?? { count: 0, goal: u.goal, reached: false };
        return el(
          'div',
          { class: 'row', 'data-unlock': u.id },
          el('span', { class: 'grow', text: `Unlock ${u.id} ("${u.keyword}"): ${p.reached ? 'reached' : `${p.count}/${p.goal}`}` }),
          el('progress', { max: String(p.goal), value: String(Math.min(p.count, p.goal)) }),
          p.reached
            ? null
            : el('button', {
                type: 'button',
                text: 'Unlock now',
                onclick: () => act(`Unlock ${u.id} reached`, `/api/admin/unlocks/${encodeURIComponent(u.id)}`),
              }),
        );
      }),
    );
  };

  setInterval(() => {
    renderPoll();
    if ((state.flash ?? []).length) renderPromotions();
  }, 1000);

  return {
    async load() {
      options = /** @type {Controls} */ (await api('/api/admin/controls'));
      fill(featureSku, options.products, (p) => `${p.sku} — ${p.title}`);
      fill(pollId, options.polls, (p) => `${p.id}: ${p.question}`);
      startPoll.disabled = options.polls.length === 0;
      renderPromotions();
      sales.options({ auctions: options.auctions ?? [], giveaways: options.giveaways ?? [] });
    },
    /** @param {AdminState} next */
    state(next) {
      state = next;
      // Only a change moves the picker, so a choice being made is not undone by the next update.
      if (next.show?.featured && next.show.featured !== featured) featureSku.value = featured = next.show.featured;
      renderPoll();
      renderPromotions();
      sales.state({ auction: next.auction ?? null, giveaway: next.giveaway ?? null });
      if (next.ai) drafts.state(next.ai);
      review.state(next.ai?.review);
    },
  };
}
