/** Milliseconds the zone is ahead of UTC at `at` (negative west of Greenwich). */
export function zoneOffsetMs(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The last millisecond of a calendar day (YYYY-MM-DD) in the show's timezone: "expires 2026-12-31" means all of that day there. */
export function endOfDayIn(date: string, timeZone: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const naive = Date.UTC(y!, m! - 1, d!, 23, 59, 59, 999);
  return naive - zoneOffsetMs(timeZone, naive - zoneOffsetMs(timeZone, naive));
}
