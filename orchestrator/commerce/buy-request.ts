import { viewer, type SaidText, type TextSpan } from '../chat-types.js';
import { orList } from '../commands/or-list.js';
import { textsFor, type Texts } from '../i18n/texts.js';
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

/** "There is no product "VAM". Did you mean VAN?" (or the SKUs on sale), with the viewer's word marked. */
export function unknownProduct(texts: Texts, catalog: Catalog, word: string): SaidText {
  const near = catalog.suggest(word);
  if (near.length > 0) return texts.said('orders.noProductNear', { word: viewer(word), near: orList(texts, near) });
  const skus = catalog
    .all()
    .map((i) => i.sku)
    .join(', ');
  return texts.said('orders.noProductList', { word: viewer(word), skus });
}

/** Each variant with its price, "S €12.00, L €18.00", so a viewer choosing a size sees what each costs. */
function variantPrices(texts: Texts, item: CatalogItem): string {
  return item.variants.map((v) => texts.t('orders.variantPrice', { name: v.name, price: texts.money(v.priceCents, item.currency) })).join(', ');
}

/**
 * Reads `!buy [SKU] [variant] [qty] [CODE]` in any order after the SKU, the way viewers type it:
 * `!buy VAN L 2`, `!buy van 2x l`, `!buy` (the featured product), `!buy VAN WELCOME10`.
 * Pure: the catalog and the featured SKU come in, a request or a short helpful reply (in the
 * language of `texts`, English by default) comes out.
 */
export function parseBuy(words: string[], catalog: Catalog, featured: string | undefined, prefix: string, texts: Texts = textsFor('en')): BuyParse {
  let rest = [...words];
  let item = rest[0] !== undefined ? catalog.find(rest[0]) : undefined;
  if (item) rest = rest.slice(1);
  else {
    const featuredItem = featured !== undefined ? catalog.find(featured) : undefined;
    // "!buy L 2" while the vanilla candle is on screen means the featured product.
    const looksLikeSku = rest[0] !== undefined && featuredItem && !catalog.variant(featuredItem, rest[0]) && !QTY.test(rest[0]);
    if (looksLikeSku || !featuredItem) {
      if (rest[0] === undefined) {
        return { ok: false, message: texts.t('orders.askProduct', { prefix, command: 'buy', sku: catalog.all()[0]?.sku ?? 'SKU' }) };
      }
      return refuse(unknownProduct(texts, catalog, rest[0]));
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
    else {
      const usage = `${prefix}buy ${item.sku}${variantHint(item)} [qty] [CODE]`;
      return refuse(texts.said('orders.notUnderstood', { word: viewer(word), usage }));
    }
  }
  if (variant === undefined) {
    if (item.variants.length > 1) {
      const values = { title: item.title, variants: variantPrices(texts, item), prefix, sku: item.sku, first: item.variants[0]!.name };
      return { ok: false, message: texts.t('orders.whichVariant', values) };
    }
    variant = item.variants[0]!;
  }
  if (qty === 0) return { ok: false, message: texts.t('orders.qtyMin') };
  return { ok: true, request: { item, variant, qty: qty ?? 1, code } };
}

function variantHint(item: CatalogItem): string {
  return item.variants.length > 1 ? ` [${item.variants.map((v) => v.name).join('|')}]` : '';
}
