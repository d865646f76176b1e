import type { EventRow, ProductRow } from './analytics-types.js';
import { textOf } from '../shared/text-of.js';

/** Commands that ask about or for one product. */
const PRODUCT_COMMANDS: Readonly<Record<string, string>> = { buy: 'item', price: 'sku', stock: 'sku' };
const MIN_TITLE_WORD = 4;

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Title words that name exactly one product ("vanilla" in "Vanilla candle" when no other title
 * has it); words shared by several titles ("candle") or shorter than four letters say nothing.
 */
export function distinctiveTitleWords(products: readonly ProductRow[]): Map<string, string> {
  const owners = new Map<string, Set<string>>();
  for (const p of products) {
    for (const w of words(p.title)) {
      if (w.length < MIN_TITLE_WORD) continue;
      (owners.get(w) ?? owners.set(w, new Set()).get(w)!).add(p.sku);
    }
  }
  const out = new Map<string, string>();
  for (const [w, skus] of owners) if (skus.size === 1) out.set(w, [...skus][0]!);
  return out;
}

/**
 * Who mentioned which product: a chat line naming its SKU or a distinctive title word, or a
 * `!buy` / `!price` / `!stock` command on it (`!buy` without a SKU means what was featured).
 * Returns SKU → distinct viewer ids.
 */
export function mentionsByProduct(
  events: readonly EventRow[],
  products: readonly ProductRow[],
  featuredAt: (at: number) => string | null,
): Map<string, Set<number>> {
  const bySku = new Map(products.map((p) => [p.sku.toLowerCase(), p.sku]));
  const byTitle = distinctiveTitleWords(products);
  const out = new Map<string, Set<number>>();
  const add = (sku: string | null | undefined, viewer: number) => {
    if (sku) (out.get(sku) ?? out.set(sku, new Set()).get(sku)!).add(viewer);
  };
  for (const e of events) {
    if (e.viewerId === null) continue;
    if (e.type === 'chat.message') {
      for (const w of words(textOf(e.data.text))) add(bySku.get(w) ?? byTitle.get(w), e.viewerId);
    } else if (e.type === 'command') {
      const argName = PRODUCT_COMMANDS[String(e.data.name)];
      if (!argName) continue;
      const args = (e.data.args ?? {}) as Record<string, unknown>;
      const first = typeof args[argName] === 'string' ? words(args[argName])[0] : undefined;
      const named = first === undefined ? undefined : bySku.get(first);
      // `!buy`, `!buy L 2`: no SKU first means the product on screen, as the order feature reads it.
      add(named ?? (e.data.name === 'buy' ? featuredAt(e.at) : undefined), e.viewerId);
    }
  }
  return out;
}
