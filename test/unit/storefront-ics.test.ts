import { describe, expect, it } from 'vitest';
import { icsCalendar, icsFold, icsText, icsUtc } from '../../orchestrator/http/live/storefront-ics.js';

const EVENT = {
  uid: 'demo-20300115T180000Z@shop.example',
  stamp: Date.UTC(2026, 11, 4, 12, 0, 5),
  start: Date.UTC(2030, 0, 15, 18, 0),
  end: Date.UTC(2030, 0, 15, 19, 30),
  summary: 'Candles, wax; and \\ more\nsecond line',
  url: 'https://shop.example/',
};

describe('the next show as a calendar file (RFC 5545)', () => {
  it('GIVEN text with commas, semicolons, backslashes and line breaks WHEN escaped THEN each is escaped and controls are dropped', () => {
    expect(icsText('a,b;c\\d\r\ne\nf\u0007g')).toBe('a\\,b\\;c\\\\d\\ne\\nfg');
  });

  it('GIVEN an instant WHEN written THEN it is a UTC DATE-TIME without milliseconds', () => {
    expect(icsUtc(Date.UTC(2030, 0, 15, 18, 0, 0, 999))).toBe('20300115T180000Z');
  });

  it('GIVEN an event WHEN made into a file THEN it is one VEVENT with UID, DTSTAMP, DTSTART, DTEND in UTC, escaped SUMMARY and URL, CRLF throughout', () => {
    const ics = icsCalendar(EVENT);
    const lines = ics.split('\r\n');
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//showcart//next show//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
    ]);
    expect(lines).toContain('UID:demo-20300115T180000Z@shop.example');
    expect(lines).toContain('DTSTAMP:20261204T120005Z');
    expect(lines).toContain('DTSTART:20300115T180000Z');
    expect(lines).toContain('DTEND:20300115T193000Z');
    expect(lines).toContain('SUMMARY:Candles\\, wax\\; and \\\\ more\\nsecond line');
    expect(lines).toContain('URL:https://shop.example/');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(lines.slice(-3)).toEqual(['END:VEVENT', 'END:VCALENDAR', '']);
  });

  it('GIVEN a long Cyrillic title WHEN folded THEN no line passes 75 octets, no character is split, and unfolding gives it back', () => {
    const line = `SUMMARY:${'Свечи ручной работы — '.repeat(8)}`;
    const folded = icsFold(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
    expect(icsFold('SHORT:line')).toBe('SHORT:line');
  });
});
