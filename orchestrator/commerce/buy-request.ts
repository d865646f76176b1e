import { said, viewer, type SaidText, type TextSpan } from '../chat-types.js';
import type { Catalog, CatalogItem, CatalogVariant } from './catalog.js';

export interface BuyRequest {
  item: CatalogItem;
  variant: CatalogVariant;
  qty: number;
  code: string | undefined;
}

/** A refusal's reply: `message` in plain words, `spans` with what the viewer typed marked (see `said`). */
export type BuyParse = { ok: true; request: BuyRequest } | { ok: false; message: string; spans?: TextSpan[] };

const refuse = (words: SaidText): BuyParse => ({ ok: false, message: words.text, spans: words.spans });

const QTY = /^(?:x?(\d{1,4})x?|(\d{1,4})(?:pcs|шт))$/i;
const CODE = /^[A-Za-z0-9_-]{3,32}$/;

/**
 * Reads `!buy [SKU] [variant] [qty] [CODE]` in any order after the SKU, the way viewers type it:
 * `!buy VAN L 2`, `!buy van 2x l`, `!buy` (the featured product), `!buy VAN WELCOME10`.
 * Pure: the catalog and the featured SKU come in, a request or a short helpful reply comes out.
 */
export function parseBuy(words: string[], catalog: Catalog, featured: string | undefined, prefix: string): BuyParse {
  let rest = [...words];
  let item = rest[0] !== undefined ? catalog.find(rest[0]) : undefined;
  if (item) rest = rest.slice(1);
  else {
    const featuredItem = featured !== undefined ? catalog.find(featured) : undefined;
    // "!buy L 2" while the vanilla candle is on screen means the featured product.
    const looksLikeSku = rest[0] !== undefined && featuredItem && !catalog.variant(featuredItem, rest[0]) && !QTY.test(rest[0]);
    if (looksLikeSku || !featuredItem) {
      if (rest[0] === undefined) return { ok: false, message: `Which product? Type ${prefix}buy SKU, e.g. ${prefix}buy ${catalog.all()[0]?.sku ?? 'SKU'}.` };
      const near = catalog.suggest(rest[0]);
      const hint =
        near.length > 0
          ? ` Did you mean ${near.join(' or ')}?`
          : ` Products: ${catalog
              .all()
              .map((i) => i.sku)
              .join(', ')}.`;
      return refuse(said`There is no product "${viewer(rest[0])}".${hint}`);
    }
    item = featuredItem;
  }

  let variant: CatalogVariant | undefined;
  let qty: number | undefined;
  let code: string | undefined;
  for (const word of rest) {
    const v = catalog.variant(item, word);
    const q = QTY.exec(word);
    if (v && variant === undefined) variant = v;
    else if (q && qty === undefined) qty = Number(q[1] ?? q[2]);
    else if (CODE.test(word) && code === undefined) code = word.toUpperCase();
    else return refuse(said`I did not understand "${viewer(word)}". Usage: ${prefix}buy ${item.sku}${variantHint(item)} [qty] [CODE]`);
  }
  if (variant === undefined) {
    if (item.variants.length > 1) {
      return {
        ok: false,
        message: `Which one of ${item.title}? ${item.variants.map((v) => v.name).join(', ')} — e.g. ${prefix}buy ${item.sku} ${item.variants[0]!.name}`,
      };
    }
    variant = item.variants[0]!;
  }
  if (qty === 0) return { ok: false, message: 'The quantity must be at least 1.' };
  return { ok: true, request: { item, variant, qty: qty ?? 1, code } };
}

function variantHint(item: CatalogItem): string {
  return item.variants.length > 1 ? ` [${item.variants.map((v) => v.name).join('|')}]` : '';
}
