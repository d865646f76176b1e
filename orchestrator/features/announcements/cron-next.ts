import { zoneOffsetMs } from '../../commerce/zoned-time.js';

/** A wall-clock moment in some timezone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The UTC instant of a wall-clock time in `timeZone` (a time skipped by a DST change lands just after it). */
export function localToUtc(t: LocalTime, timeZone: string): number {
  const naive = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  return naive - zoneOffsetMs(timeZone, naive - zoneOffsetMs(timeZone, naive));
}

/** The wall-clock time in `timeZone` at the instant `at`. */
export function utcToLocal(at: number, timeZone: string): LocalTime {
  const d = new Date(at + zoneOffsetMs(timeZone, at));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

interface CronFields {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  // Classic cron: when both day fields are restricted, a day matching either one counts.
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

const NAMES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};

function value(token: string): number {
  return NAMES[token.toLowerCase()] ?? Number(token);
}

/** One cron field as the sorted values it allows; undefined when it does not parse. */
function field(text: string, min: number, max: number): number[] | undefined {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d+))?$/i.exec(part);
    if (!m) return undefined;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    const [lo, hi] = m[1] === '*' ? [min, max] : m[1]!.includes('-') ? m[1]!.split('-').map(value) : [value(m[1]!), m[2] === undefined ? value(m[1]!) : max];
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo! < min || hi! > max || lo! > hi! || step < 1) return undefined;
    for (let v = lo!; v <= hi!; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses a five-field cron expression; undefined when it is not one. */
export function parseCron(expression: string): CronFields | undefined {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return undefined;
  const [mi, h, dom, mon, dow] = parts as [string, string, string, string, string];
  const minutes = field(mi, 0, 59);
  const hours = field(h, 0, 23);
  const days = field(dom, 1, 31);
  const months = field(mon, 1, 12);
  const weekdays = field(dow, 0, 7);
  if (!minutes || !hours || !days || !months || !weekdays) return undefined;
  // 7 is Sunday too.
  const wd = new Set(weekdays.map((d) => d % 7));
  return { minutes, hours, days: new Set(days), months: new Set(months), weekdays: wd, daysRestricted: !dom.startsWith('*'), weekdaysRestricted: !dow.startsWith('*') };
}

function dayMatches(c: CronFields, year: number, month: number, day: number): boolean {
  if (!c.months.has(month)) return false;
  const byDay = c.days.has(day);
  const byWeekday = c.weekdays.has(new Date(Date.UTC(year, month - 1, day)).getUTCDay());
  if (c.daysRestricted && c.weekdaysRestricted) return byDay || byWeekday;
  return byDay && byWeekday;
}

/**
 * The first run of `expression` strictly after `now`, read in `timeZone` (so it follows daylight
 * saving like node-cron does); undefined for an expression that never runs within five years.
 */
export function nextCronRun(expression: string, timeZone: string, now: number): number | undefined {
  const c = parseCron(expression);
  if (!c) return undefined;
  const today = utcToLocal(now, timeZone);
  // Walk local calendar days; only matching days cost timezone look-ups.
  for (let i = 0; i < 5 * 366; i++) {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    const [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    if (!dayMatches(c, year, month, day)) continue;
    for (const hour of c.hours) {
      if (i === 0 && hour < today.hour) continue;
      for (const minute of c.minutes) {
        const at = localToUtc({ year, month, day, hour, minute }, timeZone);
        if (at > now) return at;
      }
    }
  }
  return undefined;
}
