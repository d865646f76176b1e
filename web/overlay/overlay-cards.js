// @ts-check
// The overlay's standing cards: the featured product (at its flash price while a sale runs), the
// poll, unlock progress and flash-sale countdowns.
import { $, el, keyed, thumb, timer } from './overlay-dom.js';
import { t } from '../i18n.js';

/** @typedef {import('./overlay-dom.js').OverlayState} OverlayState */
/** @typedef {import('./overlay-dom.js').Code} Code */

/**
 * The product on screen; while a flash sale of it runs, the flash price (the figure the chats
 * quote) with the usual price struck through and the time left.
 * @param {OverlayState} state
 */
export function featured(state) {
  const box = $('featured');
  const p = state.featured;
  box.hidden = !p;
  if (!p) return;
  const sale = state.flash.find((s) => s.sku === p.sku && s.endsAt > Date.now());
  box.classList.toggle('on-sale', Boolean(sale));
  keyed(box, { p, sale }, () => {
    const price = el('div', 'prices');
    if (sale) {
      price.append(el('span', 'price', sale.price), el('s', 'was', p.price), timer(sale.endsAt));
    } else {
      price.append(el('span', 'price', p.price));
    }
    const text = el('div', 'text');
    text.append(el('div', 'title', p.title), price, el('div', 'sku', `!buy ${p.sku}`));
    return [thumb(p.image, p.title), text];
  });
}

/** @param {OverlayState} state */
export function poll(state) {
  const p = state.poll;
  const box = $('poll');
  box.hidden = !p;
  if (!p) return;
  keyed(box, p, () => {
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
    const meta = el('div', 'meta');
    if (p.state === 'open') meta.append(t('web.overlay.voteHint', { count: p.options.length }), timer(p.endsAt, 'left'));
    else meta.textContent = t('web.overlay.result', { n: p.total });
    return [el('h2', '', t('web.overlay.poll')), el('div', 'question', p.question), ...bars, meta];
  });
}

/**
 * A code shown large: what viewers type at checkout, readable from across the room.
 * @param {string} label
 * @param {Code} c
 */
export function codeBlock(label, c) {
  const block = el('div', 'code-block');
  block.dataset.code = c.code;
  const valid = el('div', 'valid', t('web.overlay.valid'));
  valid.append(timer(c.expiresAt, 'left'));
  block.append(el('div', 'label', label), el('div', 'code', c.code), valid);
  return block;
}

/**
 * Progress bars only while the stream is live (off air nobody can type the keyword); a code
 * reached shows large whether or not.
 * @param {OverlayState} state
 */
export function unlocks(state) {
  const box = $('unlocks');
  const fired = (state.codes ?? []).filter((c) => c.kind === 'unlock');
  const open = state.show.live ? (state.unlocks ?? []).filter((u) => !fired.some((c) => c.id === u.id)) : [];
  box.hidden = open.length === 0 && fired.length === 0;
  if (box.hidden) return;
  keyed(box, { open, fired }, () => [
    el('h2', '', t('web.overlay.unlock')),
    ...fired.map((c) => codeBlock(t('web.overlay.unlockedUseCode'), c)),
    ...open.map((u) => {
      const row = el('div', 'unlock');
      const words = u.reached
        ? t('web.overlay.unlocked', { keyword: u.keyword })
        : t('web.overlay.typeKeyword', { keyword: u.keyword, count: u.count, goal: u.goal });
      row.append(el('div', '', words));
      const track = el('div', 'track');
      const fill = el('div', 'fill');
      fill.style.width = `${Math.min(100, Math.round((u.count / u.goal) * 100))}%`;
      track.append(fill);
      row.append(track);
      return row;
    }),
  ]);
}

/**
 * The running auction, large: the standing bid and who leads (named as the show allows), the
 * clock, and what to type for the next step.
 * @param {OverlayState} state
 */
export function auction(state) {
  const a = state.auction ?? null;
  const box = $('auction');
  box.hidden = !a;
  if (!a) return;
  keyed(box, a, () => {
    const line = el('div', 'line');
    const standing = el('span', 'price', a.price ?? a.start);
    line.append(standing, a.state === 'open' ? timer(a.endsAt) : el('span', 'countdown', '⏸'));
    const who = el('div', 'meta', a.leader === null ? t('web.overlay.noBid') : a.leader);
    return [el('h2', '', `${t('web.overlay.auction')} · ${a.title}`), line, who, el('div', 'sku', t('web.overlay.bidHint', { next: a.nextPlain }))];
  });
}

/**
 * The running giveaway: how to enter and how many did, with the time left; then the winner.
 * @param {OverlayState} state
 */
export function giveaway(state) {
  const g = state.giveaway ?? null;
  const box = $('giveaway');
  box.hidden = !g;
  if (!g) return;
  keyed(box, g, () => {
    const head = el('h2', '', `${t('web.overlay.giveaway')} · ${g.title}`);
    if (g.state !== 'open') return [head, el('div', 'price', t('web.overlay.winner', { name: g.winner ?? '' }))];
    const line = el('div', 'line');
    line.append(el('span', '', t('web.overlay.enterHint', { keyword: g.keyword ?? 'none', n: g.entries })), timer(g.closesAt));
    return [head, line];
  });
}

/** @param {OverlayState} state */
export function flash(state) {
  const live = (state.flash ?? []).filter((s) => s.endsAt > Date.now());
  const box = $('flash');
  box.hidden = live.length === 0;
  keyed(box, live, () => [
    el('h2', '', t('web.overlay.flashSale')),
    ...live.map((s) => {
      const line = el('div', 'line');
      line.append(el('span', '', `${s.title} · ${s.price}`), timer(s.endsAt));
      return line;
    }),
  ]);
}
