import type { OutboundLink } from '../orchestrator/chat-types.js';
import { nameLine } from './render-text.js';

// Whitespace or a control character would end the address early in text, or smuggle a line break into it.
const UNSAFE_IN_URL = /[\s\u0000-\u001f\u007f-\u009f]/;
/** Below this many characters a part is a fragment rather than a sentence: better to shorten the last one. */
const MIN_PART = 80;

/**
 * The link as every adapter may show it: an absolute http(s) address without whitespace or control
 * characters, and a one-line label (the address's host when it has none). Anything else is shown
 * nowhere: a `javascript:` or malformed address is no link a buyer should be given.
 */
export function usableLink(link: OutboundLink | undefined): OutboundLink | undefined {
  if (link === undefined || UNSAFE_IN_URL.test(link.url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(link.url);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') return undefined;
  return { label: nameLine(link.label) || parsed.host, url: link.url };
}

/** At most `max` UTF-16 units of `text`, never ending inside a surrogate pair. */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max;
  return text.slice(0, Math.max(0, end));
}

/**
 * `text` followed by `tail` (an address) in at most `maxLength` characters: the text is shortened
 * with "…" when both do not fit, the tail never is. `undefined` when the tail alone does not fit.
 */
export function withTail(text: string, tail: string, maxLength: number): string | undefined {
  if (tail.length > maxLength) return undefined;
  if (text.length + tail.length <= maxLength) return text + tail;
  const room = maxLength - tail.length - 1;
  return room > 0 ? `${cutAt(text, room).trimEnd()}…${tail}` : tail.trimStart();
}

/**
 * `split(text, maxLength)`, with room left in the last part for `reserve` more characters (the
 * address an adapter appends to it). When the last part is too full, the text is split again at
 * `maxLength - reserve`; when that would leave parts too small to read, the split stays and the
 * adapter shortens the last part instead ({@link withTail}).
 */
export function splitLeavingRoom(text: string, maxLength: number, reserve: number, split: (text: string, maxLength: number) => string[]): string[] {
  const parts = split(text, maxLength);
  const last = parts.at(-1);
  if (reserve <= 0 || last === undefined || last.length + reserve <= maxLength) return parts;
  const room = maxLength - reserve;
  return room >= Math.min(maxLength, MIN_PART) ? split(text, room) : parts;
}
