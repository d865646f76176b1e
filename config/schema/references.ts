import type { z } from 'zod';

type Ctx = z.RefinementCtx;
type Path = (string | number)[];

/** Items of a list, or none: this check also runs on files with other errors, where shapes may be off. */
function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null) : [];
}

function field(value: unknown, ...keys: string[]): unknown {
  let out = value;
  for (const key of keys) out = typeof out === 'object' && out !== null ? (out as Record<string, unknown>)[key] : undefined;
  return out;
}

/**
 * Checks that need the whole file: unique ids, SKUs that exist, aliases that do not collide.
 * It runs even when other keys are wrong, so a community manager sees every problem at once.
 */
export function checkReferences(cfg: unknown, ctx: Ctx): void {
  const skus = new Set<string>();
  list(field(cfg, 'products')).forEach((p, i) => {
    if (typeof p.sku !== 'string') return;
    if (skus.has(p.sku)) ctx.addIssue({ code: 'custom', path: ['products', i, 'sku'], message: `duplicate SKU "${p.sku}"` });
    skus.add(p.sku);
  });
  const known = (sku: unknown, path: Path) => {
    if (typeof sku === 'string' && !skus.has(sku)) ctx.addIssue({ code: 'custom', path, message: `unknown SKU "${sku}" (not in products)` });
  };
  known(field(cfg, 'featured'), ['featured']);
  for (const kind of ['codes', 'drops', 'unlocks']) {
    list(field(cfg, 'promotions', kind)).forEach((c, i) =>
      (Array.isArray(c.products) ? c.products : []).forEach((s: unknown, j: number) => known(s, ['promotions', kind, i, 'products', j])),
    );
  }
  list(field(cfg, 'promotions', 'flashSales')).forEach((f, i) => known(f.sku, ['promotions', 'flashSales', i, 'sku']));
  list(field(cfg, 'auctions')).forEach((a, i) => {
    known(a.sku, ['auctions', i, 'sku']);
    const product = list(field(cfg, 'products')).find((p) => p.sku === a.sku);
    const variants = list(product?.variants).map((v) => (typeof v.name === 'string' ? v.name.toLowerCase() : ''));
    if (typeof a.variant === 'string' && !variants.includes(a.variant.toLowerCase())) {
      const which =
        variants.length === 0
          ? `${String(a.sku)} has no variants`
          : `the variants of ${String(a.sku)} are ${list(product?.variants)
              .map((v) => String(v.name))
              .join(', ')}`;
      ctx.addIssue({ code: 'custom', path: ['auctions', i, 'variant'], message: `unknown variant "${a.variant}" (${which})` });
    }
  });
  list(field(cfg, 'giveaways')).forEach((g, i) => known(g.sku, ['giveaways', i, 'sku']));
  if (list(field(cfg, 'giveaways')).length > 0 && field(cfg, 'checkout') === undefined) {
    ctx.addIssue({ code: 'custom', path: ['giveaways'], message: 'giveaways need a checkout section: the prize is shipped through the cart' });
  }
  if (list(field(cfg, 'auctions')).length > 0 && field(cfg, 'checkout') === undefined) {
    ctx.addIssue({ code: 'custom', path: ['auctions'], message: 'auctions need a checkout section: the winner pays through the cart' });
  }
  list(field(cfg, 'engagement', 'faq', 'entries')).forEach((e, i) => known(e.product, ['engagement', 'faq', 'entries', i, 'product']));
  list(field(cfg, 'engagement', 'polls')).forEach((p, i) => {
    if (!Array.isArray(p.features)) return;
    p.features.forEach((s: unknown, j: number) => known(s, ['engagement', 'polls', i, 'features', j]));
    if (Array.isArray(p.options) && p.features.length !== p.options.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['engagement', 'polls', i, 'features'],
        message: `give one SKU per option (${p.options.length} options, ${p.features.length} SKUs)`,
      });
    }
  });

  unique(ctx, field(cfg, 'promotions', 'codes'), ['promotions', 'codes'], 'code', 'code');
  unique(ctx, field(cfg, 'promotions', 'drops'), ['promotions', 'drops'], 'id', 'drop id');
  unique(ctx, field(cfg, 'promotions', 'unlocks'), ['promotions', 'unlocks'], 'id', 'unlock id');
  unique(ctx, field(cfg, 'promotions', 'flashSales'), ['promotions', 'flashSales'], 'id', 'flash sale id');
  unique(
    ctx,
    list(field(cfg, 'auctions')).map((a) => ({ id: a.id ?? (typeof a.sku === 'string' ? a.sku.toLowerCase() : undefined) })),
    ['auctions'],
    'id',
    'auction id (give each auction of one SKU its own id)',
  );
  unique(ctx, field(cfg, 'giveaways'), ['giveaways'], 'id', 'giveaway id');
  unique(ctx, field(cfg, 'engagement', 'polls'), ['engagement', 'polls'], 'id', 'poll id');
  unique(ctx, field(cfg, 'engagement', 'faq', 'entries'), ['engagement', 'faq', 'entries'], 'id', 'FAQ id');
  unique(ctx, field(cfg, 'media', 'targets'), ['media', 'targets'], 'name', 'target name');

  // Command names themselves are checked by the loader against the features' commands (see command-names.ts).
  const aliases = field(cfg, 'commands', 'aliases');
  const owner = new Map<string, string>(Object.keys(typeof aliases === 'object' && aliases !== null ? aliases : {}).map((n) => [n, n]));
  for (const [name, words] of Object.entries(typeof aliases === 'object' && aliases !== null ? aliases : {})) {
    (Array.isArray(words) ? words : []).forEach((alias: unknown, i: number) => {
      if (typeof alias !== 'string') return;
      const key = alias.toLocaleLowerCase();
      const taken = owner.get(key);
      if (taken !== undefined && taken !== name) {
        ctx.addIssue({ code: 'custom', path: ['commands', 'aliases', name, i], message: `"${alias}" is already the command !${taken}` });
      }
      owner.set(key, name);
    });
  }
}

function unique(ctx: Ctx, items: unknown, base: Path, key: string, what: string): void {
  const seen = new Set<unknown>();
  list(items).forEach((item, i) => {
    const v = item[key];
    if (v === undefined) return;
    if (seen.has(v))
      ctx.addIssue({
        code: 'custom',
        path: [...base, i, key],
        message: `duplicate ${what} "${typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v)}"`,
      });
    seen.add(v);
  });
}
