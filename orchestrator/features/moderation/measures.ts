/**
 * Measures of a chat line that moderation compares with the show's limits. Text is counted in
 * graphemes, so an emoji made of several code points ("👍🏽") or an accented letter counts once.
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// Mentions and links say nothing about the writer's tone: a name may be all caps, a URL is full of signs.
const NOISE = /(?:@[\p{L}\p{N}_]+|\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+)/giu;

function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** The part of a line that tone rules look at: without mentions and links, trimmed. */
export function toneText(text: string): string {
  // A mention needs "@", a link "://" or "www.": most lines have none of them.
  if (!text.includes('@') && !text.includes('.') && !text.includes('://')) return text.trim();
  return text.replace(NOISE, ' ').trim();
}

/** Graphemes of a line that are not white space. */
export function visibleLength(text: string): number {
  return graphemes(text).filter((g) => !/^\s+$/u.test(g)).length;
}

/** Share of capitals among the letters that have a case, 0–100; 0 when there are none. */
export function capsPercent(text: string): number {
  let cased = 0;
  let upper = 0;
  for (const g of graphemes(text)) {
    const lower = g.toLocaleLowerCase();
    const up = g.toLocaleUpperCase();
    if (lower === up) continue;
    cased++;
    if (g === up) upper++;
  }
  return cased === 0 ? 0 : (upper / cased) * 100;
}

/** The tone measures of one line, counted in one pass: visible graphemes, % capitals, % signs. */
export interface ToneMeasures {
  length: number;
  capsPercent: number;
  symbolPercent: number;
}

// Nearly every chat line is plain ASCII, where a grapheme is a character ("\r\n" is white space either way).
const NON_ASCII = /[^\x00-\x7f]/;

/** {@link visibleLength}, {@link capsPercent} and {@link symbolPercent} of `text` at once (same results). */
export function toneMeasures(text: string): ToneMeasures {
  let visible = 0;
  let symbols = 0;
  let cased = 0;
  let upper = 0;
  if (!NON_ASCII.test(text)) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \s within ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
      if (c === 32 || (c >= 9 && c <= 13)) continue;
      visible++;
      if (c >= 65 && c <= 90) {
        cased++;
        upper++;
      } else if (c >= 97 && c <= 122) cased++;
      else if (!(c >= 48 && c <= 57)) symbols++;
    }
  } else {
    for (const { segment: g } of segmenter.segment(text)) {
      if (/^\s+$/u.test(g)) continue;
      visible++;
      if (!/^[\p{L}\p{N}]/u.test(g)) symbols++;
      const lower = g.toLocaleLowerCase();
      const up = g.toLocaleUpperCase();
      if (lower === up) continue;
      cased++;
      if (g === up) upper++;
    }
  }
  return {
    length: visible,
    capsPercent: cased === 0 ? 0 : (upper / cased) * 100,
    symbolPercent: visible === 0 ? 0 : (symbols / visible) * 100,
  };
}

/** Share of graphemes that are neither letters, digits nor white space (signs, emoji), 0–100. */
export function symbolPercent(text: string): number {
  let visible = 0;
  let symbols = 0;
  for (const g of graphemes(text)) {
    if (/^\s+$/u.test(g)) continue;
    visible++;
    if (!/^[\p{L}\p{N}]/u.test(g)) symbols++;
  }
  return visible === 0 ? 0 : (symbols / visible) * 100;
}

/**
 * What makes two lines "the same" for the repeat rule: case, accents of width (NFKC), punctuation
 * and spacing do not matter, and a stretched letter is one ("hiii" = "hi"). A line of signs only
 * (emoji spam) keeps its signs so it still compares.
 */
export function sameness(text: string): string {
  if (!NON_ASCII.test(text)) {
    const lower = text.toLocaleLowerCase();
    // (A locale may lower an ASCII letter to a non-ASCII one: then the general path below.)
    const key = NON_ASCII.test(lower) ? '' : asciiSameness(lower);
    if (key !== '') return key;
  }
  const folded = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLocaleLowerCase();
  const words = folded
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const base = words === '' ? folded.replace(/\s+/g, '') : words;
  return base.replace(/(.)\1+/gu, '$1');
}

/** A 32-bit FNV-1a hash of a {@link sameness} key: equal keys have equal hashes. */
export function fingerprint(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * {@link sameness} of lowercased ASCII text in one pass: runs of anything but letters and digits
 * become one space between words, and a repeated character is kept once. '' when the line has
 * no letter or digit (the general path keeps its signs).
 */
function asciiSameness(lower: string): string {
  let out = '';
  let last = -1;
  let gap = false;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      if (gap && out !== '') {
        out += ' ';
        last = 32;
      }
      gap = false;
      if (c !== last) {
        out += lower[i];
        last = c;
      }
    } else gap = true;
  }
  return out;
}
