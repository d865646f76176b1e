import { transliterate } from '../faq/faq-text.js';

/**
 * Banned words as whole words, in any script and any case, also when a letter is stretched
 * ("scaaaam"), written with digits or signs ("sc4m", "$cam"), spelled out ("s c a m", "s.c.a.m"),
 * mixes Latin and Cyrillic look-alikes ("sсam" with a Cyrillic "с") or hides letters behind
 * masks ("id*ot", "д#ра": each *, #, % or @ stands for one letter, at most as many as are shown).
 */

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
// Cyrillic letters that look like Latin ones, both ways, for words that mix the two scripts.
const CYR_TO_LAT: Record<string, string> = { а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i' };
const LAT_TO_CYR: Record<string, string> = Object.fromEntries(
  Object.entries(CYR_TO_LAT)
    .filter(([c]) => c !== 'ё')
    .map(([c, l]) => [l, c]),
);

const TOKEN = /[\p{L}\p{N}\p{M}@$!*#%]+/gu;
/** Signs that hide a letter inside a word; "@" may also be a leet "a". */
const MASKS = new Set(['*', '#', '%', '@']);
const EDGE_SIGNS = /^[@$!*#%]+|[@$!*#%]+$/gu;
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
  const out = new Set([bare.replace(EDGE_SIGNS, ''), mapChars(bare, LEET)]);
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

/**
 * A masked word ("f*ck", "бл**ь") as a pattern that the words it may hide match: each mask one
 * letter, a stretched letter once or more, leet digits as their letters. Undefined when the word
 * has no mask inside, or more masks than letters shown ("****", "f***" could be anything).
 */
export function maskedWord(token: string): RegExp | undefined {
  const chars = Array.from(token.replace(EDGE_SIGNS, ''));
  const masks = chars.filter((c) => MASKS.has(c)).length;
  if (masks === 0 || masks > chars.length - masks || chars.length - masks < 2) return undefined;
  let source = '';
  let last = '';
  for (const c of chars) {
    if (MASKS.has(c)) source += '\\p{L}';
    else if (c !== last) source += `(?:${escape(LEET[c] ?? c)})+`;
    last = c;
  }
  return new RegExp(`^${source}$`, 'u');
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A banned word as a whole-word matcher where every letter may repeat ("scam" → s+c+a+m+). */
export function bannedWordMatcher(word: string): RegExp {
  const letters = Array.from(fold(word).replace(/\s+/g, ''));
  return new RegExp(`^${letters.map((c) => `(?:${escape(c)})+`).join('')}$`, 'u');
}

/** A banned word as compiled: the word the show listed, and `spelling`, how this entry of it is written when that differs. */
export interface BannedWord {
  word: string;
  spelling?: string;
  matcher: RegExp;
}

/** Compiles the show's banned words once; a Cyrillic one also as typed in Latin letters ("дура", "dura"). */
export function compileBannedWords(list: readonly string[]): BannedWord[] {
  return list.flatMap((word) => {
    const latin = transliterate(fold(word));
    const entry = { word, matcher: bannedWordMatcher(word) };
    return latin === undefined || latin === fold(word) ? [entry] : [entry, { word, spelling: latin, matcher: bannedWordMatcher(latin) }];
  });
}

const spelling = (b: BannedWord) => fold(b.spelling ?? b.word).replace(/\s+/g, '');

/** What {@link findBannedWord} keeps per compiled list: the phrases, and each word's verdict seen so far. */
interface Prepared {
  /** Folded phrase per banned entry; undefined for a single word. */
  phrases: Array<string | undefined>;
  /** Token → indexes of the banned entries one of its readings matches. Chat repeats its words. */
  verdicts: Map<string, readonly number[]>;
  /** Each banned entry's letters, folded and without spaces: what a masked word is held against. */
  letters: string[];
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

function prepare(banned: readonly BannedWord[]): Prepared {
  let p = prepared.get(banned);
  if (!p) {
    p = {
      phrases: banned.map((b) =>
        /\s/.test((b.spelling ?? b.word).trim())
          ? fold(b.spelling ?? b.word)
              .replace(/\s+/g, ' ')
              .trim()
          : undefined,
      ),
      verdicts: new Map(),
      letters: banned.map(spelling),
      minLetters: Math.min(...banned.map((b) => graphemeCount(spelling(b)))),
      ascii: banned.length <= 30 ? asciiMasks(banned.map(spelling)) : undefined,
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
      if ('@$!*#%'.includes(ch) || word.includes(ch) || (leet !== undefined && word.includes(leet))) masks[c] = masks[c]! | (1 << i);
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

function verdictOf(token: string, banned: readonly BannedWord[], p: Prepared): readonly number[] {
  if (graphemeCount(token) < p.minLetters) return NONE;
  if (p.ascii && !couldSpell(token, p.ascii)) return NONE;
  let hits = p.verdicts.get(token);
  if (hits === undefined) {
    const ways = readings(token);
    const masked = maskedWord(token);
    const found: number[] = [];
    banned.forEach((b, i) => {
      if (ways.some((w) => b.matcher.test(w)) || masked?.test(p.letters[i]!)) found.push(i);
    });
    hits = found.length === 0 ? NONE : found;
    if (p.verdicts.size >= MAX_REMEMBERED) p.verdicts.clear();
    p.verdicts.set(token, hits);
  }
  return hits;
}

/** The first banned word found in `text`, if any. Phrases with spaces match when written together. */
export function findBannedWord(text: string, banned: readonly BannedWord[]): string | undefined {
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

/** Masked words looked at per line: a bot's line of masks costs no more than a person's. */
const MAX_MASKED = 3;
const MAX_MASKS = 2;
// A letter spelled out on its own: no letter, digit or mask on either side. One separator per run:
// "н.а.п.и.ш.и в лс" is "напиши в лс", not "напишив лс".
const SPELLED_OUT = /(?<![\p{L}\p{N}*#%@$])\p{L}([\s._-])\p{L}(?![\p{L}\p{N}*#%@$])(?:\1\p{L}(?![\p{L}\p{N}*#%@$]))*/gu;
const maskCount = (token: string) => Array.from(token.replace(EDGE_SIGNS, '')).filter((c) => MASKS.has(c)).length;

/**
 * The line as the words it disguises would read, for the show's banned patterns: letters spelled
 * out joined ("f u c k", "d.m me"), leet digits inside words read as letters ("sh1t"), a letter
 * stretched three times or more read once ("shiiit"); undefined when that changes nothing. And
 * its masked words ("f*cking", "бл*ть"), to be read with every letter a pattern could need.
 */
export function disguises(text: string): { plain: string | undefined; masked: string[] } {
  const folded = fold(text);
  const joined = folded.replace(SPELLED_OUT, (run) => run.replace(/[\s._-]/gu, '')).replace(/(\p{L})\1{2,}/gu, '$1');
  const plain = joined.replace(/[\p{L}\p{N}]+/gu, (w) => (/\p{L}/u.test(w) ? mapChars(w, LEET) : w));
  const masked: string[] = [];
  for (const token of new Set(joined.match(TOKEN) ?? [])) {
    if (masked.length === MAX_MASKED) break;
    if (/[*#%@]/u.test(token) && maskCount(token) <= MAX_MASKS && maskedWord(token) !== undefined) masked.push(token);
  }
  return { plain: plain === folded ? undefined : plain, masked };
}

/** A masked word with each mask replaced by each of `letters` in turn; none for more than two masks. */
export function unmaskings(token: string, letters: readonly string[]): string[] {
  const chars = Array.from(token.replace(EDGE_SIGNS, ''));
  if (maskCount(token) > MAX_MASKS) return [];
  let words = [''];
  for (const c of chars) words = MASKS.has(c) ? words.flatMap((w) => letters.map((l) => w + l)) : words.map((w) => w + c);
  return words;
}
