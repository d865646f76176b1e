/** One past show's sales of a product, oldest first in a series. */
export interface ShowUnits {
  showId: string;
  units: number;
}

export interface Forecast {
  /** Expected units at the next show, one decimal, never negative. */
  units: number;
  /** The weighted mean before the trend was added. */
  mean: number;
  /** Units per show the trend adds (0 with fewer than `MIN_SHOWS_FOR_TREND` shows). */
  trend: number;
  shows: string[];
  explanation: string;
}

/** Each show weighs half as much as the one after it. */
export const DECAY = 0.5;
/** With two points any line fits exactly; a trend needs three shows before it is believed. */
export const MIN_SHOWS_FOR_TREND = 3;

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Units expected at the next show from the units of past shows (oldest first): a recency-weighted
 * mean (weight 0.5^(age in shows), so the last show counts 1, the one before 0.5, …) plus a
 * trend, the slope of the weighted least-squares line through (show number, units), projected
 * from the weighted centre of the shows to the next show. Undefined without any past show.
 */
export function forecastUnits(series: readonly ShowUnits[]): Forecast | undefined {
  const n = series.length;
  if (n === 0) return undefined;
  const w = series.map((_, i) => DECAY ** (n - 1 - i));
  const sw = w.reduce((a, b) => a + b, 0);
  const mean = series.reduce((s, p, i) => s + w[i]! * p.units, 0) / sw;
  const centre = series.reduce((s, _, i) => s + w[i]! * (i + 1), 0) / sw;
  let trend = 0;
  if (n >= MIN_SHOWS_FOR_TREND) {
    const sxy = series.reduce((s, p, i) => s + w[i]! * (i + 1 - centre) * (p.units - mean), 0);
    const sxx = series.reduce((s, _, i) => s + w[i]! * (i + 1 - centre) ** 2, 0);
    trend = sxx > 0 ? sxy / sxx : 0;
  }
  const ahead = n + 1 - centre;
  const raw = mean + trend * ahead;
  const units = r1(Math.max(0, raw));
  const history = series.map((p, i) => `${p.showId}: ${p.units} ×${r2(w[i]!)}`).join(', ');
  const trendText =
    n >= MIN_SHOWS_FOR_TREND
      ? ` ${trend >= 0 ? '+' : '−'} trend ${r2(Math.abs(trend))}/show × ${r2(ahead)} shows ahead`
      : ` (no trend: fewer than ${MIN_SHOWS_FOR_TREND} shows)`;
  const floor = raw < 0 ? `, floored at 0 from ${r2(raw)}` : '';
  return {
    units,
    mean: r2(mean),
    trend: r2(trend),
    shows: series.map((p) => p.showId),
    explanation: `${units} = recency-weighted mean ${r2(mean)} units/show over ${n} show${n === 1 ? '' : 's'} (${history})${trendText}${floor}`,
  };
}
