// @ts-check
// The analytics page's across-shows part: best product, day and hour, best segments and the forecast.
import { $, clock, money, put, table } from './dom.js';
import { productRankings } from './rankings.js';

/** @param {import('./report-types.js').CrossShowReport} x */
export function renderAcross(x) {
  /** @type {string[]} */
  const best = [];
  // a product that sold nothing is nobody's best
  if (x.bestProduct && x.bestProduct.units > 0)
    best.push(`Best product: ${x.bestProduct.title} (${x.bestProduct.units} units over ${x.bestProduct.shows} shows)`);
  if (x.bestWeekday) best.push(`best day: ${x.bestWeekday.key} (${x.bestWeekday.unitsPerRun} units per run)`);
  if (x.bestHour) best.push(`best start hour: ${x.bestHour.key}:00 ${x.timezone}`);
  $('best').textContent = best.length ? `${best.join('; ')}.` : 'No past shows yet.';
  put('across-rankings', productRankings(x.products, 'No sales in any show yet.'));
  put(
    'across-products',
    table(
      x.products,
      [
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
      ],
      'No sales in any show yet.',
    ),
  );
  const slots = [...x.byWeekday.map((s) => ({ ...s, kind: 'day' })), ...x.byHour.map((s) => ({ ...s, key: `${s.key}:00`, kind: 'hour' }))];
  put(
    'slots',
    table(
      slots,
      [
        ['', (s) => s.kind],
        ['when', (s) => s.key],
        ['runs', (s) => s.runs, 1],
        ['units', (s) => s.units, 1],
        ['units per run', (s) => s.unitsPerRun, 1],
      ],
      'No past shows yet.',
    ),
  );
  put(
    'best-segments',
    table(
      x.bestSegments,
      [
        ['show', (s) => s.showId],
        ['featured', (s) => s.sku],
        ['from', (s) => clock(s.startMs / 1000)],
        ['to', (s) => clock(s.endMs / 1000)],
        ['units', (s) => s.featuredUnits, 1],
        ['units/min', (s) => s.featuredUnitsPerMinute, 1],
      ],
      'No featured segment with sales yet.',
    ),
  );
  put(
    'forecast',
    table(
      x.forecast,
      [
        ['SKU', (f) => f.sku],
        ['product', (f) => f.title],
        ['expected units', (f) => f.units, 1],
        ['how', (f) => f.explanation],
      ],
      'No forecast yet: it needs at least one past show with sales.',
    ),
  );
}
