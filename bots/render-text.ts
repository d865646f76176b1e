import { PLATFORM_LABEL, type RelayLine } from '../orchestrator/chat-types.js';
import type { Rendered } from '../orchestrator/channel.js';

export interface TextStyle {
  /** Escapes text for the platform's markup (identity for plain text). */
  escape(text: string): string;
  /** Wraps the origin tag, e.g. bold on platforms with markup. */
  tag(label: string): string;
}

export const PLAIN: TextStyle = { escape: (t) => t, tag: (label) => `[${label}]` };

const SEPARATOR = ' · ';

/**
 * "[Twitch] Alice: hi · Bob: wow · [Discord] Carl: yo · +12 more": lines grouped by origin, as
 * many as fit in `maxLength`. `more` (lines dropped earlier) is always shown; lines that do not
 * fit are reported as omitted so the outbox sends them next time.
 */
export function renderRelay(lines: RelayLine[], more: number, maxLength: number, style: TextStyle = PLAIN): Rendered {
  const tail = more > 0 ? `+${more} more` : '';
  const budget = maxLength - (tail ? tail.length + SEPARATOR.length : 0);
  const pieces: string[] = [];
  let length = 0;
  let previous: string | undefined;
  for (const line of lines) {
    const head = line.platform !== previous ? `${style.tag(PLATFORM_LABEL[line.platform])} ` : '';
    const piece = `${head}${style.escape(line.author)}: ${style.escape(line.text)}`;
    const added = (pieces.length > 0 ? SEPARATOR.length : 0) + piece.length;
    if (length + added > budget) {
      // A single line longer than the limit is trimmed rather than lost.
      if (pieces.length === 0) pieces.push(`${piece.slice(0, Math.max(0, budget - 1))}…`);
      break;
    }
    pieces.push(piece);
    length += added;
    previous = line.platform;
  }
  const text = [...pieces, ...(tail ? [tail] : [])].join(SEPARATOR);
  return { parts: text === '' ? [] : [text], omitted: lines.length - pieces.length };
}

/** Splits long text at paragraph, line, sentence or word boundaries, never inside a word if it can help it. */
export function splitText(text: string, maxLength: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > maxLength) {
    const window = rest.slice(0, maxLength);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf('. ') + 1, window.lastIndexOf(' '));
    const at = cut > maxLength / 2 ? cut : maxLength;
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}
