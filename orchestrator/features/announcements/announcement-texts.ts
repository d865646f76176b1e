import type { Texts } from '../../i18n/texts.js';
import { wallClockAt, type WallClock } from '../../shared/zoned-time.js';

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (t: WallClock) => `${t.year}-${pad(t.month)}-${pad(t.day)}`;

/** "10 minutes", "1 hour", "1 hour 30 minutes", "24 hours": the time left, to the minute. */
export function timeLeft(texts: Texts, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return texts.t('announcements.minutes', { n: minutes });
  if (minutes < 120 && minutes % 60 !== 0) return texts.t('announcements.hourMinutes', { m: minutes - 60 });
  return texts.t('announcements.hours', { n: Math.round(minutes / 60) });
}

/** "19:00 Europe/Berlin" on the same local day as `now`, else "2026-12-05 19:00 Europe/Berlin". */
export function when(start: number, now: number, timeZone: string): string {
  const t = wallClockAt(start, timeZone);
  const time = `${pad(t.hour)}:${pad(t.minute)} ${timeZone}`;
  return dateOf(t) === dateOf(wallClockAt(now, timeZone)) ? time : `${dateOf(t)} ${time}`;
}

/** "Candle Night Live starts in 1 hour: Winter scents launch at 19:00 Europe/Berlin". */
export function upcomingText(texts: Texts, o: { name: string; title?: string | undefined; start: number; now: number; timeZone: string }): string {
  const values = { name: o.name, left: timeLeft(texts, o.start - o.now), at: when(o.start, o.now, o.timeZone) };
  return o.title ? texts.t('announcements.upcomingTitle', { ...values, title: o.title }) : texts.t('announcements.upcoming', values);
}

/** "Candle Night Live is live now! Watch: https://… · https://…". */
export function liveText(texts: Texts, name: string, watchLinks: readonly string[]): string {
  return watchLinks.length > 0 ? texts.t('announcements.liveWatch', { name, links: watchLinks.join(' · ') }) : texts.t('announcements.live', { name });
}

/** The end-of-show recap: what sold this run and when the next show is. */
export function recapText(
  texts: Texts,
  o: {
    name: string;
    paidOrders: number;
    soldOut: number;
    next?: { title?: string | undefined; start: number } | undefined;
    now: number;
    timeZone: string;
  },
): string {
  const recap = texts.t('announcements.recap', { name: o.name, orders: o.paidOrders, items: o.soldOut });
  if (!o.next) return recap;
  const at = when(o.next.start, o.now, o.timeZone);
  const next = o.next.title ? texts.t('announcements.nextTitle', { title: o.next.title, at }) : texts.t('announcements.next', { at });
  return `${recap} ${next}`;
}
