import { z } from 'zod';
import { Currency, Discount, DiscordId, Duration, HttpUrl, NameStyle, Price, Role, Sku } from './primitives.js';

/**
 * The units the ledger holds for `stock: unlimited` (a gift card, a download): far more than any
 * show sells, so the ordinary conditional decrement never reaches zero, and a change of the file's
 * figure to or from it moves availability by the difference like any other restock. It fits the
 * stock columns (32-bit integers on PostgreSQL) with room for restocks.
 */
export const UNLIMITED_STOCK = 1_000_000_000;

/** True for what is left of a product whose stock is `unlimited`: show no count (and never "sold out"). */
export function isUnlimitedStock(available: number): boolean {
  return available > UNLIMITED_STOCK / 2;
}

/** A number of units, or `unlimited`, which is read as UNLIMITED_STOCK so the store and the ledger need no case of their own. */
const Stock = z
  .union([z.number().int('expected a whole number of units').nonnegative('stock cannot be negative'), z.literal('unlimited')], {
    error: 'expected a number of units such as 12, or unlimited',
  })
  .transform((units) => (units === 'unlimited' ? UNLIMITED_STOCK : units));

export const Variant = z.strictObject({
  name: z.string().trim().min(1).max(32),
  stock: Stock,
  /** Overrides the product price for this variant. */
  price: Price.optional(),
});

export const WholesaleTier = z.strictObject({
  minQty: z.number().int().min(2, 'a wholesale tier starts at 2 units or more'),
  price: Price,
});

export const Product = z
  .strictObject({
    sku: Sku,
    title: z.string().trim().min(1).max(120),
    price: Price,
    currency: Currency.optional(),
    category: z.string().trim().min(1).max(60).optional(),
    image: HttpUrl.optional(),
    description: z.string().max(1000).optional(),
    /** Units for sale when the product has no variants. */
    stock: Stock.optional(),
    variants: z.array(Variant).min(1).optional(),
    /** The most units one viewer (all linked identities together) may order in this show. */
    maxPerBuyer: z.number().int().positive().optional(),
    wholesale: z.array(WholesaleTier).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.variants === undefined && p.stock === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stock'], message: 'give stock, or variants with their own stock' });
    }
    if (p.variants !== undefined && p.stock !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['stock'], message: 'with variants, stock goes on each variant' });
    }
    const seen = new Set<string>();
    p.variants?.forEach((v, i) => {
      const key = v.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['variants', i, 'name'], message: `duplicate variant "${v.name}"` });
      seen.add(key);
    });
  });
export type Product = z.infer<typeof Product>;

export { CheckoutConfig } from './checkout.js';

export const AlertsConfig = z.strictObject({
  /** Announce when an order is paid, or already when it is placed. */
  on: z.enum(['paid', 'placed']).default('paid'),
  names: NameStyle.default('first'),
  /** Alerts within this window are merged: "Anna and 4 others just bought …". */
  mergeWithin: Duration.prefault(5),
});
export type AlertsConfig = z.infer<typeof AlertsConfig>;

export const SupporterPerk = z.strictObject({
  role: Role.optional(),
  /** Members of these Telegram chats count as supporters. */
  telegramChats: z.array(z.union([z.number().int(), z.string()]).transform(String)).optional(),
  discordRoles: z.array(DiscordId).optional(),
  discount: Discount,
});

export const TipsConfig = z.strictObject({
  enabled: z.boolean().default(true),
  min: Price.default(1),
  max: Price.default(500),
  /** Placeholders: {tip} {amount} {currency}. */
  linkTemplate: z
    .string()
    .regex(/^https?:\/\//, 'expected a URL template')
    .optional(),
});
