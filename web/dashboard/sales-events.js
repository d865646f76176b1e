// @ts-check
// The seller's auction and giveaway buttons: start one of the show file, see it run (price,
// leader, clock; entries, winner, claim window), pause, end, close and draw, open the draw's proof.
import { actions, countdown, el, money } from './api.js';

/**
 * @typedef {object} Auction orchestrator/commerce/auctions/auction-types.ts (AuctionView)
 * @property {string} key
 * @property {string} title
 * @property {string} currency
 * @property {'open' | 'paused' | 'sold' | 'unsold'} state
 * @property {number} startCents
 * @property {number | undefined} priceCents
 * @property {string | undefined} highName
 * @property {number} bids
 * @property {number} endsAt
 * @property {number | undefined} pausedLeftMs
 * @property {boolean} hasReserve
 * @property {boolean} reserveMet
 *
 * @typedef {object} Giveaway orchestrator/commerce/giveaways/giveaway-types.ts (GiveawayView)
 * @property {string} key
 * @property {string} title
 * @property {'open' | 'claiming' | 'claimed' | 'unclaimed' | 'empty'} state
 * @property {number} entries
 * @property {number} closesAt
 * @property {string} commitment
 * @property {number} round
 * @property {string | undefined} winnerName
 * @property {number | undefined} claimUntil
 *
 * @typedef {{ auction?: Auction | null, giveaway?: Giveaway | null }} SalesState
 * @typedef {{ auctions?: Array<{ id: string, sku: string }>, giveaways?: Array<{ id: string, sku: string }> }} SalesOptions
 */

/**
 * @param {HTMLElement} box where the section goes (inside the Show panel)
 * @param {(text: string, bad?: boolean) => void} notify
 */
export function salesEvents(box, notify) {
  /** @type {SalesOptions} */
  let options = {};
  /** @type {SalesState} */
  let state = {};

  const act = actions(notify);
  /** @param {string} text @param {() => unknown} onclick @param {string} [cls] */
  const button = (text, onclick, cls) => el('button', { type: 'button', text, onclick, ...(cls && { class: cls }) });

  /**
   * One Start button per auction or giveaway of the show file, all off while one runs.
   * @param {string} kind
   * @param {'auctions' | 'giveaways'} path
   * @param {Array<{ id: string }>} list
   * @param {boolean} running
   */
  const startButtons = (kind, path, list, running) =>
    el(
      'div',
      { class: 'row wrap' },
      ...list.map((o) =>
        el('button', {
          type: 'button',
          text: `${kind} ${o.id}`,
          disabled: running,
          onclick: () => act(`${kind} ${o.id} started`, `/api/admin/${path}/${encodeURIComponent(o.id)}/start`),
        }),
      ),
    );

  const auctionPart = () => {
    const a = state.auction;
    const list = options.auctions ?? [];
    if (list.length === 0) return [];
    const now = a
      ? el(
          'div',
          { class: 'row', 'data-auction': a.key },
          el('span', {
            class: 'grow',
            text:
              `${a.title}: ${a.priceCents === undefined ? `opens at ${money(a.startCents, a.currency)}` : `${money(a.priceCents, a.currency)} by ${a.highName ?? 'someone'}`}` +
              ` — ${a.state === 'paused' ? `paused, ${countdown(a.pausedLeftMs ?? 0)} left` : `${countdown(a.endsAt - Date.now())} left`}, ${a.bids} bids` +
              `${a.hasReserve ? (a.reserveMet ? ', reserve met' : ', reserve not met') : ''}`,
          }),
          a.state === 'paused'
            ? button('Resume', () => act('Auction resumed', '/api/admin/auctions/current/resume'))
            : button('Pause', () => act('Auction paused', '/api/admin/auctions/current/pause'), 'quiet'),
          button('End now', () => act('Auction ended', '/api/admin/auctions/current/end', { sell: true })),
          button('End, no sale', () => act('Auction ended without a sale', '/api/admin/auctions/current/end', { sell: false }), 'quiet'),
        )
      : el('p', { class: 'muted', text: 'No auction running.' });
    const starts = startButtons('Auction', 'auctions', list, Boolean(a));
    return [el('h3', { text: 'Auctions' }), now, starts];
  };

  const giveawayPart = () => {
    const g = state.giveaway;
    const list = options.giveaways ?? [];
    if (list.length === 0) return [];
    /** @param {string} key */
    const proof = (key) => el('a', { href: `/api/giveaways/${encodeURIComponent(key)}/proof`, target: '_blank', rel: 'noopener', text: 'proof' });
    const now = g
      ? el(
          'div',
          { class: 'row', 'data-giveaway': g.key },
          el('span', {
            class: 'grow',
            text:
              g.state === 'open'
                ? `${g.title}: ${g.entries} entries — closes in ${countdown(g.closesAt - Date.now())} (commitment ${g.commitment.slice(0, 12)}…)`
                : `${g.title}: ${g.winnerName ?? 'a viewer'} won (draw ${g.round} of ${g.entries} entries) — ${countdown((g.claimUntil ?? 0) - Date.now())} to claim`,
          }),
          proof(g.key),
          g.state === 'open' ? button('Close and draw', () => act('Giveaway drawn', '/api/admin/giveaways/current/close')) : null,
        )
      : el('p', { class: 'muted', text: 'No giveaway running.' });
    const starts = startButtons('Giveaway', 'giveaways', list, Boolean(g));
    return [el('h3', { text: 'Giveaways' }), now, starts];
  };

  const render = () => box.replaceChildren(...auctionPart(), ...giveawayPart());
  // The clocks tick between state updates.
  setInterval(() => {
    if (state.auction || state.giveaway) render();
  }, 1000);

  return {
    /** @param {SalesOptions} next what the show file offers (GET /api/admin/controls) */
    options(next) {
      options = next;
      render();
    },
    /** @param {SalesState} next */
    state(next) {
      state = next;
      render();
    },
  };
}
