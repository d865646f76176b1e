import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnnouncements } from '../../orchestrator/features/announcements/announcements.js';
import { nextCronRun } from '../../orchestrator/shared/cron.js';
import { dueAnnouncement, nextWake } from '../../orchestrator/features/announcements/due.js';
import { nextShowStart } from '../../orchestrator/features/announcements/next-start.js';
import { featureHarness } from '../support/feature-harness.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const BERLIN = 'Europe/Berlin';
const utc = (iso: string) => Date.parse(iso);

describe('the next show start', () => {
  it('GIVEN at-entries in Europe/Berlin WHEN they fall either side of the DST changes THEN 19:00 local is 18:00 UTC in winter and 17:00 UTC in summer', () => {
    const schedule = (at: string) => [{ at, duration: 90 * MIN }];
    const now = utc('2026-01-01T00:00:00Z');
    expect(nextShowStart(schedule('2026-03-28T19:00'), BERLIN, now)?.start).toBe(utc('2026-03-28T18:00:00Z'));
    expect(nextShowStart(schedule('2026-03-29T19:00'), BERLIN, now)?.start).toBe(utc('2026-03-29T17:00:00Z'));
    expect(nextShowStart(schedule('2026-10-24T19:00'), BERLIN, now)?.start).toBe(utc('2026-10-24T17:00:00Z'));
    expect(nextShowStart(schedule('2026-10-25T19:00'), BERLIN, now)?.start).toBe(utc('2026-10-25T18:00:00Z'));
  });

  it('GIVEN several entries WHEN some are past THEN the earliest one still ahead wins, and none is left after the last', () => {
    const schedule = [
      { title: 'Old', at: '2026-12-01T19:00', duration: HOUR },
      { title: 'Later', at: '2026-12-12T19:00', duration: HOUR },
      { title: 'Soon', at: '2026-12-05T19:00', duration: HOUR },
    ];
    expect(nextShowStart(schedule, BERLIN, utc('2026-12-03T00:00:00Z'))).toEqual({ entry: schedule[2], start: utc('2026-12-05T18:00:00Z') });
    expect(nextShowStart(schedule, BERLIN, utc('2026-12-13T00:00:00Z'))).toBeUndefined();
  });

  it('GIVEN a weekly cron WHEN read in Europe/Berlin THEN it runs at local time and follows DST', () => {
    // Fridays 19:00: from Thursday 2026-03-26 the next is Friday 27 (winter, UTC+1) …
    expect(nextCronRun('0 19 * * 5', BERLIN, utc('2026-03-26T12:00:00Z'))).toBe(utc('2026-03-27T18:00:00Z'));
    // … and the one after is 3 April (summer, UTC+2).
    expect(nextCronRun('0 19 * * FRI', BERLIN, utc('2026-03-27T18:00:00Z'))).toBe(utc('2026-04-03T17:00:00Z'));
    // Sundays: the day DST starts.
    expect(nextCronRun('0 19 * * 0', BERLIN, utc('2026-03-28T12:00:00Z'))).toBe(utc('2026-03-29T17:00:00Z'));
    expect(nextCronRun('30 8-10/2 1,15 * *', 'UTC', utc('2026-12-01T08:30:00Z'))).toBe(utc('2026-12-01T10:30:00Z'));
    expect(nextCronRun('not a cron', 'UTC', 0)).toBeUndefined();
    expect(nextShowStart([{ cron: '0 19 * * 5', duration: HOUR }], BERLIN, utc('2026-12-04T18:00:00Z'))?.start).toBe(utc('2026-12-11T18:00:00Z'));
  });
});

describe('which announcement is due', () => {
  const start = utc('2026-12-05T18:00:00Z');
  const before = [24 * HOUR, HOUR, 10 * MIN];

  it('GIVEN offsets of 24h, 1h and 10m WHEN each moment comes THEN exactly that one is due, once', () => {
    expect(dueAnnouncement(start, before, start - 25 * HOUR, new Set())).toEqual({ announce: undefined, handled: [] });
    expect(dueAnnouncement(start, before, start - 24 * HOUR, new Set())).toEqual({ announce: 24 * HOUR, handled: [24 * HOUR] });
    expect(dueAnnouncement(start, before, start - HOUR, new Set([24 * HOUR]))).toEqual({ announce: HOUR, handled: [HOUR] });
    expect(dueAnnouncement(start, before, start - 30 * MIN, new Set([24 * HOUR, HOUR]))).toEqual({ announce: undefined, handled: [] });
    expect(dueAnnouncement(start, before, start - 10 * MIN, new Set([24 * HOUR, HOUR]))).toEqual({ announce: 10 * MIN, handled: [10 * MIN] });
    expect(dueAnnouncement(start, before, start, new Set())).toEqual({ announce: undefined, handled: [] });
  });

  it('GIVEN the app starts 30 minutes before a show WHEN 24h and 1h are overdue THEN only the 1h one is said and both count as handled', () => {
    expect(dueAnnouncement(start, before, start - 30 * MIN, new Set())).toEqual({ announce: HOUR, handled: [24 * HOUR, HOUR] });
    expect(nextWake(start, before, start - 30 * MIN, new Set([24 * HOUR, HOUR]))).toBe(start - 10 * MIN);
    expect(nextWake(start, before, start - 5 * MIN, new Set(before))).toBe(start);
  });
});

describe('announcements on a schedule', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-03T12:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN a weekly show WHEN the days pass THEN every room hears it at 24h, 1h and 10m, then again for the next week after the show', async () => {
    const h = featureHarness(
      `show:\n  id: c\n  name: Candle Night Live\n  timezone: Europe/Berlin\n  schedule:\n    - { title: Winter scents launch, cron: "0 19 * * 5" }\n`,
      [createAnnouncements({ facts: async () => ({ paidOrders: 3, soldOut: 1 }) })],
    );
    const { sent, texts } = h;
    const start = utc('2026-12-04T18:00:00Z'); // Friday 19:00 in Berlin

    await vi.advanceTimersByTimeAsync(start - 24 * HOUR - Date.now() - 1);
    expect(texts()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(texts()).toEqual(['Candle Night Live starts in 24 hours: Winter scents launch at 2026-12-04 19:00 Europe/Berlin']);
    expect(sent[0]).toMatchObject({ priority: 'alert', target: { kind: 'broadcast' } });
    await vi.advanceTimersByTimeAsync(23 * HOUR);
    await vi.advanceTimersByTimeAsync(50 * MIN);
    expect(texts().slice(1)).toEqual([
      'Candle Night Live starts in 1 hour: Winter scents launch at 19:00 Europe/Berlin',
      'Candle Night Live starts in 10 minutes: Winter scents launch at 19:00 Europe/Berlin',
    ]);

    await h.live(start);
    await vi.advanceTimersByTimeAsync(90 * MIN);
    await h.offline();
    expect(texts().slice(3)).toEqual([
      'Candle Night Live is live now!',
      'Thanks for watching Candle Night Live! This show: 3 paid orders, 1 item sold out. Next show: Winter scents launch at 2026-12-11 19:00 Europe/Berlin.',
    ]);

    await vi.advanceTimersByTimeAsync(utc('2026-12-10T18:00:00Z') - Date.now());
    expect(texts()).toHaveLength(6);
    expect(texts()[5]).toMatch(/^Candle Night Live starts in 24 hours/);
    await h.stop();
  });

  it('GIVEN the 1-hour announcement was made WHEN the show file is reloaded 50 minutes before the show THEN nothing is said twice and the 10-minute one comes on time', async () => {
    const yaml = `show:\n  id: c\n  name: Candle Night Live\n  timezone: Europe/Berlin\n  schedule:\n    - { title: Winter scents launch, cron: "0 19 * * 5" }\n`;
    const h = featureHarness(yaml, [createAnnouncements({ facts: async () => ({ paidOrders: 0, soldOut: 0 }) })]);
    const start = utc('2026-12-04T18:00:00Z');
    await vi.advanceTimersByTimeAsync(start - 50 * MIN - Date.now());
    expect(h.texts()).toHaveLength(2);

    await h.reload(yaml);
    await vi.advanceTimersByTimeAsync(40 * MIN - 1);
    expect(h.texts()).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.texts().slice(2)).toEqual(['Candle Night Live starts in 10 minutes: Winter scents launch at 19:00 Europe/Berlin']);
    await h.stop();
  });
});
