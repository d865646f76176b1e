import { z } from 'zod';
import { Currency, Discount, Duration, EnvName, HttpUrl, NameStyle, Price, Role, Sku } from './primitives.js';

const Stock = z.number().int('expected a whole number of units').nonnegative('stock cannot be negative');

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

export const CheckoutConfig = z.strictObject({
  /** Placeholders: {order} {sku} {qty} {code} {total} {currency}. */
  linkTemplate: z
    .string()
    .regex(/^https?:\/\//, 'expected a URL template such as https://shop.example/pay?order={order}')
    .refine((t) => t.includes('{order}'), 'the link template must contain {order}'),
  /** "hold": an order reserves stock until paid or expired; "first-paid": stock goes to whoever pays first. */
  mode: z.enum(['hold', 'first-paid']).default('hold'),
  hold: Duration.prefault(15 * 60),
  remindBefore: Duration.prefault(5 * 60),
  paymentSecretEnv: EnvName.default('SHOWCART_PAYMENT_SECRET'),
  /** What one buyer may take, so nobody hoards stock (defaults suit a small live show). */
  limits: z
    .strictObject({
      /** Units of one product per viewer (held, paid and waited for) when the product sets no `maxPerBuyer`. */
      maxPerBuyer: z.number().int().min(1).default(10),
      /** Products one viewer may wait for at once. */
      waitlistEntries: z.number().int().min(0).default(3),
      /** Holds open at once from one network address where accounts cost nothing (the web chat). */
      holdsPerAddress: z.number().int().min(1).default(5),
      /** Holds a viewer let run out unpaid in this show before their waitlist places go behind everyone else's. */
      lapsesBeforeBack: z.number().int().min(1).default(2),
    })
    .prefault({}),
});
export type CheckoutConfig = z.infer<typeof CheckoutConfig>;

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
  discordRoles: z.array(z.string().regex(/^\d{15,21}$/)).optional(),
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
