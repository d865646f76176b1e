import { Cron } from 'croner';

/** Something scheduled that can be called off. */
export interface Cancel {
  stop(): void;
}

/** Runs `run` on a cron expression read in `timezone` until stopped; `name` says which job in reports. Injectable for tests. */
export type CronScheduler = (expression: string, timezone: string, run: () => void, name: string) => Cancel;

/**
 * The real scheduler: croner, which follows the timezone's daylight-saving changes (a fixed time
 * skipped by the change runs just after it; a fixed time that happens twice runs once).
 */
export const cronScheduler: CronScheduler = (expression, timezone, run, name) => {
  const job = new Cron(
    expression,
    {
      timezone,
      // A run still busy is not started a second time alongside itself.
      protect: true,
      // One failing run is reported and stops neither the process nor the schedule.
      catch: (err) => console.error(`showcart: cron job ${name} failed:`, err),
      // No croner `name`: croner refuses a second live job of one name, and two shows in one
      // process may each have a drop of the same id.
    },
    run,
  );
  return { stop: () => job.stop() };
};

/**
 * The first run of `expression` strictly after `from` (epoch ms), read in `timeZone` with the DST
 * rules of `cronScheduler`; undefined for an expression croner does not take or one that never
 * runs again.
 */
export function nextCronRun(expression: string, timeZone: string, from: number): number | undefined {
  try {
    return new Cron(expression, { timezone: timeZone }).nextRun(new Date(from))?.getTime();
  } catch {
    return undefined;
  }
}
