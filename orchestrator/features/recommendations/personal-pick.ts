import type { RunningShow } from '../../show.js';
import type { ShowReads } from '../../store/show-reads.js';
import type { ModelPicks } from './model-pick.js';
import type { ModelCandidate } from './model-reply.js';
import { rank, type RecommendProduct, type RecommendReason, type Recommendation } from './recommend.js';

/** How many of the rules' best the model may choose among. */
const MODEL_CANDIDATES = 3;

/** Where a pick reads from: what sold, what the viewer said, what is in stock, and the show file. */
export interface PickSource {
  reads: Pick<ShowReads, 'purchases' | 'viewerLines' | 'inStockSkus'>;
  show: Pick<RunningShow, 'catalog' | 'config'>;
  /** The show's model, asked only when `ai.enabled`; without it the rules' pick stands. */
  model?: Pick<ModelPicks, 'choose'> | undefined;
}

/** The rules' reason, for the model to word better (never shown to viewers as is). */
function hint(reason: RecommendReason): string {
  switch (reason.kind) {
    case 'co-purchase':
      // No count: a figure the model repeats from here is not in the candidates' texts, and fails the check.
      return `other buyers of "${reason.because.title}", which this viewer bought, took it too`;
    case 'asked':
      return `the viewer asked about "${reason.words}", which its description answers`;
    case 'mentioned':
      return 'the viewer named it in chat';
    case 'bought-category':
      return `the viewer bought ${reason.category} before`;
    case 'asked-category':
      return `the viewer asked about ${reason.category}`;
  }
}

/**
 * The personal offer for one viewer (`!recommend`, the after-purchase line and the storefront's
 * "for you" slot), from their own purchases, mentions and questions. The rules rank; with `ai.enabled`
 * the model may choose among their top few and word the reason. The price is always the catalog's.
 */
export class PersonalPicks {
  constructor(private readonly source: PickSource) {}

  /**
   * `justBought`: an order just placed, kept out of the picks whatever its status. `lines`: the
   * viewer's lines when the caller has read them already (the storefront route has).
   */
  async pick(viewerId: number, { justBought, lines: known }: { justBought?: string; lines?: readonly string[] } = {}): Promise<Recommendation | undefined> {
    const { reads, show, model } = this.source;
    const [purchases, lines, inStock] = await Promise.all([reads.purchases(), known ?? reads.viewerLines(viewerId), reads.inStockSkus()]);
    const config = show.config;
    const described = new Map(config.products.map((p) => [p.sku.toUpperCase(), p.description]));
    // The catalog minus what is sold out: recommending what cannot be bought only disappoints.
    const products: RecommendProduct[] = show.catalog
      .all()
      .filter((item) => inStock.has(item.sku.toUpperCase()))
      .map((item) => ({
        sku: item.sku,
        title: item.title,
        category: item.category,
        description: described.get(item.sku.toUpperCase()),
        priceCents: Math.min(...item.variants.map((v) => v.priceCents)),
        currency: item.currency,
      }));
    const all = justBought ? [...purchases, { viewerId, sku: justBought }] : purchases;
    const topics = config.engagement.faq.entries.flatMap((e) => e.keywords);
    const ranked = rank({ viewerId, purchases: all, lines, topics }, products, MODEL_CANDIDATES);
    const best = ranked[0];
    if (!best || !model || !config.ai.enabled) return best;

    const mine = new Set(all.filter((p) => p.viewerId === viewerId).map((p) => p.sku.toUpperCase()));
    // Their history changes with each line and each new purchase; until then the same answer stands.
    const key = `${viewerId}\u0000${mine.size}\u0000${lines.at(-1) ?? ''}`;
    const candidates: ModelCandidate[] = ranked.map((r) => ({ ...r.product, hint: hint(r.reason) }));
    const bought = show.catalog
      .all()
      .filter((item) => mine.has(item.sku.toUpperCase()))
      .map((item) => item.title);
    const choice = await model.choose(key, candidates, { lines, bought });
    const chosen = choice && ranked.find((r) => r.product.sku === choice.sku);
    return chosen ? { ...chosen, written: choice.reason } : best;
  }
}
