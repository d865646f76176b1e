import type { ScheduleEntry } from '../../../config/schema/show.js';
import { nextCronRun } from '../../shared/cron.js';
import { wallClockToInstant } from '../../shared/zoned-time.js';

/** A scheduled show and the UTC instant it starts. */
export interface NextShow {
  entry: ScheduleEntry;
  start: number;
}

/** Parses the schema's normalized "YYYY-MM-DDTHH:mm" and places it in `timeZone`. */
export function atToUtc(at: string, timeZone: string): number {
  const [year, month, day, hour, minute] = at.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  return wallClockToInstant({ year, month, day, hour, minute }, timeZone);
}

/** The earliest show of the schedule starting strictly after `now`; undefined when none is left. */
export function nextShowStart(schedule: readonly ScheduleEntry[], timeZone: string, now: number): NextShow | undefined {
  let best: NextShow | undefined;
  for (const entry of schedule) {
    const start = entry.at !== undefined ? atToUtc(entry.at, timeZone) : nextCronRun(entry.cron ?? '', timeZone, now);
    if (start === undefined || start <= now) continue;
    if (!best || start < best.start) best = { entry, start };
  }
  return best;
}
