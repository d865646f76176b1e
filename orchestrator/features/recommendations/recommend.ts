import { askedAbout } from './asked-about.js';

/** A product as the scorer sees it. */
export interface RecommendProduct {
  sku: string;
  title: string;
  category: string | undefined;
  /** What a viewer's question may be answered by ("for dry skin"). */
  description?: string | undefined;
  priceCents: number;
  currency: string;
}

/** What the show knows about one viewer and everyone's purchases. */
export interface RecommendHistory {
  viewerId: number;
  /** Paid or held order lines of everyone in the show: who took which SKU. */
  purchases: ReadonlyArray<{ viewerId: number; sku: string }>;
  /** This viewer's chat lines, oldest first. */
  lines: readonly string[];
  /** Words about the shop rather than a product (the FAQ's keywords: shipping, payment). */
  topics?: readonly string[];
}

export type RecommendReason =
  | { kind: 'co-purchase'; because: RecommendProduct; buyers: number }
  /** `words`: the viewer's own words, as typed (viewer text wherever it is shown). */
  | { kind: 'asked'; words: string }
  | { kind: 'mentioned' }
  | { kind: 'bought-category'; category: string }
  | { kind: 'asked-category'; category: string };

export interface Recommendation {
  product: RecommendProduct;
  score: number;
  reason: RecommendReason;
  /** A one-line reason a model wrote for this pick (checked; viewer-grade text), instead of `reason`'s words. */
  written?: string;
}

// Weights: what others actually bought together beats what was said in chat, which beats a shared category.
// A question a product's description answers is worth one co-buyer (two outweigh it) and more than
// naming a title or sharing a category; each extra matched word adds a little, never a whole point.
const CO_PURCHASE = 3;
const ASKED = 3;
const ASKED_PER_EXTRA_WORD = 0.25;
const MENTIONED = 2;
const BOUGHT_CATEGORY = 2;
const ASKED_CATEGORY = 1;
// Shorter title words ("of", "the", "set") would match nearly every line.
const MIN_TITLE_WORD = 4;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const bySku = (a: RecommendProduct, b: RecommendProduct) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0);

/**
 * SKUs a viewer named in chat: the SKU as a word, or a title word of 4+ letters at the start of a
 * word ("candles" names every "… candle").
 */
export function mentionedSkus(lines: readonly string[], catalog: readonly RecommendProduct[]): Set<string> {
  const said = lines.flatMap(words);
  const found = new Set<string>();
  for (const p of catalog) {
    const sku = p.sku.toLowerCase();
    const titleWords = words(p.title).filter((w) => w.length >= MIN_TITLE_WORD);
    if (said.some((w) => w === sku || titleWords.some((t) => w.startsWith(t)))) found.add(p.sku);
  }
  return found;
}

interface CoPurchase {
  /** Other viewers who bought this and something this viewer bought. */
  viewers: number;
  /** Per SKU of this viewer's: how many of those viewers bought it too. */
  because: Map<string, number>;
}

/** "Viewers who bought X also bought Y", from other viewers' baskets (SKUs already canonical). */
function coPurchases(viewerId: number, purchases: ReadonlyArray<{ viewerId: number; sku: string }>, mine: Set<string>): Map<string, CoPurchase> {
  const baskets = new Map<number, Set<string>>();
  for (const p of purchases) {
    if (p.viewerId === viewerId) continue;
    let basket = baskets.get(p.viewerId);
    if (!basket) baskets.set(p.viewerId, (basket = new Set()));
    basket.add(p.sku);
  }
  const co = new Map<string, CoPurchase>();
  for (const basket of baskets.values()) {
    const shared = [...basket].filter((s) => mine.has(s));
    if (shared.length === 0) continue;
    for (const other of basket) {
      if (mine.has(other)) continue;
      let entry = co.get(other);
      if (!entry) co.set(other, (entry = { viewers: 0, because: new Map() }));
      entry.viewers += 1;
      for (const x of shared) entry.because.set(x, (entry.because.get(x) ?? 0) + 1);
    }
  }
  return co;
}

/**
 * Every product pointed at for this viewer, best first (`limit` at most): what they bought, what
 * others bought with it, what they named and what they asked about. Deterministic: the same history
 * always gives the same order, ties going to the lower SKU. Never what the viewer already bought.
 */
export function rank(history: RecommendHistory, catalog: readonly RecommendProduct[], limit = Infinity): Recommendation[] {
  const products = [...catalog].sort(bySku);
  const find = (sku: string) => products.find((p) => p.sku.toUpperCase() === sku.toUpperCase());
  // Purchases of products no longer in the catalog say nothing we could act on.
  const purchases = history.purchases.flatMap((p) => {
    const product = find(p.sku);
    return product ? [{ viewerId: p.viewerId, sku: product.sku }] : [];
  });
  const mine = new Set(purchases.filter((p) => p.viewerId === history.viewerId).map((p) => p.sku));
  const mentioned = mentionedSkus(history.lines, products);
  const asked = askedAbout(history.lines, products, history.topics);
  const boughtCategories = new Set([...mine].map((s) => find(s)?.category).filter((c) => c !== undefined));
  // Naming what you already bought ("!buy VANILLA") is buying, not asking; it counts once, as bought.
  const askedCategories = new Set(
    [...mentioned]
      .filter((s) => !mine.has(s))
      .map((s) => find(s)?.category)
      .filter((c) => c !== undefined),
  );
  const co = coPurchases(history.viewerId, purchases, mine);

  const ranked: Recommendation[] = [];
  for (const product of products) {
    if (mine.has(product.sku)) continue;
    const parts: Array<{ points: number; reason: RecommendReason }> = [];
    const pair = co.get(product.sku);
    if (pair) {
      // The strongest "because" is the item of yours the most others paired it with.
      const [becauseSku, n] = [...pair.because].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
      parts.push({ points: CO_PURCHASE * pair.viewers, reason: { kind: 'co-purchase', because: find(becauseSku)!, buyers: n } });
    }
    const question = asked.get(product.sku);
    if (question) {
      const points = ASKED + ASKED_PER_EXTRA_WORD * Math.min(question.hits - 1, 3);
      parts.push({ points, reason: { kind: 'asked', words: question.words } });
    }
    if (mentioned.has(product.sku)) parts.push({ points: MENTIONED, reason: { kind: 'mentioned' } });
    const category = product.category;
    if (category !== undefined && boughtCategories.has(category)) parts.push({ points: BOUGHT_CATEGORY, reason: { kind: 'bought-category', category } });
    if (category !== undefined && askedCategories.has(category)) parts.push({ points: ASKED_CATEGORY, reason: { kind: 'asked-category', category } });
    if (parts.length === 0) continue;
    const score = parts.reduce((sum, p) => sum + p.points, 0);
    // Explain with the biggest part; on equal parts the order above (co-purchase first) decides.
    const main = parts.reduce((a, b) => (b.points > a.points ? b : a));
    ranked.push({ product, score, reason: main.reason });
  }
  // A stable sort of SKU-ordered products: equal scores stay lowest SKU first.
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** The one product this viewer most likely wants next, or undefined when nothing points anywhere. */
export function recommend(history: RecommendHistory, catalog: readonly RecommendProduct[]): Recommendation | undefined {
  return rank(history, catalog, 1)[0];
}
