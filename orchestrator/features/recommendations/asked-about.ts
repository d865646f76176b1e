import { wordHit } from '../faq/faq-matcher.js';
import { foldScript, looksLikeQuestion, normalizeText, QUESTION_OPENERS, STOP_WORDS, tokenize } from '../faq/faq-text.js';

/** What a product says about itself, besides its title (a title named in chat is a mention). */
export interface DescribedProduct {
  sku: string;
  title: string;
  category: string | undefined;
  description?: string | undefined;
}

/** A question of the viewer's that a product's description or category answers. */
export interface AskedMatch {
  /** The viewer's matched words as they typed them ("dry skin", "сухой кожи"): viewer text. */
  words: string;
  /** How many of the question's topic words the product's text has. */
  hits: number;
}

// Words that ask without saying what for ("anything for…", "что-то для…"); the FAQ's stop words
// already drop "the", "for", "как". Without them "anything" would match any description.
const FILLER = new Set(
  (
    'anything something some have got good great need needs want looking recommend suggest please like really very also one ones thing things stuff ' +
    'against help helps work works suitable ' +
    'product products item items sell selling guys hey hello there here them they these those not but just all more most best better get ' +
    'что то нибудь чего для от при против мне нужно надо нужен нужна хочу хотела хотел посоветуйте порекомендуйте посоветуете ' +
    'еще тоже также вообще так уже ваш ваша ваши вашей бы не да нет подойдет товар товары ребята девочки'
  ).split(' '),
);
// A line that starts like a command is the command's business, not a question.
const COMMAND_LIKE = /^\s*[!！/]/u;
/** Longer quotes are cut to the matched words: a reason is one short line. */
const MAX_QUOTE = 40;
const MAX_QUOTE_WORDS = 5;

interface Word {
  raw: string;
  start: number;
  end: number;
  norm: string;
}

/** The words of a line with where they stand in it, so a quote keeps the viewer's own spelling. */
function wordsOf(line: string): Word[] {
  const text = line.normalize('NFKC');
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    raw: m[0],
    start: m.index,
    end: m.index + m[0].length,
    norm: foldScript(normalizeText(m[0])),
  }));
}

const sameWord = (a: string, b: string): boolean => {
  const kind = wordHit(a, b);
  // A one-letter typo between short words is another word too often ("kind"/"mind").
  return kind === 'exact' || kind === 'stem' || (kind === 'typo' && Math.min(a.length, b.length) >= 6);
};

/** The words a line is about: no stop words, question openers, fillers, show topics or numbers. */
function topicWords(words: readonly Word[], topics: ReadonlySet<string>): Word[] {
  return words.filter(
    (w) =>
      w.norm.length >= 3 && !/^\p{N}+$/u.test(w.norm) && !STOP_WORDS.has(w.norm) && !QUESTION_OPENERS.has(w.norm) && !FILLER.has(w.norm) && !topics.has(w.norm),
  );
}

/** The viewer's words from the first matched one to the last, as typed; just the matched ones when that runs long. */
function quote(line: string, hits: readonly Word[], all: readonly Word[]): string {
  const text = line.normalize('NFKC');
  const first = hits[0]!;
  const last = hits.at(-1)!;
  const span = all.filter((w) => w.start >= first.start && w.end <= last.end);
  const words = span.length <= MAX_QUOTE_WORDS ? text.slice(first.start, last.end) : hits.map((w) => w.raw).join(' ');
  if (words.length <= MAX_QUOTE) return words;
  const cut = words.slice(0, MAX_QUOTE);
  return cut.slice(0, Math.max(cut.lastIndexOf(' '), 1)).trimEnd();
}

/**
 * Which products answer what this viewer asked: their question-like lines (FAQ's rule) against
 * each product's description and category, word by word the way the FAQ matches (same word, same
 * stem, a typo in a long word). A question with two or more topic words needs two of them in the
 * product's text ("is the candle dry?" is not about a serum "for dry skin"); a one-topic question
 * ("anything for acne?") needs that one. A word every product has says nothing about any, and a
 * word of the product's own title is a mention, scored as such.
 * `topics`: the show's FAQ keywords, which ask about the shop (shipping, payment), not a product.
 */
export function askedAbout(lines: readonly string[], catalog: readonly DescribedProduct[], topics: readonly string[] = []): Map<string, AskedMatch> {
  const topicSet = new Set(topics.flatMap((t) => tokenize(t)));
  const texts = catalog.map((p) => ({
    sku: p.sku,
    title: tokenize(p.title),
    words: [...new Set(tokenize(`${p.description ?? ''} ${p.category ?? ''}`).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)))],
  }));
  const has = (productWords: readonly string[], word: string) => productWords.some((w) => sameWord(word, w));
  const found = new Map<string, AskedMatch>();
  for (const line of lines) {
    if (COMMAND_LIKE.test(line) || !looksLikeQuestion(line)) continue;
    const all = wordsOf(line);
    // Words every product has (when there are a few) tell them apart no better than "the".
    const asked = topicWords(all, topicSet).filter((w) => texts.length < 3 || !texts.every((p) => has(p.words, w.norm)));
    if (asked.length === 0) continue;
    const need = Math.min(2, asked.length);
    for (const p of texts) {
      // A word of the product's own name is a mention (mentionedSkus), not a need its text answers.
      const hits = asked.filter((w) => has(p.words, w.norm) && !has(p.title, w.norm));
      if (new Set(hits.map((w) => w.norm)).size < need) continue;
      const before = found.get(p.sku);
      // The best-answered question wins; on a tie the later one, what the viewer wants now.
      if (!before || hits.length >= before.hits) found.set(p.sku, { words: quote(line, hits, all), hits: hits.length });
    }
  }
  return found;
}
