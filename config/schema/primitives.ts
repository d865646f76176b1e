import { z } from 'zod';

/** Name of an environment variable that holds a secret; the YAML names it, the environment holds it. */
export const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'expected an environment variable name such as TELEGRAM_BOT_TOKEN');

export const HttpUrl = z.string().regex(/^https?:\/\/[^\s]+$/i, 'expected an http:// or https:// URL');

export const Price = z.number({ error: 'expected a positive number' }).positive('expected a positive number');

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter ISO currency code such as EUR');

export const Sku = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, 'expected a SKU of letters, digits, "-", "_" or "." (max 40)');

/** Stable identifier for polls, unlocks, drops and FAQ entries: it appears in the event log and the API. */
export const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a lowercase id of letters, digits, "-" or "_"');

/**
 * A Discord id (a snowflake), quoted or bare: the loader reads a bare number too long for a JS
 * number from its source text, so `1234567890123456789` keeps every digit.
 */
export const DiscordId = z
  .union([z.string(), z.number().int()], { error: 'expected a Discord id such as "1234567890123456789"' })
  .transform(String)
  .pipe(z.string().regex(/^\d{15,21}$/, 'expected a Discord id: 15 to 21 digits such as "1234567890123456789"'));

const DURATION = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+)s)?$/;

/**
 * "90s", "15m", "1h30m" or a number of seconds; parsed to milliseconds. Give defaults with
 * `.prefault(seconds)`: zod's `.default()` skips the transform and would read seconds as ms.
 */
export const Duration = z.union([z.number().nonnegative(), z.string()], { error: 'expected a duration such as 90s, 15m or 1h30m' }).transform((value, ctx) => {
  if (typeof value === 'number') return Math.round(value * 1000);
  const m = DURATION.exec(value.trim());
  if (!m || value.trim() === '') {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 90s, 15m or 1h30m, got "${value}"` });
    return z.NEVER;
  }
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
});

/** A discount: a percentage off or a fixed amount off. */
export const Discount = z.union(
  [z.strictObject({ percent: z.number().gt(0).max(100, 'a percent discount is at most 100') }), z.strictObject({ amount: Price })],
  { error: 'expected a discount such as { percent: 15 } or { amount: 5 }' },
);
export type Discount = z.infer<typeof Discount>;

export const Timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'expected an IANA timezone such as Europe/Berlin' },
);

/** Who a name is shown as in public alerts and leaderboards. */
export const NameStyle = z.enum(['full', 'first', 'masked']);
export type NameStyle = z.infer<typeof NameStyle>;

export const Role = z.enum(['broadcaster', 'moderator', 'vip', 'subscriber', 'member']);
export type Role = z.infer<typeof Role>;
