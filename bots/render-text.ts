import { PLATFORM_LABEL, type Addressee, type RelayLine, type TextSpan } from '../orchestrator/chat-types.js';
import type { Rendered } from '../orchestrator/channel.js';

export type { TextSpan, ViewerValue } from '../orchestrator/chat-types.js';

/** A text body as the renderers read it: `spans`, when present, is `text` with its viewer values marked. */
export interface TextBody {
  text: string;
  spans?: readonly TextSpan[];
}

export interface TextStyle {
  /** Escapes a relayed line a viewer wrote for the platform's markup (links they typed stay links). */
  escape(text: string): string;
  /** Escapes a viewer's name or word inside our text: no markup, link, mention, command or line break survives. */
  name(text: string): string;
  /** Wraps the origin tag, e.g. bold on platforms with markup. */
  tag(label: string): string;
}

// Embeddings, overrides and isolates reorder what follows them ("evil\u202Egnp.exe" reads "evilexe.png").
const BIDI_SCOPES = /[\u202a-\u202e\u2066-\u2069]/g;
// ... and the marks, which a name or a relayed line never needs either.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes every bidi control character (U+202E RIGHT-TO-LEFT OVERRIDE and friends): for viewer strings. */
export function stripBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * Removes the bidi controls that act on a whole run of text (embeddings, overrides, isolates): for
 * our own texts, which may quote a viewer. Left and right marks stay, a translation may need them.
 */
export function stripBidiScopes(text: string): string {
  return text.replace(BIDI_SCOPES, '');
}

/** A name on one line: line breaks, tabs and other C0/C1 controls become one space. */
export function nameLine(text: string): string {
  return stripBidi(text)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * "evil.example", "https://x" and "tg://x" stop being links: `joiner` (an invisible character no
 * platform counts as part of a URL) goes after every ".", ":" and "/", even at the end of the
 * value (our own words may follow) and before a space (some "spaces" are URL characters to Telegram).
 */
export function breakLinks(text: string, joiner: string): string {
  return text.replace(/[.:/]/g, `$&${joiner}`);
}

/** The body's spans, or its whole text as our own words when it has none. */
export function spansOf(body: TextBody): readonly TextSpan[] {
  return body.spans ?? [body.text];
}

/** Writes spans out: our words through `own`, viewer values through `value`. */
export function joinSpans(spans: readonly TextSpan[], own: (text: string) => string, value: (text: string) => string): string {
  return spans.map((s) => (typeof s === 'string' ? own(s) : value(s.viewer))).join('');
}

/** The text with no markup anywhere (web page, tests): viewer values lose only their bidi controls and line breaks. */
export function plainText(body: TextBody): string {
  return body.spans ? joinSpans(body.spans, stripBidiScopes, nameLine) : stripBidiScopes(body.text);
}

/** No markup: bidi controls are dropped from what viewers wrote, names stay on one line. */
export const PLAIN: TextStyle = { escape: stripBidi, name: nameLine, tag: (label) => `[${label}]` };

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
    const piece = `${head}${style.name(line.author)}: ${style.escape(line.text)}`;
    const added = (pieces.length > 0 ? SEPARATOR.length : 0) + piece.length;
    if (length + added > budget) {
      // A single line longer than the limit is trimmed rather than lost.
      if (pieces.length === 0) pieces.push(`${piece.slice(0, cutBefore(piece, Math.max(0, budget - 1)))}…`);
      break;
    }
    pieces.push(piece);
    length += added;
    previous = line.platform;
  }
  const text = [...pieces, ...(tail ? [tail] : [])].join(SEPARATOR);
  return { parts: text === '' ? [] : [text], omitted: lines.length - pieces.length };
}

/**
 * Where a hard cut at `at` may fall: never between the halves of a surrogate pair, and never
 * right after a backslash, which would leave the escape in one part and what it escapes in the next.
 */
function cutBefore(text: string, at: number): number {
  if (at < 2) return at;
  if (/[\uD800-\uDBFF]/.test(text[at - 1]!)) return at - 1;
  let run = 0;
  while (run < at && text[at - 1 - run] === '\\') run++;
  // Backslashes pair up from the start of a run; an odd count means the last one escapes what follows.
  return run % 2 === 1 ? at - 1 : at;
}

/** Splits long text at paragraph, line, sentence or word boundaries, never inside a word if it can help it. */
export function splitText(text: string, maxLength: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > maxLength) {
    const window = rest.slice(0, maxLength);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf('. ') + 1, window.lastIndexOf(' '));
    const at = cut > maxLength / 2 ? cut : cutBefore(rest, maxLength);
    parts.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** How a platform writes the people of a notice (see {@link renderNotice}). */
export interface NoticeStyle {
  /** One person as the platform names them (a mention), with what is theirs alone. */
  person(person: Addressee): string;
  /** Our words, escaped for the platform. */
  words(body: TextBody): string;
  /** Between two people. */
  separator: string;
  /** At most this many people in one message (a platform caps mentions or entities per message). */
  maxPeople: number;
}

/**
 * "@a @b @c: you're in — …": as many people as fit in `maxLength` (at least one), then our words
 * once; the people left over are reported as omitted, so the outbox names them in the next one.
 */
export function renderNotice(body: TextBody & { people: readonly Addressee[] }, maxLength: number, style: NoticeStyle): Rendered {
  const words = style.words(body);
  const budget = maxLength - words.length - 2;
  const named: string[] = [];
  let length = 0;
  for (const person of body.people) {
    if (named.length >= style.maxPeople) break;
    const piece = style.person(person);
    const added = (named.length > 0 ? style.separator.length : 0) + piece.length;
    if (named.length > 0 && length + added > budget) break;
    named.push(piece);
    length += added;
  }
  const text = `${named.join(style.separator)}: ${words}`;
  return { parts: text.length <= maxLength ? [text] : splitText(text, maxLength), omitted: body.people.length - named.length };
}

/** A notice in plain text (web page, tests): "Ann, Bob #2: …". */
export const PLAIN_NOTICE: NoticeStyle = {
  person: (p) => `${nameLine(p.userName)}${p.detail ? ` ${stripBidiScopes(p.detail)}` : ''}`,
  words: plainText,
  separator: ', ',
  maxPeople: 50,
};
