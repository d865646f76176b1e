import { z } from 'zod';
import { Duration, EnvName, HttpUrl, Price } from './primitives.js';

/** Who takes the money. `webhook` is the seller's own shop calling our signed webhook. */
export const ProviderName = z.enum(['builtin', 'stripe', 'telegram', 'yookassa', 'webhook'], {
  error: 'expected a checkout provider: builtin, stripe, telegram, yookassa or webhook',
});
export type ProviderName = z.infer<typeof ProviderName>;

const ProviderList = z.union([ProviderName, z.array(ProviderName).min(1)]).transform((v) => (Array.isArray(v) ? [...new Set(v)] : [v]));

/** Providers per platform where buyers should pay differently (native invoices for Telegram buyers). */
const ProviderByPlatform = z.strictObject({
  default: ProviderList,
  web: ProviderList.optional(),
  telegram: ProviderList.optional(),
  twitch: ProviderList.optional(),
  discord: ProviderList.optional(),
});

/** An amount in the show's currency that may be zero (free shipping to a country). */
const Amount = z.number({ error: 'expected an amount such as 4.90' }).nonnegative('expected an amount of 0 or more');
const Country = z.string().regex(/^([A-Z]{2}|\*)$/, 'expected a two-letter country code such as DE, or "*" for every other country');

export const ShippingConfig = z
  .strictObject({
    /** Charged once per cart when nothing more specific applies. */
    flat: Amount.default(0),
    /** Carts of at least this much (items after discounts) ship free. */
    freeOver: Price.optional(),
    /** Rates per country; "*" for the rest. With rates and no "*", other countries cannot be shipped to. */
    countries: z.record(Country, Amount).optional(),
    /** Local pickup (free), e.g. "Shop, Main St 1, Sat 10–14". */
    pickup: z.string().trim().min(1).max(200).optional(),
    /** false: nothing is shipped, pickup only. */
    ship: z.boolean().default(true),
  })
  .superRefine((s, ctx) => {
    if (!s.ship && s.pickup === undefined) ctx.addIssue({ code: 'custom', path: ['pickup'], message: 'with ship: false, say where to pick up (pickup: "…")' });
  });
export type ShippingConfig = z.infer<typeof ShippingConfig>;

export const CheckoutConfig = z
  .strictObject({
    /**
     * Who takes the money: one provider, a list the buyer picks from on the checkout page, or per
     * platform ({ default: stripe, telegram: telegram }). Unset: `webhook` when a link template
     * is given, else the built-in checkout.
     */
    provider: z.union([ProviderList, ProviderByPlatform]).optional(),
    /** The seller's own shop (provider `webhook`). Placeholders: {order} {sku} {qty} {code} {total} {currency}. */
    linkTemplate: z
      .string()
      .regex(/^https?:\/\//, 'expected a URL template such as https://shop.example/pay?order={order}')
      .refine((t) => t.includes('{order}'), 'the link template must contain {order}')
      .optional(),
    /** "hold": an order reserves stock until paid or expired; "first-paid": stock goes to whoever pays first. */
    mode: z.enum(['hold', 'first-paid']).default('hold'),
    /** How long a cart holds its items; each new item extends it by this much. */
    hold: Duration.prefault(15 * 60),
    /** The longest a cart may be held from its first item, however many are added (default: three holds). */
    holdMax: Duration.optional(),
    remindBefore: Duration.prefault(5 * 60),
    paymentSecretEnv: EnvName.default('SHOWCART_PAYMENT_SECRET'),
    /** Shipping, charged once per cart and shown before paying; unset: nothing to ship. */
    shipping: ShippingConfig.optional(),
    /** showcart's own checkout page: `test` marks a cart paid at the press of Pay (labelled as a test); `manual`: the seller confirms. */
    builtin: z
      .strictObject({
        mode: z.enum(['test', 'manual']).default('test'),
        /** What a buyer does to pay when `manual` (bank details, cash on pickup). */
        instructions: z.string().trim().min(1).max(1000).optional(),
        /** How long a manual payment may take before the cart is released. */
        payWithin: Duration.prefault(72 * 3600),
      })
      .prefault({}),
    stripe: z
      .strictObject({
        secretKeyEnv: EnvName.default('STRIPE_SECRET_KEY'),
        webhookSecretEnv: EnvName.default('STRIPE_WEBHOOK_SECRET'),
        /** Stripe's API; point it elsewhere to test against a local server. */
        api: HttpUrl.default('https://api.stripe.com'),
      })
      .prefault({}),
    telegram: z
      .strictObject({
        /** The payment provider token @BotFather gives for the bot (Payments). */
        providerTokenEnv: EnvName.default('TELEGRAM_PAYMENT_TOKEN'),
      })
      .prefault({}),
    yookassa: z
      .strictObject({
        shopIdEnv: EnvName.default('YOOKASSA_SHOP_ID'),
        secretKeyEnv: EnvName.default('YOOKASSA_SECRET_KEY'),
        api: HttpUrl.default('https://api.yookassa.ru/v3'),
      })
      .prefault({}),
    /** What one buyer may take, so nobody hoards stock (defaults suit a small live show). */
    limits: z
      .strictObject({
        /** Units of one product per viewer (held, paid and waited for) when the product sets no `maxPerBuyer`. */
        maxPerBuyer: z.number().int().min(1).default(10),
        /** Products one viewer may wait for at once. */
        waitlistEntries: z.number().int().min(0).default(3),
        /** Holds open at once from one network address where accounts cost nothing (the web chat). */
        holdsPerAddress: z.number().int().min(1).default(5),
        /** Carts a viewer let run out unpaid in this show before their waitlist places go behind everyone else's. */
        lapsesBeforeBack: z.number().int().min(1).default(2),
      })
      .prefault({}),
  })
  .superRefine((c, ctx) => {
    const lists = c.provider === undefined ? [] : Array.isArray(c.provider) ? [{ list: c.provider, path: ['provider'] }] : providerLists(c.provider);
    for (const { list, path } of lists) {
      if (list.includes('webhook') && c.linkTemplate === undefined) {
        ctx.addIssue({ code: 'custom', path, message: 'the webhook provider sends buyers to your shop: give checkout.linkTemplate too' });
      }
      const forTelegram = path[path.length - 1] === 'telegram';
      if (list.includes('telegram') && !forTelegram) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: 'Telegram invoices reach Telegram buyers only: write provider: { default: builtin, telegram: telegram }',
        });
      }
    }
    if (c.holdMax !== undefined && c.holdMax < c.hold)
      ctx.addIssue({ code: 'custom', path: ['holdMax'], message: 'holdMax is the longest hold; make it at least `hold`' });
  });
export type CheckoutConfig = z.infer<typeof CheckoutConfig>;

function providerLists(p: z.infer<typeof ProviderByPlatform>): Array<{ list: ProviderName[]; path: string[] }> {
  return (['default', 'web', 'telegram', 'twitch', 'discord'] as const).flatMap((k) => (p[k] ? [{ list: p[k], path: ['provider', k] }] : []));
}

/** The providers a buyer on `platform` may pay with, in the order the show file gives them. */
export function providersFor(checkout: CheckoutConfig, platform: string): ProviderName[] {
  const p = checkout.provider;
  if (p === undefined) return [checkout.linkTemplate !== undefined ? 'webhook' : 'builtin'];
  if (Array.isArray(p)) return p.filter((name) => name !== 'telegram');
  const own = (p as Record<string, ProviderName[] | undefined>)[platform];
  return own ?? p.default.filter((name) => name !== 'telegram');
}

/** Every provider the show file uses anywhere (to check their secrets at start). */
export function providersInUse(checkout: CheckoutConfig): ProviderName[] {
  const p = checkout.provider;
  if (p === undefined || Array.isArray(p)) return providersFor(checkout, 'web');
  return [...new Set(providerLists(p).flatMap((l) => l.list))];
}
