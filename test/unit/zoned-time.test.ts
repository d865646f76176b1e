import { describe, expect, it } from 'vitest';
import { endOfDayIn, wallClockAt, wallClockToInstant } from '../../orchestrator/shared/zoned-time.js';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();
const at = (date: string, hour: number, minute: number) => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, hour, minute };
};

// 2026: Berlin springs forward on 29 March at 02:00 and falls back on 25 October at 03:00;
// New York springs forward on 8 March at 02:00 and falls back on 1 November at 02:00.
describe('wall-clock time in a timezone', () => {
  it('GIVEN ordinary times in winter and summer WHEN placed in Berlin and New York THEN they get that day’s offset', () => {
    expect(iso(wallClockToInstant(at('2026-01-15', 19, 0), BERLIN))).toBe('2026-01-15T18:00:00.000Z');
    expect(iso(wallClockToInstant(at('2026-07-15', 19, 0), BERLIN))).toBe('2026-07-15T17:00:00.000Z');
    expect(iso(wallClockToInstant(at('2026-01-15', 19, 0), NEW_YORK))).toBe('2026-01-16T00:00:00.000Z');
    expect(iso(wallClockToInstant(at('2026-07-15', 19, 0), NEW_YORK))).toBe('2026-07-15T23:00:00.000Z');
  });

  it('GIVEN a time the spring-forward change skips WHEN placed THEN it lands just after the gap, moved on by the hour skipped', () => {
    expect(iso(wallClockToInstant(at('2026-03-29', 2, 30), BERLIN))).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(iso(wallClockToInstant(at('2026-03-08', 2, 30), NEW_YORK))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('GIVEN a time the fall-back change repeats WHEN placed THEN it is its first occurrence, still on summer time', () => {
    expect(iso(wallClockToInstant(at('2026-10-25', 2, 30), BERLIN))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(wallClockToInstant(at('2026-11-01', 1, 30), NEW_YORK))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
  });

  it('GIVEN instants around the changes WHEN read as wall-clock time THEN the clock jumps forward and repeats as it does there', () => {
    expect(wallClockAt(Date.parse('2026-03-29T00:59:00Z'), BERLIN)).toEqual(at('2026-03-29', 1, 59));
    expect(wallClockAt(Date.parse('2026-03-29T01:00:00Z'), BERLIN)).toEqual(at('2026-03-29', 3, 0));
    expect(wallClockAt(Date.parse('2026-10-25T00:30:00Z'), BERLIN)).toEqual(at('2026-10-25', 2, 30));
    expect(wallClockAt(Date.parse('2026-10-25T01:30:00Z'), BERLIN)).toEqual(at('2026-10-25', 2, 30));
    expect(wallClockAt(Date.parse('2026-11-01T04:00:00Z'), NEW_YORK)).toEqual(at('2026-11-01', 0, 0));
    expect(wallClockAt(Date.parse('2027-01-01T04:59:00Z'), NEW_YORK)).toEqual(at('2026-12-31', 23, 59));
  });
});

describe('the end of a local day', () => {
  it('GIVEN ordinary days WHEN their end is asked for THEN it is 23:59:59.999 local', () => {
    expect(iso(endOfDayIn('2026-12-31', BERLIN))).toBe('2026-12-31T22:59:59.999Z');
    expect(iso(endOfDayIn('2026-07-01', BERLIN))).toBe('2026-07-01T21:59:59.999Z');
    expect(iso(endOfDayIn('2026-07-01', NEW_YORK))).toBe('2026-07-02T03:59:59.999Z');
  });

  it('GIVEN the 23-hour and 25-hour days of the DST changes WHEN their end is asked for THEN it is the last moment of that local day', () => {
    expect(iso(endOfDayIn('2026-03-28', BERLIN))).toBe('2026-03-28T22:59:59.999Z');
    expect(iso(endOfDayIn('2026-03-29', BERLIN))).toBe('2026-03-29T21:59:59.999Z');
    expect(iso(endOfDayIn('2026-10-25', BERLIN))).toBe('2026-10-25T22:59:59.999Z');
    expect(iso(endOfDayIn('2026-03-08', NEW_YORK))).toBe('2026-03-09T03:59:59.999Z');
    expect(iso(endOfDayIn('2026-11-01', NEW_YORK))).toBe('2026-11-02T04:59:59.999Z');
  });
});
