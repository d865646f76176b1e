/**
 * Banned words as whole words, in any script and any case, also when a letter is stretched
 * ("scaaaam"), written with digits or signs ("sc4m", "$cam"), spelled out ("s c a m", "s.c.a.m")
 * or mixes Latin and Cyrillic look-alikes ("sсam" with a Cyrillic "с").
 */

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
// Cyrillic letters that look like Latin ones, both ways, for words that mix the two scripts.
const CYR_TO_LAT: Record<string, string> = { а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i' };
const LAT_TO_CYR: Record<string, string> = Object.fromEntries(
  Object.entries(CYR_TO_LAT)
    .filter(([c]) => c !== 'ё')
    .map(([c, l]) => [l, c]),
);

const TOKEN = /[\p{L}\p{N}\p{M}@$!]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;

/** Lowercase, compatibility-folded text (full-width letters, ligatures) without combining accents kept apart. */
export function fold(text: string): string {
  // NFKC leaves ASCII as it is: most chat lines need no normalizing.
  return (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLocaleLowerCase();
}

function mapChars(word: string, table: Record<string, string>): string {
  return Array.from(word, (c) => table[c] ?? c).join('');
}

/** The ways one written word may be read: as typed, de-leeted, and with look-alikes unified. */
function readings(token: string): string[] {
  // Trailing "!!!" is emphasis, not a leet "i".
  const bare = token.replace(/!+$/u, '');
  const out = new Set([bare.replace(/^[@$!]+|[@$!]+$/gu, ''), mapChars(bare, LEET)]);
  const latin = /\p{Script=Latin}/u.test(token);
  const cyrillic = /\p{Script=Cyrillic}/u.test(token);
  if (latin && cyrillic) {
    out.add(mapChars(mapChars(bare, LEET), CYR_TO_LAT));
    out.add(mapChars(bare, LAT_TO_CYR));
  }
  return [...out].filter((w) => w !== '');
}

/** Splits text into words; runs of single letters ("s c a m", "s.c.a.m") are also joined into one. */
export function words(text: string): string[] {
  return wordsOfFolded(fold(text));
}

function wordsOfFolded(folded: string): string[] {
  const tokens = folded.match(TOKEN) ?? [];
  const joined: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (graphemeCount(t) === 1) run += t;
    else {
      if (graphemeCount(run) > 1) joined.push(run);
      run = '';
    }
  }
  if (graphemeCount(run) > 1) joined.push(run);
  return joined.length === 0 ? tokens : [...tokens, ...joined];
}

/** Code points of a token (Array.from(t).length without the array). */
function graphemeCount(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // The low half of a surrogate pair belongs to the code point before it.
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A banned word as a whole-word matcher where every letter may repeat ("scam" → s+c+a+m+). */
export function bannedWordMatcher(word: string): RegExp {
  const letters = Array.from(fold(word).replace(/\s+/g, ''));
  return new RegExp(`^${letters.map((c) => `(?:${escape(c)})+`).join('')}$`, 'u');
}

/** Compiles the show's banned words once. */
export function compileBannedWords(list: readonly string[]): Array<{ word: string; matcher: RegExp }> {
  return list.map((word) => ({ word, matcher: bannedWordMatcher(word) }));
}

/** What {@link findBannedWord} keeps per compiled list: the phrases, and each word's verdict seen so far. */
interface Prepared {
  /** Folded phrase per banned entry; undefined for a single word. */
  phrases: Array<string | undefined>;
  /** Token → indexes of the banned entries one of its readings matches. Chat repeats its words. */
  verdicts: Map<string, readonly number[]>;
  /** Letters of the shortest banned word: a reading is never longer than its token, and each letter appears at least once. */
  minLetters: number;
  /**
   * Per ASCII character, a bit for each banned entry whose word an ASCII token holding it could
   * still spell (the character, or what it stands for in leet, is one of the word's letters).
   * Undefined for lists too long for the bits.
   */
  ascii: Int32Array | undefined;
}

const NONE: readonly number[] = [];
/** Distinct words remembered per list before starting over: bounded for a show of bots typing noise. */
const MAX_REMEMBERED = 20_000;
const prepared = new WeakMap<object, Prepared>();

function prepare(banned: ReadonlyArray<{ word: string; matcher: RegExp }>): Prepared {
  let p = prepared.get(banned);
  if (!p) {
    p = {
      phrases: banned.map((b) => (/\s/.test(b.word.trim()) ? fold(b.word).replace(/\s+/g, ' ').trim() : undefined)),
      verdicts: new Map(),
      minLetters: Math.min(...banned.map((b) => graphemeCount(fold(b.word).replace(/\s+/g, '')))),
      ascii: banned.length <= 30 ? asciiMasks(banned.map((b) => fold(b.word).replace(/\s+/g, ''))) : undefined,
    };
    prepared.set(banned, p);
  }
  return p;
}

/**
 * An ASCII token has only ASCII readings (look-alikes need both scripts in one token), and a
 * reading holds each of the token's characters (or its leet letter) except the signs stripped at
 * its ends: a character that is neither in a word nor leet for one of its letters rules the word out.
 */
function asciiMasks(letters: readonly string[]): Int32Array {
  const masks = new Int32Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    letters.forEach((word, i) => {
      const leet = LEET[ch];
      if (ch === '@' || ch === '$' || ch === '!' || word.includes(ch) || (leet !== undefined && word.includes(leet))) masks[c] = masks[c]! | (1 << i);
    });
  }
  return masks;
}

/** False when the token is ASCII and cannot spell any banned word (see {@link asciiMasks}). */
function couldSpell(token: string, masks: Int32Array): boolean {
  let mask = -1;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 128) return true;
    mask &= masks[c]!;
    if (mask === 0) return false;
  }
  return true;
}

function verdictOf(token: string, banned: ReadonlyArray<{ word: string; matcher: RegExp }>, p: Prepared): readonly number[] {
  if (graphemeCount(token) < p.minLetters) return NONE;
  if (p.ascii && !couldSpell(token, p.ascii)) return NONE;
  let hits = p.verdicts.get(token);
  if (hits === undefined) {
    const ways = readings(token);
    const found: number[] = [];
    banned.forEach((b, i) => {
      if (ways.some((w) => b.matcher.test(w))) found.push(i);
    });
    hits = found.length === 0 ? NONE : found;
    if (p.verdicts.size >= MAX_REMEMBERED) p.verdicts.clear();
    p.verdicts.set(token, hits);
  }
  return hits;
}

/** The first banned word found in `text`, if any. Phrases with spaces match when written together. */
export function findBannedWord(text: string, banned: ReadonlyArray<{ word: string; matcher: RegExp }>): string | undefined {
  if (banned.length === 0) return undefined;
  const p = prepare(banned);
  const folded = fold(text);
  let first = banned.length;
  for (const token of wordsOfFolded(folded)) for (const i of verdictOf(token, banned, p)) if (i < first) first = i;
  // A phrase ("free money") is also looked for in the text with its spaces squeezed out.
  let squeezed: string | undefined;
  for (let i = 0; i < first; i++) {
    const phrase = p.phrases[i];
    if (phrase === undefined) continue;
    squeezed ??= ` ${folded.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
    if (squeezed.includes(` ${phrase} `)) return banned[i]!.word;
  }
  return first < banned.length ? banned[first]!.word : undefined;
}
