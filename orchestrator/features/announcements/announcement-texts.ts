import { wallClockAt, type WallClock } from '../../shared/zoned-time.js';

const pad = (n: number) => String(n).padStart(2, '0');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const dateOf = (t: WallClock) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** "10 minutes", "1 hour", "1 hour 30 minutes", "24 hours": the time left, to the minute. */
export function timeLeft(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return plural(minutes, 'minute', 'minutes');
  if (minutes < 120 && minutes % 60 !== 0) return `1 hour ${plural(minutes - 60, 'minute', 'minutes')}`;
  return plural(Math.round(minutes / 60), 'hour', 'hours');
}

/** "19:00 Europe/Berlin" on the same local day as `now`, else "2026-12-05 19:00 Europe/Berlin". */
export function when(start: number, now: number, timeZone: string): string {
  const t = wallClockAt(start, timeZone);
  const time = `${pad(t.hour)}:${pad(t.minute)} ${timeZone}`;
  return dateOf(t) === dateOf(wallClockAt(now, timeZone)) ? time : `${dateOf(t)} ${time}`;
}

/** "Candle Night Live starts in 1 hour: Winter scents launch at 19:00 Europe/Berlin". */
export function upcomingText(o: { name: string; title?: string | undefined; start: number; now: number; timeZone: string }): string {
  const at = when(o.start, o.now, o.timeZone);
  return `${o.name} starts in ${timeLeft(o.start - o.now)}${o.title ? `: ${o.title}` : ''} at ${at}`;
}

/** "Candle Night Live is live now! Watch: https://… · https://…". */
export function liveText(name: string, watchLinks: readonly string[]): string {
  return watchLinks.length > 0 ? `${name} is live now! Watch: ${watchLinks.join(' · ')}` : `${name} is live now!`;
}

/** The end-of-show recap: what sold this run and when the next show is. */
export function recapText(o: {
  name: string;
  paidOrders: number;
  soldOut: number;
  next?: { title?: string | undefined; start: number } | undefined;
  now: number;
  timeZone: string;
}): string {
  const sold = `${plural(o.paidOrders, 'paid order', 'paid orders')}, ${plural(o.soldOut, 'item', 'items')} sold out`;
  const next = o.next ? ` Next show${o.next.title ? `: ${o.next.title}` : ''} at ${when(o.next.start, o.now, o.timeZone)}.` : '';
  return `Thanks for watching ${o.name}! This show: ${sold}.${next}`;
}
