import { QUESTION_OPENERS } from './faq-words.js';

export { QUESTION_OPENERS, STOP_WORDS } from './faq-words.js';

/**
 * Word-level helpers of the FAQ matcher: normalizing a chat line, folding look-alike letters,
 * a crude stemmer and the word lists (stop words, question openers). Pure and language-light on
 * purpose: a seller's FAQ has a dozen entries, not a corpus, so simple rules that can be
 * explained beat a model that cannot.
 */

// Latin letters that look like Cyrillic ones and back: phone keyboards and copy-paste mix them
// ("дoставка" with a Latin "o"), and the word must still be the same word.
const LATIN_TO_CYRILLIC: Record<string, string> = { a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у' };
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(Object.entries(LATIN_TO_CYRILLIC).map(([l, c]) => [c, l]));

// Russian typed in Latin letters ("dostavka", "skolko") is common where a keyboard has no layout.
const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** NFKC, lowercase, ё→е, punctuation to spaces, spaces collapsed. Digits and letters of any script stay. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/ё/gu, 'е')
    .replace(/ß/gu, 'ss')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Rewrites the look-alike letters of a mixed-script word into the script most of its letters use. */
export function foldScript(word: string): string {
  const letters = [...word];
  const cyr = letters.filter((ch) => CYRILLIC.test(ch)).length;
  const lat = letters.filter((ch) => LATIN.test(ch)).length;
  if (cyr === 0 || lat === 0) return word;
  const map = cyr >= lat ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  return letters.map((ch) => map[ch] ?? ch).join('');
}

/** The words of a line, normalized and script-folded, in order. */
export function tokenize(text: string): string[] {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ').map(foldScript);
}

/** A Cyrillic word in Latin letters ("доставка" → "dostavka"); undefined for a word with no Cyrillic. */
export function transliterate(word: string): string | undefined {
  if (!CYRILLIC.test(word)) return undefined;
  return [...word].map((ch) => TRANSLIT[ch] ?? ch).join('');
}

// Longest first, so "ments" is tried before "s". Each ending keeps a stem of at least 3 letters.
const ENDINGS = [
  // English
  'ments',
  'ment',
  'ings',
  'ing',
  'ies',
  'ied',
  'ed',
  'es',
  'ly',
  's',
  // German
  'ungen',
  'ung',
  'en',
  'er',
  'e',
  'n',
  // Russian (nouns, adjectives, verbs: enough to meet the same stem, not a grammar)
  'ами',
  'ями',
  'ого',
  'его',
  'ому',
  'ему',
  'ать',
  'ять',
  'ить',
  'еть',
  'ешь',
  'ете',
  'ет',
  'ит',
  'ут',
  'ют',
  'ой',
  'ей',
  'ий',
  'ый',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ам',
  'ям',
  'ах',
  'ях',
  'ом',
  'ем',
  'ов',
  'ев',
  'ия',
  'ию',
  'а',
  'я',
  'у',
  'ю',
  'ы',
  'и',
  'о',
  'е',
  'ь',
];

/** A crude stem: one common ending off, a doubled final consonant undone ("shipping" → "ship"). */
export function stem(word: string): string {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= 3 && word.endsWith(ending)) {
      const base = word.slice(0, -ending.length);
      const last = base.at(-1)!;
      return base.length >= 4 && base.at(-2) === last && /[bdgklmnprtz]/u.test(last) ? base.slice(0, -1) : base;
    }
  }
  return word;
}

/** How many leading letters two words share. */
export function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// A greeting before the question does not make it less of a question ("hi, how long is shipping").
const GREETINGS = new Set(['hi', 'hey', 'hello', 'yo', 'guys', 'привет', 'здравствуйте', 'добрый', 'день', 'вечер', 'hallo', 'moin', 'servus']);

/**
 * A question word that opens an exclamation: "what a shade", "как же красиво", "how cute!". Buyers
 * write these all the time; answering them with an FAQ entry, or sparing them as questions, is wrong.
 */
function exclaims(text: string, tokens: readonly string[], at: number): boolean {
  if (/!\s*$/u.test(text)) return true;
  const [word, next] = [tokens[at], tokens[at + 1]];
  return (word === 'what' && (next === 'a' || next === 'an')) || (word === 'как' && next === 'же');
}

/**
 * Whether a line reads as a question or request: a "?" anywhere, or a question word first (after
 * a greeting) that does not open an exclamation. The FAQ and moderation ask the same rule.
 */
export function looksLikeQuestion(text: string, tokens: readonly string[] = tokenize(text)): boolean {
  if (/[?？¿]/u.test(text)) return true;
  const at = tokens.findIndex((t) => !GREETINGS.has(t));
  return at >= 0 && QUESTION_OPENERS.has(tokens[at]!) && !exclaims(text, tokens, at);
}
