// @ts-check
// Chat lines, buys and votes per bucket, drawn by hand on a canvas; featured products as markers.
import { api } from './api.js';

/**
 * GET /api/admin/engagement (orchestrator/http/live/engagement.ts): counts per bucket, and which
 * event types each series counts, so live events are counted the same way.
 * @typedef {'chat' | 'buys' | 'paid' | 'votes'} SeriesName
 * @typedef {{ at: number } & Record<SeriesName, number>} Bucket
 * @typedef {{ bucketMs: number, from: number, to: number, series: Record<SeriesName, string[]>, buckets: Bucket[], featured: Array<{ at: number, sku: string }> }} Engagement
 */

const SHOWN = 180;
const COLORS = { chat: '#6ec1ff', buys: '#ffb020', votes: '#b48cff', featured: '#ff7a59' };

/** @param {HTMLCanvasElement} canvas */
export function engagementChart(canvas) {
  let bucketMs = 10_000;
  /** @type {Map<string, SeriesName>} event type → series */
  let seriesOf = new Map();
  /** @type {Bucket[]} */
  let buckets = [];
  /** @type {Engagement['featured']} */
  let featured = [];

  /** @param {number} at */
  const bucketAt = (at) => {
    const start = Math.floor(at / bucketMs) * bucketMs;
    let last = buckets[buckets.length - 1];
    while (!last || last.at < start) {
      last = { at: last ? last.at + bucketMs : start, chat: 0, buys: 0, paid: 0, votes: 0 };
      buckets.push(last);
    }
    if (buckets.length > 2000) buckets = buckets.slice(-2000);
    return buckets.find((b) => b.at === start);
  };

  const draw = () => {
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || canvas.width;
    const height = canvas.clientHeight || canvas.height;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const shown = buckets.slice(-SHOWN);
    if (shown.length === 0) return;
    const pad = { left: 36, right: 8, top: 10, bottom: 20 };
    const w = width - pad.left - pad.right;
    const h = height - pad.top - pad.bottom;
    const max = Math.max(1, ...shown.flatMap((b) => [b.chat, b.buys, b.votes]));
    /** @param {number} i */
    const x = (i) => pad.left + (shown.length === 1 ? w : (i / (SHOWN - 1)) * w);
    /** @param {number} v */
    const y = (v) => pad.top + h - (v / max) * h;

    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#9a9aab';
    ctx.strokeStyle = '#2a2a36';
    for (const v of [0, Math.round(max / 2), max]) {
      ctx.beginPath();
      ctx.moveTo(pad.left, y(v));
      ctx.lineTo(width - pad.right, y(v));
      ctx.stroke();
      ctx.fillText(String(v), 4, y(v) + 4);
    }
    const first = shown[0].at;
    for (const f of featured) {
      if (f.at < first) continue;
      const fx = x((f.at - first) / bucketMs);
      ctx.strokeStyle = COLORS.featured;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(fx, pad.top);
      ctx.lineTo(fx, pad.top + h);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = COLORS.featured;
      ctx.fillText(f.sku, fx + 3, pad.top + 10);
    }
    for (const name of /** @type {const} */ (['chat', 'buys', 'votes'])) {
      ctx.strokeStyle = COLORS[name];
      ctx.lineWidth = 2;
      ctx.beginPath();
      shown.forEach((b, i) => (i === 0 ? ctx.moveTo(x(i), y(b[name])) : ctx.lineTo(x(i), y(b[name]))));
      ctx.stroke();
      ctx.lineWidth = 1;
    }
    ctx.fillStyle = '#9a9aab';
    ctx.fillText(new Date(first).toLocaleTimeString(), pad.left, height - 4);
  };

  setInterval(() => {
    if (seriesOf.size) {
      bucketAt(Date.now());
      draw();
    }
  }, 1000);

  return {
    async load() {
      const data = /** @type {Engagement} */ (await api('/api/admin/engagement?bucket=10'));
      bucketMs = data.bucketMs;
      seriesOf = new Map(Object.entries(data.series).flatMap(([name, types]) => types.map((t) => /** @type {[string, SeriesName]} */ ([t, name]))));
      buckets = data.buckets;
      featured = data.featured;
      draw();
    },
    /** @param {import('./api.js').LiveEvent} event */
    handle(event) {
      if (event.type === 'show.featured') featured.push({ at: event.at, sku: /** @type {string} */ (event.data.sku) });
      const name = seriesOf.get(event.type);
      const bucket = name && bucketAt(event.at);
      if (bucket) bucket[name] += 1;
    },
  };
}
