import { Cron } from 'croner';

/** A wall-clock time in some timezone (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The instant (epoch ms) a wall-clock time happens in `timeZone`. A time skipped by a DST change
 * lands just after it, moved on by the gap (02:30 on Berlin's spring-forward night is 03:30 summer
 * time); a time that happens twice is its first occurrence.
 */
export function wallClockToInstant(t: WallClock, timeZone: string): number {
  const local = `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:00`;
  // croner reads an ISO time without an offset in the job's timezone. Without a function the
  // one-off job is never started: it only does the conversion.
  const once = new Cron(local, { timezone: timeZone }).getOnce();
  if (!once) throw new RangeError(`not a wall-clock time: ${local}`);
  return once.getTime();
}

// Building a formatter is the slow part, and a show uses one or two zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time in `timeZone` at the instant `at` (epoch ms). */
export function wallClockAt(at: number, timeZone: string): WallClock {
  const parts = new Map(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  );
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? NaN;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

/**
 * The last millisecond of a calendar day (YYYY-MM-DD) in `timeZone`: "expires 2026-12-31" means
 * all of that day there. Taken as the moment before the next day starts, so it holds on days a DST
 * change makes 23 or 25 hours long, even where the change happens at midnight.
 */
export function endOfDayIn(date: string, timeZone: string): number {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  // Date.UTC only rolls the calendar on (31 Dec → 1 Jan); no zone offset is involved.
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return wallClockToInstant({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone) - 1;
}
