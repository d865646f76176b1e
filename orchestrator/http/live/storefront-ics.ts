import express, { type Router } from 'express';
import type { RunningShow } from '../../show.js';
import { nextShowStart } from '../../features/announcements/next-start.js';

/** The next scheduled show as the viewer page and its calendar file give it. */
export interface NextShowInfo {
  title: string;
  /** UTC epoch ms. */
  start: number;
  end: number;
}

/** One calendar event (RFC 5545 VEVENT). */
export interface IcsEvent {
  uid: string;
  /** When the file was made (DTSTAMP), UTC epoch ms. */
  stamp: number;
  start: number;
  end: number;
  summary: string;
  url: string;
}

/** The show's next start from its schedule, or null when none is left. */
export function nextShowOf(show: Pick<RunningShow, 'config'>, now: number): NextShowInfo | null {
  const meta = show.config.show;
  const next = nextShowStart(meta.schedule, meta.timezone, now);
  if (!next) return null;
  // `duration` is in ms already (config/schema/primitives.ts Duration).
  return { title: next.entry.title ?? meta.name, start: next.start, end: next.start + next.entry.duration };
}

/** RFC 5545 TEXT: backslash, semicolon and comma escaped, line breaks as `\n`, other controls dropped. */
export function icsText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // Controls other than the line break are not allowed in TEXT.
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, '\\n')
  );
}

/** A UTC DATE-TIME: 20261205T180000Z. */
export function icsUtc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character: calendar
 * apps refuse or garble longer lines, and a show title may be Cyrillic.
 */
export function icsFold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line may hold 75 octets; continuation lines start with a space, so 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A whole calendar file with one event, CRLF line ends as the format requires. */
export function icsCalendar(event: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//showcart//next show//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${icsText(event.uid)}`,
    `DTSTAMP:${icsUtc(event.stamp)}`,
    `DTSTART:${icsUtc(event.start)}`,
    `DTEND:${icsUtc(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    // A URI value, not TEXT: it is not escaped (the address comes from the show file, not a request).
    `URL:${event.url}`,
    `DESCRIPTION:${icsText(`Watch and shop live: ${event.url}`)}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(icsFold).join('\r\n')}\r\n`;
}

export interface NextShowIcsDeps {
  show: Pick<RunningShow, 'config' | 'id'>;
  /** Where viewers reach the page (SiteLinks.base): never the request's Host, which anyone can set. */
  siteBase: () => string;
}

/** GET /api/next-show.ics: the next scheduled show as a calendar event, 404 when none is scheduled. */
export function nextShowIcsRoutes(deps: NextShowIcsDeps): Router {
  const router = express.Router();
  router.get('/next-show.ics', (_req, res) => {
    const now = Date.now();
    const next = nextShowOf(deps.show, now);
    if (!next) return void res.status(404).type('text/plain').send('No show is scheduled.');
    const base = deps.siteBase();
    const body = icsCalendar({
      // Stable per show and start: importing the file twice updates one event instead of adding two.
      uid: `${deps.show.id}-${icsUtc(next.start)}@${new URL(base).host}`,
      stamp: now,
      start: next.start,
      end: next.end,
      summary: next.title,
      url: `${base}/`,
    });
    res
      .set('Cache-Control', 'public, max-age=60')
      .set('Content-Disposition', 'attachment; filename="next-show.ics"')
      .type('text/calendar; charset=utf-8')
      .send(body);
  });
  return router;
}
