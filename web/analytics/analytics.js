// @ts-check
// The seller's analytics page: reads the admin-only analytics API with the dashboard's session
// cookie and draws everything with DOM nodes and a hand-written SVG (no inline code: the CSP).
import { $, clock, el, money, pct, put, svg, table } from './dom.js';
import { renderAcross } from './across.js';
import { productRankings } from './rankings.js';

/**
 * @typedef {import('./report-types.js').ShowReport} ShowReport
 * @typedef {import('./report-types.js').CrossShowReport} CrossShowReport
 * @typedef {import('./report-types.js').Tally} Tally
 */

const PALETTE = ['#2da44e', '#8250df', '#bf3989', '#1b7c83', '#9a6700', '#0550ae', '#cf222e', '#57606a'];

/**
 * @param {string} path
 * @returns {Promise<unknown>}
 */
async function api(path) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) throw Object.assign(new Error('login'), { login: true });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
  return res.json();
}

/**
 * @param {Array<string | null>} skus
 * @returns {(sku: string | null) => string}
 */
function colorOf(skus) {
  /** @type {Map<string | null, string>} */
  const map = new Map();
  for (const sku of skus) if (sku && !map.has(sku)) map.set(sku, PALETTE[map.size % PALETTE.length]);
  return (sku) => map.get(sku) ?? '#2a2a36';
}

/** @param {ShowReport} report */
function drawTimeline(report) {
  const buckets = report.timeline;
  if (buckets.length === 0) {
    put('chart', el('p', { class: 'empty' }, 'No timeline yet: this show has not gone live.'));
    $('legend').replaceChildren();
    return;
  }
  const color = colorOf(buckets.map((b) => b.featured));
  const W = 1000;
  const H = 220;
  const top = 22;
  const bottom = 18;
  const plot = H - top - bottom;
  const step = W / Math.max(1, buckets.length);
  const maxChat = Math.max(1, ...buckets.map((b) => b.chat));
  const maxVotes = Math.max(1, ...buckets.map((b) => b.votes));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'engagement per 10 seconds' });
  let votePath = '';
  buckets.forEach((b, i) => {
    const x = i * step;
    root.append(svg('rect', { x, y: 0, width: step + 0.5, height: 14, fill: color(b.featured) }));
    const h = (b.chat / maxChat) * plot;
    if (b.chat > 0) root.append(svg('rect', { class: 'chat', x: x + step * 0.1, y: top + plot - h, width: step * 0.8, height: h }));
    for (let k = 0; k < b.buys; k++) root.append(svg('circle', { class: 'buy', cx: x + step / 2, cy: top + plot - 4 - k * 7, r: 3 }));
    votePath += `${i === 0 ? 'M' : 'L'}${(x + step / 2).toFixed(1)},${(top + plot - (b.votes / maxVotes) * plot * 0.9).toFixed(1)}`;
  });
  if (buckets.some((b) => b.votes > 0)) root.append(svg('path', { class: 'vote', d: votePath }));
  // A label where each featured span starts.
  buckets.forEach((b, i) => {
    if (b.featured && (i === 0 || buckets[i - 1].featured !== b.featured || buckets[i - 1].runId !== b.runId)) {
      root.append(svg('text', { class: 'label', x: i * step + 3, y: 11 }, b.featured));
    }
  });
  for (const m of report.goldenSeconds.moments) {
    const i = buckets.findIndex((b) => b.runId === m.runId && b.startMs === m.second * 1000);
    if (i >= 0) root.append(svg('text', { class: 'star', x: i * step + step / 2 - 5, y: top + 12 }, '★'));
  }
  const minutes = buckets.length / 6;
  const every = minutes > 60 ? 15 : minutes > 20 ? 5 : 1;
  // labelled by each bucket's own show-clock time: a warm-up before going live runs below 0
  buckets.forEach((b, i) => {
    const m = b.startMs / 60_000;
    if (Number.isInteger(m) && m % every === 0) root.append(svg('text', { class: 'axis', x: i * step, y: H - 4 }, `${m < 0 ? '−' : ''}${Math.abs(m)}′`));
    if (b.startMs === 0 && i > 0) root.append(svg('line', { class: 'golive', x1: i * step, x2: i * step, y1: 0, y2: H - 14 }));
  });
  put('chart', root);
  const skus = [...new Set(/** @type {string[]} */ (buckets.map((b) => b.featured).filter(Boolean)))];
  const swatch = (/** @type {string} */ sku) => {
    const i = el('i');
    // CSSOM, not a style attribute: the page's CSP forbids inline styles
    i.style.background = color(sku);
    return i;
  };
  put('legend', el('span', {}, ...skus.map((s) => el('span', {}, swatch(s), s))));
}

/** @param {ShowReport} report */
function renderMoments(report) {
  $('scoring').textContent = `How: ${report.goldenSeconds.scoring}.`;
  const items = report.goldenSeconds.moments.map((m) =>
    el(
      'li',
      {},
      el('strong', {}, `${clock(m.second)}`),
      ` (run ${m.runId}) · score ${m.score} · ${m.chat} lines, ${m.buys} orders, ${m.votes} votes · featured ${m.featured ?? 'nothing'}`,
      el('ul', { class: 'said' }, ...m.lines.map((l) => el('li', {}, `${l.user} (${l.platform ?? '?'}): ${l.text}`))),
    ),
  );
  $('moments').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'No chat, orders or votes in this show yet.')]));
}

/** @param {ShowReport} report */
function renderShow(report) {
  drawTimeline(report);
  renderMoments(report);
  put(
    'segments',
    table(
      report.segments,
      [
        ['run', (s) => s.runId],
        ['featured', (s) => s.sku],
        ['from', (s) => clock(s.startMs / 1000)],
        ['to', (s) => clock(s.endMs / 1000)],
        ['chat', (s) => s.chat, 1],
        ['orders', (s) => s.orders, 1],
        ['featured units', (s) => s.featuredUnits, 1],
        ['units/min', (s) => s.featuredUnitsPerMinute, 1],
      ],
      'Nothing was featured while live yet.',
    ),
  );
  const c = report.conversions;
  put('rankings', productRankings(c.products, 'No sales in this show yet.'));
  $('mention-rule').textContent = `Mentioned: ${c.mentionRule}.`;
  put(
    'products',
    table(
      c.products,
      [
        ['SKU', (p) => p.sku],
        ['product', (p) => p.title],
        ['mentioned', (p) => p.mentioned, 1],
        ['buyers', (p) => p.buyers, 1],
        ['mentioned → bought', (p) => pct(p.rate), 1],
        ['paid buyers', (p) => p.paidBuyers, 1],
        ['units', (p) => p.units, 1],
        ['paid units', (p) => p.paidUnits, 1],
      ],
      'No sales in this show yet.',
    ),
  );
  put(
    'platforms',
    table(
      c.platforms,
      [
        ['platform', (p) => p.platform],
        ['chatters', (p) => p.chatters, 1],
        ['buyers', (p) => p.buyers, 1],
        ['chatters → buyers', (p) => pct(p.rate), 1],
        ['orders', (p) => p.orders, 1],
      ],
      'No chat or orders in this show yet.',
    ),
  );
  put(
    'codes',
    table(
      c.promoCodes,
      [
        ['code', (p) => p.code],
        ['source', (p) => p.source],
        ['ambassador', (p) => p.ambassador ?? ''],
        ['orders', (p) => p.orders, 1],
        ['paid', (p) => p.paidOrders, 1],
        ['revenue', (p) => money(p.paidCents, p.currency), 1],
        ['discount', (p) => money(p.discountCents, p.currency), 1],
      ],
      'No promo code used in this show yet.',
    ),
  );
  put(
    'ambassadors',
    table(
      c.ambassadors,
      [
        ['ambassador', (a) => a.ambassador],
        ['code', (a) => a.code],
        ['orders', (a) => a.orders, 1],
        ['paid', (a) => a.paidOrders, 1],
        ['revenue', (a) => money(a.paidCents, a.currency), 1],
        ['commission earned', (a) => money(a.commissionEarnedCents, a.currency), 1],
        ['pending', (a) => money(a.commissionPendingCents, a.currency), 1],
      ],
      'No ambassador sales in this show yet.',
    ),
  );
  put(
    'auctions',
    table(
      report.auctions ?? [],
      [
        ['auction', (a) => a.auction],
        ['result', (a) => (a.result === 'unsold' && a.reason ? `unsold (${a.reason})` : a.result)],
        ['start', (a) => money(a.startCents, a.currency), 1],
        ['final', (a) => (a.finalCents === null ? '' : money(a.finalCents, a.currency)), 1],
        ['× start', (a) => (a.priceRatio === null ? '' : a.priceRatio.toFixed(1)), 1],
        ['bids by platform', (a) => a.platforms.map((p) => `${p.platform} ${p.counted}${p.refused ? ` (+${p.refused} refused)` : ''}`).join(', ')],
        [
          'winning bid',
          (a) =>
            a.winningBid
              ? `${a.winningBid.platform ?? '?'}${a.winningBid.showMs === null ? '' : ` at ${clock(a.winningBid.showMs / 1000)}`}, ${Math.round(a.winningBid.beforeEndMs / 1000)} s before the end`
              : '',
        ],
      ],
      'No auction in this show yet.',
    ),
  );
  /**
   * @param {Tally} x
   * @param {string} cur
   */
  const t = (x, cur) => `${x.orders} · ${money(x.cents, cur)}`;
  put(
    'revenue',
    table(
      report.revenue,
      [
        ['currency', (r) => r.currency],
        ['paid', (r) => t(r.paid, r.currency), 1],
        ['held', (r) => t(r.held, r.currency), 1],
        ['expired', (r) => t(r.expired, r.currency), 1],
        ['cancelled', (r) => t(r.cancelled, r.currency), 1],
        ['refund due', (r) => t(r.refundDue, r.currency), 1],
        ['discounts', (r) => money(r.discountCents, r.currency), 1],
      ],
      'No sales in this show yet.',
    ),
  );
  const r = report.retention;
  $('retention-source').textContent = `Source: ${r.label}.`;
  if (r.source === 'audience.count') {
    put(
      'retention',
      el('p', {}, `Peak ${r.peak ? `${r.peak.viewers} at minute ${r.peak.minute}` : '–'}, average ${r.average}, last minute ${pct(r.endOfPeak)} of the peak.`),
    );
  } else {
    const e = r.early;
    const summary = el(
      'p',
      {},
      `${e.viewers} viewers wrote in the first ${e.firstMinutes} minutes; ${e.stillActiveLater} (${pct(e.share)}) wrote again later.`,
    );
    const windows = table(
      e.byWindow,
      [
        ['minutes', (w) => `${w.fromMinute}–${w.toMinute}`],
        ['still writing', (w) => w.active, 1],
        ['share', (w) => pct(w.share), 1],
      ],
      'The show is too short to see who stayed yet.',
    );
    $('retention').replaceChildren(summary, windows);
  }
}

/**
 * @param {string} id
 * @param {string} [run]
 */
async function loadShow(id, run) {
  const path = `/api/analytics/${encodeURIComponent(id)}${run ? `?run=${encodeURIComponent(run)}` : ''}`;
  const report = /** @type {ShowReport} */ (await api(path));
  const runs = /** @type {HTMLSelectElement} */ ($('run'));
  const chosen = run ?? '';
  runs.replaceChildren(
    el('option', { value: '' }, 'all runs'),
    ...report.runs.map((r) => el('option', { value: r.id }, `run ${r.id} · ${new Date(r.startedAt).toLocaleString()}`)),
  );
  runs.value = String(chosen);
  runs.disabled = false;
  const csv = /** @type {HTMLAnchorElement} */ ($('csv'));
  csv.href = `${path}${run ? '&' : '?'}format=csv`;
  csv.hidden = false;
  renderShow(report);
  $('report').hidden = false;
}

async function main() {
  try {
    const across = /** @type {CrossShowReport} */ (await api('/api/analytics'));
    renderAcross(across);
    $('across').hidden = false;
    const params = new URLSearchParams(location.search);
    const shows = /** @type {HTMLSelectElement} */ ($('show'));
    shows.replaceChildren(...[...across.shows].reverse().map((s) => el('option', { value: s.id }, s.name)));
    shows.disabled = across.shows.length === 0;
    const first = params.get('show') ?? across.shows[across.shows.length - 1]?.id;
    if (!first) return;
    shows.value = first;
    const reload = (/** @type {string | undefined} */ run) => loadShow(shows.value, run).catch(fail);
    shows.addEventListener('change', () => reload(undefined));
    $('run').addEventListener('change', (e) => reload(/** @type {HTMLSelectElement} */ (e.target).value || undefined));
    await loadShow(first, params.get('run') ?? undefined);
  } catch (err) {
    fail(err);
  }
}

/** @param {unknown} err what api() threw (`login` when the session is missing), or a bug */
function fail(err) {
  const e = /** @type {Error & { login?: boolean }} */ (err);
  if (e.login) {
    $('login').hidden = false;
    return;
  }
  $('error').textContent = `Could not load analytics: ${e.message}`;
  $('error').hidden = false;
}

main();
