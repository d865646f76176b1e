// @ts-check
// The seller's analytics page: reads the admin-only analytics API with the dashboard's session
// cookie and draws everything with DOM nodes and a hand-written SVG (no inline code: the CSP).

/**
 * GET /api/analytics/:show (orchestrator/analytics/show-report.ts and the files it names).
 * @typedef {object} ShowReport
 * @property {{ id: string, name: string }} show
 * @property {number | null} runId the run reported on; null for all of them
 * @property {Array<{ id: number, startedAt: number, endedAt: number | null, lengthMs: number }>} runs
 * @property {number} bucketMs
 * @property {Bucket[]} timeline
 * @property {{ scoring: string, moments: Moment[] }} goldenSeconds
 * @property {Segment[]} segments
 * @property {{ mentionRule: string, products: ProductConversion[], platforms: PlatformConversion[], promoCodes: CodeConversion[], ambassadors: AmbassadorConversion[] }} conversions
 * @property {CurrencyRevenue[]} revenue
 * @property {AudienceRetention | ChatRetention} retention
 * @typedef {{ runId: number, startMs: number, chat: number, buys: number, votes: number, featured: string | null }} Bucket `startMs` on the show clock
 * @typedef {{ runId: number, second: number, score: number, chat: number, buys: number, votes: number, featured: string | null, lines: Array<{ platform: string | null, user: string, text: string }> }} Moment
 * @typedef {{ runId: number, sku: string, startMs: number, endMs: number, chat: number, orders: number, featuredUnits: number, units: number, featuredUnitsPerMinute: number }} Segment
 * @typedef {{ sku: string, title: string, mentioned: number, buyers: number, mentionedAndBought: number, rate: number | null, paidBuyers: number, units: number, paidUnits: number }} ProductConversion
 * @typedef {{ platform: string, chatters: number, buyers: number, chattersWhoBought: number, rate: number | null, orders: number }} PlatformConversion
 * @typedef {{ code: string, source: string, ambassador: string | null, currency: string, orders: number, paidOrders: number, paidCents: number, discountCents: number }} CodeConversion
 * @typedef {{ ambassador: string, code: string, currency: string, orders: number, paidOrders: number, paidCents: number, commissionEarnedCents: number, commissionPendingCents: number }} AmbassadorConversion
 * @typedef {{ orders: number, cents: number }} Tally
 * @typedef {{ currency: string, paid: Tally, held: Tally, expired: Tally, cancelled: Tally, refundDue: Tally, preorders: Tally, discountCents: number }} CurrencyRevenue
 * @typedef {{ source: 'audience.count', label: string, perMinute: Array<{ minute: number, viewers: number }>, peak: { minute: number, viewers: number } | null, average: number, endOfPeak: number | null }} AudienceRetention
 * @typedef {{ firstMinutes: number, viewers: number, stillActiveLater: number, share: number | null, byWindow: Array<{ fromMinute: number, toMinute: number, active: number, share: number | null }> }} EarlyChatters
 * @typedef {{ source: 'chat-presence', label: string, perMinute: Array<{ minute: number, active: number }>, early: EarlyChatters }} ChatRetention
 *
 * GET /api/analytics (orchestrator/analytics/cross-show.ts).
 * @typedef {object} CrossShowReport
 * @property {string} timezone
 * @property {Array<{ id: string, name: string, startedAt: number | null, runs: number, orders: number, units: number, paid: Record<string, number> }>} shows oldest first
 * @property {ProductAcrossShows | null} bestProduct
 * @property {ProductAcrossShows[]} products
 * @property {Array<Slot<number>>} byHour
 * @property {Array<Slot<string>>} byWeekday
 * @property {Slot<number> | null} bestHour
 * @property {Slot<string> | null} bestWeekday
 * @property {Array<Segment & { showId: string }>} bestSegments
 * @property {Array<{ sku: string, title: string, units: number, mean: number, trend: number, shows: string[], explanation: string }>} forecast
 * @typedef {{ sku: string, title: string, shows: number, units: number, paidUnits: number, unitsPerShow: number, paid: Record<string, number> }} ProductAcrossShows `paid`: cents per currency
 */
/**
 * @template K
 * @typedef {{ key: K, runs: number, units: number, unitsPerRun: number }} Slot
 */

/**
 * One of this page's elements; every id asked for is in analytics/index.html.
 * @param {string} id
 */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2da44e', '#8250df', '#bf3989', '#1b7c83', '#9a6700', '#0550ae', '#cf222e', '#57606a'];

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {...(Node | string | number)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 */
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * @param {number} cents
 * @param {string} currency
 */
const money = (cents, currency) => `${(cents / 100).toFixed(2)} ${currency}`;
/** @param {number | null | undefined} rate */
const pct = (rate) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10}%`);
/** @param {number} seconds */
const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/**
 * A table from rows; columns are [heading, value-of-row, numeric?].
 * @template T
 * @param {T[]} rows
 * @param {Array<[string, (row: T) => string | number | null, number?]>} columns
 */
function table(rows, columns) {
  if (rows.length === 0) return el('p', { class: 'empty' }, 'Nothing yet.');
  const head = el('tr', {}, ...columns.map(([h, , num]) => el('th', num ? { class: 'num' } : {}, h)));
  const body = rows.map((r) => el('tr', {}, ...columns.map(([, get, num]) => el('td', num ? { class: 'num' } : {}, get(r) ?? ''))));
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...body));
}

/**
 * @param {string} id
 * @param {Node} node
 */
function put(id, node) {
  $(id).replaceChildren(node);
}

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
  return (sku) => map.get(sku) ?? '#d0d7de';
}

/** @param {ShowReport} report */
function drawTimeline(report) {
  const buckets = report.timeline;
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
  for (let m = 0; m <= minutes; m += every) root.append(svg('text', { class: 'axis', x: m * 6 * step, y: H - 4 }, `${m}′`));
  put('chart', root);
  const skus = [...new Set(/** @type {string[]} */ (buckets.map((b) => b.featured).filter(Boolean)))];
  put('legend', el('span', {}, ...skus.map((s) => el('span', {}, el('i', { style: `background:${color(s)}` }), s))));
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
  $('moments').replaceChildren(...(items.length ? items : [el('li', { class: 'empty' }, 'No moments yet.')]));
}

/** @param {ShowReport} report */
function renderShow(report) {
  drawTimeline(report);
  renderMoments(report);
  put(
    'segments',
    table(report.segments, [
      ['run', (s) => s.runId],
      ['featured', (s) => s.sku],
      ['from', (s) => clock(s.startMs / 1000)],
      ['to', (s) => clock(s.endMs / 1000)],
      ['chat', (s) => s.chat, 1],
      ['orders', (s) => s.orders, 1],
      ['featured units', (s) => s.featuredUnits, 1],
      ['units/min', (s) => s.featuredUnitsPerMinute, 1],
    ]),
  );
  const c = report.conversions;
  $('mention-rule').textContent = `Mentioned: ${c.mentionRule}.`;
  put(
    'products',
    table(c.products, [
      ['SKU', (p) => p.sku],
      ['product', (p) => p.title],
      ['mentioned', (p) => p.mentioned, 1],
      ['buyers', (p) => p.buyers, 1],
      ['mentioned → bought', (p) => pct(p.rate), 1],
      ['paid buyers', (p) => p.paidBuyers, 1],
      ['units', (p) => p.units, 1],
      ['paid units', (p) => p.paidUnits, 1],
    ]),
  );
  put(
    'platforms',
    table(c.platforms, [
      ['platform', (p) => p.platform],
      ['chatters', (p) => p.chatters, 1],
      ['buyers', (p) => p.buyers, 1],
      ['chatters → buyers', (p) => pct(p.rate), 1],
      ['orders', (p) => p.orders, 1],
    ]),
  );
  put(
    'codes',
    table(c.promoCodes, [
      ['code', (p) => p.code],
      ['source', (p) => p.source],
      ['ambassador', (p) => p.ambassador ?? ''],
      ['orders', (p) => p.orders, 1],
      ['paid', (p) => p.paidOrders, 1],
      ['revenue', (p) => money(p.paidCents, p.currency), 1],
      ['discount', (p) => money(p.discountCents, p.currency), 1],
    ]),
  );
  put(
    'ambassadors',
    table(c.ambassadors, [
      ['ambassador', (a) => a.ambassador],
      ['code', (a) => a.code],
      ['orders', (a) => a.orders, 1],
      ['paid', (a) => a.paidOrders, 1],
      ['revenue', (a) => money(a.paidCents, a.currency), 1],
      ['commission earned', (a) => money(a.commissionEarnedCents, a.currency), 1],
      ['pending', (a) => money(a.commissionPendingCents, a.currency), 1],
    ]),
  );
  /**
   * @param {Tally} x
   * @param {string} cur
   */
  const t = (x, cur) => `${x.orders} · ${money(x.cents, cur)}`;
  put(
    'revenue',
    table(report.revenue, [
      ['currency', (r) => r.currency],
      ['paid', (r) => t(r.paid, r.currency), 1],
      ['held', (r) => t(r.held, r.currency), 1],
      ['expired', (r) => t(r.expired, r.currency), 1],
      ['cancelled', (r) => t(r.cancelled, r.currency), 1],
      ['refund due', (r) => t(r.refundDue, r.currency), 1],
      ['discounts', (r) => money(r.discountCents, r.currency), 1],
    ]),
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
    const windows = table(e.byWindow, [
      ['minutes', (w) => `${w.fromMinute}–${w.toMinute}`],
      ['still writing', (w) => w.active, 1],
      ['share', (w) => pct(w.share), 1],
    ]);
    $('retention').replaceChildren(summary, windows);
  }
}

/** @param {CrossShowReport} x */
function renderAcross(x) {
  /** @type {string[]} */
  const best = [];
  if (x.bestProduct) best.push(`Best product: ${x.bestProduct.title} (${x.bestProduct.units} units over ${x.bestProduct.shows} shows)`);
  if (x.bestWeekday) best.push(`best day: ${x.bestWeekday.key} (${x.bestWeekday.unitsPerRun} units per run)`);
  if (x.bestHour) best.push(`best start hour: ${x.bestHour.key}:00 ${x.timezone}`);
  $('best').textContent = best.length ? `${best.join('; ')}.` : 'No past shows yet.';
  put(
    'across-products',
    table(x.products, [
      ['SKU', (p) => p.sku],
      ['product', (p) => p.title],
      ['shows', (p) => p.shows, 1],
      ['units', (p) => p.units, 1],
      ['per show', (p) => p.unitsPerShow, 1],
      [
        'paid',
        (p) =>
          Object.entries(p.paid)
            .map(([cur, c]) => money(c, cur))
            .join(', '),
        1,
      ],
    ]),
  );
  const slots = [...x.byWeekday.map((s) => ({ ...s, kind: 'day' })), ...x.byHour.map((s) => ({ ...s, key: `${s.key}:00`, kind: 'hour' }))];
  put(
    'slots',
    table(slots, [
      ['', (s) => s.kind],
      ['when', (s) => s.key],
      ['runs', (s) => s.runs, 1],
      ['units', (s) => s.units, 1],
      ['units per run', (s) => s.unitsPerRun, 1],
    ]),
  );
  put(
    'best-segments',
    table(x.bestSegments, [
      ['show', (s) => s.showId],
      ['featured', (s) => s.sku],
      ['from', (s) => clock(s.startMs / 1000)],
      ['to', (s) => clock(s.endMs / 1000)],
      ['units', (s) => s.featuredUnits, 1],
      ['units/min', (s) => s.featuredUnitsPerMinute, 1],
    ]),
  );
  put(
    'forecast',
    table(x.forecast, [
      ['SKU', (f) => f.sku],
      ['product', (f) => f.title],
      ['expected units', (f) => f.units, 1],
      ['how', (f) => f.explanation],
    ]),
  );
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
