import MiniSearch from 'minisearch';
import type { ShowConfig } from '../../../config/schema/index.js';

/** One thing the model may answer from, and cite by its id ("faq:shipping", "product:VAN"). */
export interface Source {
  id: string;
  title: string;
  text: string;
}

/**
 * The show's own words as a search index (minisearch: prefix and fuzzy matching, BM25 ranking):
 * its FAQ entries (question, keywords, answer) and its products (title, category, description,
 * variants). Prices and stock are left out on purpose: they change during the show and come from
 * the ledger through tools.
 */
export class ShowKnowledge {
  private readonly index = new MiniSearch<Source & { keywords: string }>({
    fields: ['title', 'keywords', 'text'],
    storeFields: ['id', 'title', 'text'],
    searchOptions: { boost: { title: 2, keywords: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  });
  private readonly byId = new Map<string, Source>();

  constructor(config: Pick<ShowConfig, 'products' | 'engagement'>) {
    const docs: Array<Source & { keywords: string }> = [];
    for (const e of config.engagement.faq.entries) {
      docs.push({ id: `faq:${e.id}`, title: e.question, keywords: e.keywords.join(' '), text: e.answer });
    }
    for (const p of config.products) {
      const variants = (p.variants ?? []).map((v) => v.name).join(', ');
      const text = [p.description, p.category && `Category: ${p.category}.`, variants && `Variants: ${variants}.`].filter(Boolean).join(' ');
      docs.push({ id: `product:${p.sku}`, title: p.title, keywords: p.sku, text: text || p.title });
    }
    this.index.addAll(docs);
    for (const d of docs) this.byId.set(d.id, { id: d.id, title: d.title, text: d.text });
  }

  /** The sources that best match `question`, best first. */
  search(question: string, limit = 4): Source[] {
    return this.index
      .search(question)
      .slice(0, limit)
      .map((r) => this.byId.get(String(r.id))!)
      .filter(Boolean);
  }

  get(id: string): Source | undefined {
    return this.byId.get(id);
  }
}
