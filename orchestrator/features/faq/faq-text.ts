import { EXCLAIMED_WORDS, LEAD_INS, QUESTION_OPENERS, QUESTION_WORDS_ANYWHERE, QUESTION_WORDS_LAST, REPLIES, REQUEST_TAILS } from './faq-words.js';

export { COMMON_WORDS, PLACE_WORDS, QUESTION_OPENERS, STOP_WORDS } from './faq-words.js';
export { commonPrefix, pastTense, stem } from './faq-stem.js';

/**
 * Word-level helpers of the FAQ matcher: normalizing a chat line, folding look-alike letters,
 * transliteration, and whether a line asks something. Pure and language-light on
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

/** The Russian words of a list also as typed in Latin letters ("skolko", "kakoy"); one-letter ones ("a") are English words too. */
function withTransliterations(words: ReadonlySet<string>): Set<string> {
  const latin = [...words].map(transliterate).filter((w): w is string => w !== undefined && w.length > 1);
  return new Set([...words, ...latin]);
}

const OPENERS = withTransliterations(QUESTION_OPENERS);
const ANYWHERE = withTransliterations(QUESTION_WORDS_ANYWHERE);
const LAST = withTransliterations(QUESTION_WORDS_LAST);
const EXCLAIMED = withTransliterations(new Set([...EXCLAIMED_WORDS].filter((w) => !w.endsWith('-'))));
const EXCLAIMED_STEMS = [...withTransliterations(new Set([...EXCLAIMED_WORDS].filter((w) => w.endsWith('-')).map((w) => w.slice(0, -1))))];

function exclaimedWord(word: string): boolean {
  return EXCLAIMED.has(word) || EXCLAIMED_STEMS.some((s) => word.startsWith(s));
}

/**
 * Praise or scorn opened by a question word: "what a shade", "как же красиво", "какая прелесть",
 * "как я хочу это зеркало", "why are you so dumb". Buyers write these all the time; answering them
 * with an FAQ entry, or sparing them as questions, is wrong.
 */
function exclaims(tokens: readonly string[], at: number): boolean {
  const [word, next, third] = [tokens[at], tokens[at + 1], tokens[at + 2]];
  if ((word === 'what' && (next === 'a' || next === 'an')) || (word === 'как' && next === 'же')) return true;
  if (word === 'как' && (next === 'я' || next === 'мы') && third !== undefined && /^(хоч|хот|люб|обожа)/u.test(third)) return true;
  return tokens.some(exclaimedWord);
}

/** Where the line's own words start: past greetings and lead-ins ("hi", "wait", "ну"). */
function firstWord(tokens: readonly string[]): number {
  return tokens.findIndex((t) => !LEAD_INS.has(t));
}

/**
 * Whether a line reads as a question or request. Any "?" makes one. Without it, a line ending in
 * "!" or holding praise or scorn ({@link exclaims}) is not one; otherwise it is when
 * - a question word opens it, after greetings and lead-ins ("whens delivery", "skolko idet
 *   dostavka"), unless it is a negation ("can't wait") or "а я…"/"а мы…" telling about oneself;
 * - "сколько"/"какой…" stands anywhere, or "когда"/"где" last ("доставка сколько дней");
 * - the Russian question particle "ли" is in it ("будет ли скидка"), but not "вряд ли";
 * - the viewer wonders ("I wonder if…", "wondering whether…");
 * - it ends with "please"/"pls"/"пожалуйста" after words that ask ("size chart please", not "yes please").
 * The FAQ and moderation ask the same rule.
 */
export function looksLikeQuestion(text: string, tokens: readonly string[] = tokenize(text)): boolean {
  if (/[?？¿]/u.test(text)) return true;
  if (/!\s*$/u.test(text)) return false;
  const at = firstWord(tokens);
  if (at < 0 || exclaims(tokens, at)) return false;
  const [word, next] = [tokens[at]!, tokens[at + 1]];
  const tells = next === 't' || (word === 'а' && (next === 'я' || next === 'мы'));
  if (OPENERS.has(word) && !tells) return true;
  if (tokens.some((t, i) => i > at && ANYWHERE.has(t)) || LAST.has(tokens.at(-1)!)) return true;
  if (tokens.some((t, i) => t === 'ли' && i > 0 && !['вряд', 'едва', 'то'].includes(tokens[i - 1]!))) return true;
  if (tokens.some((t, i) => (t === 'wonder' || t === 'wondering') && ['if', 'whether'].includes(tokens[i + 1] ?? ''))) return true;
  return REQUEST_TAILS.has(tokens.at(-1)!) && tokens.slice(at, -1).some((t) => !REPLIES.has(t));
}
