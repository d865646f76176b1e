/**
 * The FAQ matcher: which entry of the show's FAQ a chat line asks about, and why.
 *
 * How a line is scored against each entry:
 * 1. The line is normalized (NFKC, lowercase, ё→е, ß→ss, punctuation dropped, spaces collapsed) and
 *    split into words; a word that mixes Cyrillic and Latin look-alikes ("дoставка" with a Latin o)
 *    is rewritten in the script most of its letters use. Word order never matters.
 * 2. Two words meet in one of three ways, best first:
 *    - exact: the same word;
 *    - stem: the same stem after one common English/German/Russian ending is cut ("shipping" and
 *      "ship", "доставку" and "доставка"), one word the other plus an ending ("burns" and "burn"),
 *      or a common prefix of at least 5 letters ("delivery" and "delivered");
 *    - typo: OSA edit distance (a swap of neighbours counts once) ≤ 1 when the shorter word has
 *      5–7 letters, ≤ 2 from 8 letters, with the same first letter (or the first letter left out,
 *      or swapped with the next: people rarely mistype it otherwise). Never for shorter words
 *      ("shop" and "ship", "card" and "cart" are different words), nor for a line word that is a
 *      real word itself: a word of the show's FAQ or catalog, or a common word of shop chat
 *      ("поставка" is not a typo of "доставка").
 *    A Russian past-tense verb ("оплатила", "прошел") meets only the same word: it tells what
 *    happened and does not ask about its topic ("оплатила картой" is no payment question).
 *    A Cyrillic keyword also meets its Latin transliteration ("доставка" meets "dostavka").
 * 3. Keywords (a keyword may be several words, all of which must appear, in any order):
 *    exact +3, stem +2.5, typo +2, taking the weakest of its words, plus 1 for each extra word.
 *    A line word counts for one keyword only, so synonyms of one another ("ship", "shipping") do
 *    not add up on the same word.
 * 4. The words of the entry's `question`, minus stop words, on line words no keyword used:
 *    exact +1, stem or typo +0.5.
 * 5. A product-tied entry gets +2 when the line names its product (the SKU, or a word of its title
 *    that no other product's title has), and −3 when the line names another product and not its own.
 * 6. An entry is a candidate with at least one keyword hit (or question words worth ≥ 3) and a score
 *    ≥ 2. The line must read as a question or request (`looksLikeQuestion`: "?" anywhere, or a
 *    question word such as how/what/сколько/как/wie/wann, a request…), unless it hits ≥ 2 distinct
 *    keywords of the entry, or is the entry's words and a place ("shipping to australia"); an
 *    explicit `!faq` skips that rule. A line carrying a link is never answered unasked: it is an
 *    ad or a phishing bait far more often than a question, and an answer under it would lend it
 *    the show's voice (moderation judges the link).
 * 7. The best score wins; on a tie, the entry tied to the featured product, then the one listed first.
 */
import type { FaqEntry } from '../../../config/schema/engagement.js';
import { editDistance } from '../../commands/edit-distance.js';
import { findLinkHosts } from '../moderation/links.js';
import { commonPrefix, COMMON_WORDS, looksLikeQuestion, PLACE_WORDS, pastTense, stem, STOP_WORDS, tokenize, transliterate } from './faq-text.js';

export type HitKind = 'exact' | 'stem' | 'typo';

const KEYWORD_POINTS: Record<HitKind, number> = { exact: 3, stem: 2.5, typo: 2 };
const QUESTION_POINTS: Record<HitKind, number> = { exact: 1, stem: 0.5, typo: 0.5 };
const PRODUCT_NAMED = 2;
const OTHER_PRODUCT_NAMED = -3;
const MIN_SCORE = 2;
const MIN_QUESTION_ONLY = 3;
const RANK: Record<HitKind, number> = { exact: 0, stem: 1, typo: 2 };

/** A word as written in the FAQ, with the other spellings it also meets (a transliteration). */
type TermWord = string[];

interface CompiledEntry {
  entry: FaqEntry;
  keywords: Array<{ text: string; words: TermWord[] }>;
  questionWords: TermWord[];
}

/** The FAQ prepared once per show: entries split into words, and the words that name each product. */
export interface FaqIndex {
  entries: CompiledEntry[];
  /** SKU → words that name it in a line: the SKU and the title words no other product shares. */
  productNames: Map<string, string[]>;
  /** Real words a line word is not a typo of something else for: the show's own and common ones. */
  vocabulary: ReadonlySet<string>;
}

/** The entry a line asks about, its score and a short human-readable reason. */
export interface FaqMatch {
  entry: FaqEntry;
  score: number;
  why: string;
}

export interface MatchOptions {
  /** The SKU on screen, preferred when two entries score the same. */
  featured?: string | undefined;
  /** False for an explicit `!faq …`: the line need not read as a question. */
  requireQuestion?: boolean;
}

const termWord = (word: string): TermWord => {
  const latin = transliterate(word);
  return latin === undefined ? [word] : [word, latin];
};

/** Prepares the FAQ for matching; `products` are the show's catalog (SKU and title). */
export function compileFaq(entries: readonly FaqEntry[], products: ReadonlyArray<{ sku: string; title: string; description?: string | undefined }>): FaqIndex {
  const compiled = entries.map((entry) => ({
    entry,
    keywords: entry.keywords.map((k) => ({ text: k, words: tokenize(k).map(termWord) })).filter((k) => k.words.length > 0),
    questionWords: [...new Set(tokenize(entry.question).filter((w) => !STOP_WORDS.has(w)))].map(termWord),
  }));
  const titles = products.map((p) => ({ sku: p.sku, words: tokenize(p.title).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)) }));
  const productNames = new Map<string, string[]>();
  for (const p of titles) {
    const shared = new Set(titles.filter((o) => o.sku !== p.sku).flatMap((o) => o.words));
    productNames.set(p.sku, [...tokenize(p.sku), ...p.words.filter((w) => !shared.has(w))]);
  }
  const texts = [...entries.flatMap((e) => [e.question, e.answer, ...e.keywords]), ...products.flatMap((p) => [p.title, p.description ?? ''])];
  const vocabulary = new Set([...COMMON_WORDS, ...STOP_WORDS, ...texts.flatMap((t) => tokenize(t))]);
  return { entries: compiled, productNames, vocabulary };
}

// People rarely mistype a word's first letter, though they may skip it ("платить" for "оплатить")
// or swap it with the next ("abttery").
const sameStart = (a: string, b: string) => a[0] === b[0] || a.slice(1) === b || b.slice(1) === a || (a[0] === b[1] && a[1] === b[0]);

/**
 * How two words meet, if they do (see the header for the rules); `realWord` says the line word
 * is a word of its own, so it cannot be a typo.
 */
export function wordHit(lineWord: string, faqWord: string, realWord = false): HitKind | undefined {
  if (lineWord === faqWord) return 'exact';
  const shorter = Math.min(lineWord.length, faqWord.length);
  if (shorter <= 3 || (pastTense(lineWord) && !pastTense(faqWord))) return undefined;
  const [a, b] = [stem(lineWord), stem(faqWord)];
  // Either word may already be the other's stem ("burns" is "burn" + s, though "burn" itself stems to "bur").
  if (a.length >= 3 && (a === b || a === faqWord || b === lineWord)) return 'stem';
  if (shorter >= 5 && commonPrefix(lineWord, faqWord) >= 5) return 'stem';
  if (shorter <= 4 || realWord || !sameStart(lineWord, faqWord)) return undefined;
  const limit = shorter >= 8 ? 2 : 1;
  if (Math.abs(lineWord.length - faqWord.length) > limit) return undefined;
  return editDistance(lineWord, faqWord) <= limit ? 'typo' : undefined;
}

/** The best line word for one FAQ word (any of its spellings), skipping words already used. */
function bestToken(
  tokens: readonly string[],
  word: TermWord,
  used: ReadonlySet<number>,
  vocabulary: ReadonlySet<string>,
): { index: number; kind: HitKind } | undefined {
  let best: { index: number; kind: HitKind } | undefined;
  tokens.forEach((token, index) => {
    if (used.has(index)) return;
    for (const spelling of word) {
      const kind = wordHit(token, spelling, vocabulary.has(token));
      if (kind && (!best || RANK[kind] < RANK[best.kind])) best = { index, kind };
    }
  });
  return best;
}

const weakest = (kinds: HitKind[]): HitKind => kinds.reduce((w, k) => (RANK[k] > RANK[w] ? k : w), 'exact');

/**
 * A topic and where, typed like a search: "shipping to australia", "доставка до Алматы". The line
 * opens with a word of the entry and ends with "to"/"в"/"до" and one more word; nothing else.
 */
function asksWhere(tokens: readonly string[], used: ReadonlySet<number>): boolean {
  const n = tokens.length;
  if (n < 3 || n > 4 || !used.has(0) || used.has(n - 1) || !PLACE_WORDS.has(tokens[n - 2]!)) return false;
  return tokens.slice(0, -2).every((_, i) => used.has(i));
}

interface Scored {
  match: FaqMatch;
  keywordHits: number;
  /** The line is the entry's topic and a place and nothing else ({@link asksWhere}). */
  topicAndPlace: boolean;
  order: number;
}

function scoreEntry(c: CompiledEntry, tokens: readonly string[], index: FaqIndex, order: number): Scored | undefined {
  const why: string[] = [];
  const used = new Set<number>();
  // Strongest keywords first, so a line word goes to the keyword it fits best.
  const candidates = c.keywords
    .map((k) => {
      const hits = k.words.map((w) => bestToken(tokens, w, new Set(), index.vocabulary));
      if (hits.some((h) => !h)) return undefined;
      const kind = weakest(hits.map((h) => h!.kind));
      return { k, kind, at: hits.map((h) => h!.index), points: KEYWORD_POINTS[kind] + (k.words.length - 1) };
    })
    .filter((x) => x !== undefined)
    .sort((x, y) => y.points - x.points);
  let keywordScore = 0;
  let keywordHits = 0;
  for (const hit of candidates) {
    if (hit.at.some((i) => used.has(i)) || new Set(hit.at).size < hit.at.length) continue;
    hit.at.forEach((i) => used.add(i));
    keywordScore += hit.points;
    keywordHits++;
    why.push(`keyword "${hit.k.text}" ${hit.kind}${hit.kind === 'exact' ? '' : ` "${hit.at.map((i) => tokens[i]).join(' ')}"`} +${hit.points}`);
  }
  let questionScore = 0;
  for (const word of c.questionWords) {
    const hit = bestToken(tokens, word, used, index.vocabulary);
    if (!hit) continue;
    used.add(hit.index);
    questionScore += QUESTION_POINTS[hit.kind];
    why.push(`question word "${word[0]}" ${hit.kind} +${QUESTION_POINTS[hit.kind]}`);
  }
  if (keywordHits === 0 && questionScore < MIN_QUESTION_ONLY) return undefined;
  let score = keywordScore + questionScore;
  const sku = c.entry.product;
  if (sku) {
    const named = (s: string) => (index.productNames.get(s) ?? []).some((w) => tokens.some((t) => wordHit(t, w, index.vocabulary.has(t)) !== undefined));
    if (named(sku)) {
      score += PRODUCT_NAMED;
      why.push(`product ${sku} named +${PRODUCT_NAMED}`);
    } else if ([...index.productNames.keys()].some((other) => other !== sku && named(other))) {
      score += OTHER_PRODUCT_NAMED;
      why.push(`another product named ${OTHER_PRODUCT_NAMED}`);
    }
  }
  if (score < MIN_SCORE) return undefined;
  return { match: { entry: c.entry, score, why: `${why.join(', ')} = ${score}` }, keywordHits, topicAndPlace: asksWhere(tokens, used), order };
}

/** The FAQ entry `line` asks about, or undefined when none scores high enough. Pure. */
export function matchFaq(index: FaqIndex, line: string, options: MatchOptions = {}): FaqMatch | undefined {
  const tokens = tokenize(line);
  if (tokens.length === 0 || (options.requireQuestion !== false && findLinkHosts(line).length > 0)) return undefined;
  const isQuestion = options.requireQuestion === false || looksLikeQuestion(line, tokens);
  const featuredFirst = (s: Scored) => (options.featured !== undefined && s.match.entry.product === options.featured ? 0 : 1);
  const ranked = index.entries
    .map((c, order) => scoreEntry(c, tokens, index, order))
    .filter((s): s is Scored => s !== undefined && (isQuestion || s.keywordHits >= 2 || s.topicAndPlace))
    .sort((a, b) => b.match.score - a.match.score || featuredFirst(a) - featuredFirst(b) || a.order - b.order);
  return ranked[0]?.match;
}
