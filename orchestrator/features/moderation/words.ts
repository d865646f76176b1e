/**
 * Banned words as whole words, in any script and any case, also when a letter is stretched
 * ("scaaaam"), written with digits or signs ("sc4m", "$cam"), spelled out ("s c a m", "s.c.a.m")
 * or mixes Latin and Cyrillic look-alikes ("sсam" with a Cyrillic "с").
 */

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };
// Cyrillic letters that look like Latin ones, both ways, for words that mix the two scripts.
const CYR_TO_LAT: Record<string, string> = { а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i' };
const LAT_TO_CYR: Record<string, string> = Object.fromEntries(Object.entries(CYR_TO_LAT).filter(([c]) => c !== 'ё').map(([c, l]) => [l, c]));

const TOKEN = /[\p{L}\p{N}\p{M}@$!]+/gu;

/** Lowercase, compatibility-folded text (full-width letters, ligatures) without combining accents kept apart. */
export function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
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
  const tokens = [...fold(text).matchAll(TOKEN)].map((m) => m[0]);
  const joined: string[] = [];
  let run = '';
  for (const t of tokens) {
    if (Array.from(t).length === 1) run += t;
    else {
      if (Array.from(run).length > 1) joined.push(run);
      run = '';
    }
  }
  if (Array.from(run).length > 1) joined.push(run);
  return [...tokens, ...joined];
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

/** The first banned word found in `text`, if any. Phrases with spaces match when written together. */
export function findBannedWord(text: string, banned: ReadonlyArray<{ word: string; matcher: RegExp }>): string | undefined {
  if (banned.length === 0) return undefined;
  const candidates = words(text).flatMap(readings);
  // A phrase ("free money") is also looked for in the text with its spaces squeezed out.
  const squeezed = fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  for (const b of banned) {
    if (candidates.some((w) => b.matcher.test(w))) return b.word;
    if (/\s/.test(b.word.trim()) && ` ${squeezed} `.includes(` ${fold(b.word).replace(/\s+/g, ' ').trim()} `)) return b.word;
  }
  return undefined;
}
