import { afterEach, describe, expect, it, vi } from 'vitest';
import { cronScheduler, nextCronRun } from '../../orchestrator/shared/cron.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const MIN = 60_000;
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const runs = (expression: string, timeZone: string, from: string, n: number) => {
  const out: Array<string | undefined> = [];
  let at = utc(from);
  for (let i = 0; i < n; i++) {
    const next = nextCronRun(expression, timeZone, at);
    out.push(iso(next));
    if (next === undefined) break;
    at = next;
  }
  return out;
};

// 2026: Berlin springs forward on 29 March at 02:00 and falls back on 25 October at 03:00;
// New York springs forward on 8 March at 02:00 and falls back on 1 November at 02:00.
describe('the next run of a cron expression', () => {
  it('GIVEN a daily 02:30 WHEN the spring-forward night skips it THEN it runs just after the gap, at 03:00 summer time', () => {
    expect(runs('30 2 * * *', BERLIN, '2026-03-28T12:00:00Z', 2)).toEqual(['2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(runs('30 2 * * *', NEW_YORK, '2026-03-07T12:00:00Z', 2)).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z']);
  });

  it('GIVEN a daily fixed time WHEN the fall-back night repeats it THEN it runs once, at the first occurrence', () => {
    expect(runs('30 2 * * *', BERLIN, '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(runs('30 1 * * *', NEW_YORK, '2026-10-31T12:00:00Z', 2)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
  });

  it('GIVEN an every-30-minutes expression WHEN the spring-forward gap comes THEN the skipped times are not run', () => {
    expect(runs('*/30 * * * *', BERLIN, '2026-03-29T00:15:00Z', 3)).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ]);
  });

  it('GIVEN a weekly Friday 19:00 WHEN the weeks cross a DST change THEN it stays at 19:00 local', () => {
    expect(runs('0 19 * * FRI', NEW_YORK, '2026-03-05T12:00:00Z', 2)).toEqual(['2026-03-07T00:00:00.000Z', '2026-03-13T23:00:00.000Z']);
    expect(runs('0 19 * * 5', BERLIN, '2026-10-22T12:00:00Z', 2)).toEqual(['2026-10-23T17:00:00.000Z', '2026-10-30T18:00:00.000Z']);
  });

  it('GIVEN expressions that are no cron or never run WHEN asked THEN there is no next run', () => {
    expect(nextCronRun('not a cron', 'UTC', 0)).toBeUndefined();
    expect(nextCronRun('0 0 31 2 *', BERLIN, utc('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('the croner-backed scheduler', () => {
  afterEach(() => vi.useRealTimers());

  it('GIVEN a daily 02:30 in Berlin WHEN the spring-forward night passes THEN it runs once, at 03:00 summer time, until stopped', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-28T12:00:00Z') });
    const ran: string[] = [];
    const job = cronScheduler('30 2 * * *', BERLIN, () => void ran.push(new Date().toISOString()), 'test:gap');
    await vi.advanceTimersByTimeAsync(utc('2026-03-29T01:00:00Z') - Date.now() - 1);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(MIN);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatch(/^2026-03-29T01:00:00/);
    job.stop();
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN);
    expect(ran).toHaveLength(1);
  });

  it('GIVEN a daily 02:30 in Berlin WHEN the fall-back night repeats 02:30 THEN it runs once', async () => {
    vi.useFakeTimers({ now: new Date('2026-10-24T23:00:00Z') });
    const ran: string[] = [];
    const job = cronScheduler('30 2 * * *', BERLIN, () => void ran.push(new Date().toISOString()), 'test:repeat');
    await vi.advanceTimersByTimeAsync(4 * 60 * MIN);
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatch(/^2026-10-25T00:30:00/);
    job.stop();
  });

  it('GIVEN a run that throws WHEN the next time comes THEN the failure is reported and the job runs again', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-05T12:00:00Z') });
    const reported: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void reported.push(args));
    let calls = 0;
    const job = cronScheduler(
      '*/5 * * * *',
      'UTC',
      () => {
        calls++;
        throw new Error('boom');
      },
      'test:throws',
    );
    await vi.advanceTimersByTimeAsync(11 * MIN);
    job.stop();
    error.mockRestore();
    expect(calls).toBe(2);
    expect(reported).toHaveLength(2);
    expect(String((reported[0] as unknown[])[0])).toContain('test:throws');
  });
});
