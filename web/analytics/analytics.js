// The seller's analytics page: reads the admin-only analytics API with the dashboard's session
// cookie and draws everything with DOM nodes and a hand-written SVG (no inline code: the CSP).
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2da44e', '#8250df', '#bf3989', '#1b7c83', '#9a6700', '#0550ae', '#cf222e', '#57606a'];

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

const money = (cents, currency) => `${(cents / 100).toFixed(2)} ${currency}`;
const pct = (rate) => (rate === null || rate === undefined ? '–' : `${Math.round(rate * 1000) / 10}%`);
const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/** A table from rows; columns are [heading, value-of-row, numeric?]. */
function table(rows, columns) {
  if (rows.length === 0) return el('p', { class: 'empty' }, 'Nothing yet.');
  const head = el('tr', {}, ...columns.map(([h, , num]) => el('th', num ? { class: 'num' } : {}, h)));
  const body = rows.map((r) => el('tr', {}, ...columns.map(([, get, num]) => el('td', num ? { class: 'num' } : {}, get(r) ?? ''))));
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...body));
}

function put(id, node) {
  $(id).replaceChildren(node);
}

async function api(path) {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) throw Object.assign(new Error('login'), { login: true });
  if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
  return res.json();
}

function colorOf(skus) {
  const map = new Map();
  for (const sku of skus) if (sku && !map.has(sku)) map.set(sku, PALETTE[map.size % PALETTE.length]);
  return (sku) => map.get(sku) ?? '#d0d7de';
}

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
  const skus = [...new Set(buckets.map((b) => b.featured).filter(Boolean))];
  put('legend', el('span', {}, ...skus.map((s) => el('span', {}, el('i', { style: `background:${color(s)}` }), s))));
}

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

function renderShow(report) {
  drawTimeline(report);
  renderMoments(report);
  put('segments', table(report.segments, [['run', (s) => s.runId], ['featured', (s) => s.sku], ['from', (s) => clock(s.startMs / 1000)], ['to', (s) => clock(s.endMs / 1000)], ['chat', (s) => s.chat, 1], ['orders', (s) => s.orders, 1], ['featured units', (s) => s.featuredUnits, 1], ['units/min', (s) => s.featuredUnitsPerMinute, 1]]));
  const c = report.conversions;
  $('mention-rule').textContent = `Mentioned: ${c.mentionRule}.`;
  put('products', table(c.products, [['SKU', (p) => p.sku], ['product', (p) => p.title], ['mentioned', (p) => p.mentioned, 1], ['buyers', (p) => p.buyers, 1], ['mentioned → bought', (p) => pct(p.rate), 1], ['paid buyers', (p) => p.paidBuyers, 1], ['units', (p) => p.units, 1], ['paid units', (p) => p.paidUnits, 1]]));
  put('platforms', table(c.platforms, [['platform', (p) => p.platform], ['chatters', (p) => p.chatters, 1], ['buyers', (p) => p.buyers, 1], ['chatters → buyers', (p) => pct(p.rate), 1], ['orders', (p) => p.orders, 1]]));
  put('codes', table(c.promoCodes, [['code', (p) => p.code], ['source', (p) => p.source], ['ambassador', (p) => p.ambassador ?? ''], ['orders', (p) => p.orders, 1], ['paid', (p) => p.paidOrders, 1], ['revenue', (p) => money(p.paidCents, p.currency), 1], ['discount', (p) => money(p.discountCents, p.currency), 1]]));
  put('ambassadors', table(c.ambassadors, [['ambassador', (a) => a.ambassador], ['code', (a) => a.code], ['orders', (a) => a.orders, 1], ['paid', (a) => a.paidOrders, 1], ['revenue', (a) => money(a.paidCents, a.currency), 1], ['commission earned', (a) => money(a.commissionEarnedCents, a.currency), 1], ['pending', (a) => money(a.commissionPendingCents, a.currency), 1]]));
  const t = (x, cur) => `${x.orders} · ${money(x.cents, cur)}`;
  put('revenue', table(report.revenue, [['currency', (r) => r.currency], ['paid', (r) => t(r.paid, r.currency), 1], ['held', (r) => t(r.held, r.currency), 1], ['expired', (r) => t(r.expired, r.currency), 1], ['cancelled', (r) => t(r.cancelled, r.currency), 1], ['refund due', (r) => t(r.refundDue, r.currency), 1], ['discounts', (r) => money(r.discountCents, r.currency), 1]]));
  const r = report.retention;
  $('retention-source').textContent = `Source: ${r.label}.`;
  if (r.source === 'audience.count') {
    put('retention', el('p', {}, `Peak ${r.peak ? `${r.peak.viewers} at minute ${r.peak.minute}` : '–'}, average ${r.average}, last minute ${pct(r.endOfPeak)} of the peak.`));
  } else {
    const e = r.early;
    const summary = el('p', {}, `${e.viewers} viewers wrote in the first ${e.firstMinutes} minutes; ${e.stillActiveLater} (${pct(e.share)}) wrote again later.`);
    const windows = table(e.byWindow, [['minutes', (w) => `${w.fromMinute}–${w.toMinute}`], ['still writing', (w) => w.active, 1], ['share', (w) => pct(w.share), 1]]);
    $('retention').replaceChildren(summary, windows);
  }
}

function renderAcross(x) {
  const best = [];
  if (x.bestProduct) best.push(`Best product: ${x.bestProduct.title} (${x.bestProduct.units} units over ${x.bestProduct.shows} shows)`);
  if (x.bestWeekday) best.push(`best day: ${x.bestWeekday.key} (${x.bestWeekday.unitsPerRun} units per run)`);
  if (x.bestHour) best.push(`best start hour: ${x.bestHour.key}:00 ${x.timezone}`);
  $('best').textContent = best.length ? `${best.join('; ')}.` : 'No past shows yet.';
  put('across-products', table(x.products, [['SKU', (p) => p.sku], ['product', (p) => p.title], ['shows', (p) => p.shows, 1], ['units', (p) => p.units, 1], ['per show', (p) => p.unitsPerShow, 1], ['paid', (p) => Object.entries(p.paid).map(([cur, c]) => money(c, cur)).join(', '), 1]]));
  const slots = [...x.byWeekday.map((s) => ({ ...s, kind: 'day' })), ...x.byHour.map((s) => ({ ...s, key: `${s.key}:00`, kind: 'hour' }))];
  put('slots', table(slots, [['', (s) => s.kind], ['when', (s) => s.key], ['runs', (s) => s.runs, 1], ['units', (s) => s.units, 1], ['units per run', (s) => s.unitsPerRun, 1]]));
  put('best-segments', table(x.bestSegments, [['show', (s) => s.showId], ['featured', (s) => s.sku], ['from', (s) => clock(s.startMs / 1000)], ['to', (s) => clock(s.endMs / 1000)], ['units', (s) => s.featuredUnits, 1], ['units/min', (s) => s.featuredUnitsPerMinute, 1]]));
  put('forecast', table(x.forecast, [['SKU', (f) => f.sku], ['product', (f) => f.title], ['expected units', (f) => f.units, 1], ['how', (f) => f.explanation]]));
}

async function loadShow(id, run) {
  const path = `/api/analytics/${encodeURIComponent(id)}${run ? `?run=${encodeURIComponent(run)}` : ''}`;
  const report = await api(path);
  const runs = $('run');
  const chosen = run ?? '';
  runs.replaceChildren(el('option', { value: '' }, 'all runs'), ...report.runs.map((r) => el('option', { value: r.id }, `run ${r.id} · ${new Date(r.startedAt).toLocaleString()}`)));
  runs.value = String(chosen);
  runs.disabled = false;
  const csv = $('csv');
  csv.href = `${path}${run ? '&' : '?'}format=csv`;
  csv.hidden = false;
  renderShow(report);
  $('report').hidden = false;
}

async function main() {
  try {
    const across = await api('/api/analytics');
    renderAcross(across);
    $('across').hidden = false;
    const params = new URLSearchParams(location.search);
    const shows = $('show');
    shows.replaceChildren(...[...across.shows].reverse().map((s) => el('option', { value: s.id }, s.name)));
    shows.disabled = across.shows.length === 0;
    const first = params.get('show') ?? across.shows[across.shows.length - 1]?.id;
    if (!first) return;
    shows.value = first;
    const reload = (run) => loadShow(shows.value, run).catch(fail);
    shows.addEventListener('change', () => reload(undefined));
    $('run').addEventListener('change', (e) => reload(e.target.value || undefined));
    await loadShow(first, params.get('run') ?? undefined);
  } catch (err) {
    fail(err);
  }
}

function fail(err) {
  if (err.login) {
    $('login').hidden = false;
    return;
  }
  $('error').textContent = `Could not load analytics: ${err.message}`;
  $('error').hidden = false;
}

main();
