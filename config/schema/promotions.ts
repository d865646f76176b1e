import { z } from 'zod';
import { Discount, Duration, Id, Price, Sku } from './primitives.js';

const CronExpr = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4,5}\S+$/, 'expected a cron expression such as "*/20 * * * *"');
/** A moment on the show clock: "00:45" (mm:ss is not used; hh:mm since the stream went live). */
export const ShowOffset = z
  .string()
  .regex(/^\d{1,2}:\d{2}$/, 'expected hh:mm since the show went live, such as 00:45')
  .transform((s) => {
    const [h, m] = s.split(':').map(Number);
    return ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  });

const PromoCodeText = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, 'a code is 3 to 32 letters, digits, "-" or "_"')
  .transform((s) => s.toUpperCase());

export const PromoCode = z.strictObject({
  code: PromoCodeText,
  discount: Discount,
  /** Last day the code works (in the show timezone), e.g. 2026-12-31. */
  expires: z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}/), z.date()])
    .transform(String)
    .optional(),
  maxUses: z.number().int().positive().optional(),
  maxUsesPerViewer: z.number().int().positive().default(1),
  /** Only these SKUs; all products when omitted. */
  products: z.array(Sku).optional(),
});

export const PromoDrop = z
  .strictObject({
    id: Id,
    discount: Discount,
    /** Either a cron schedule (show timezone) … */
    cron: CronExpr.optional(),
    /** … or one random moment in a window of the show clock. */
    randomBetween: z.tuple([ShowOffset, ShowOffset]).optional(),
    valid: Duration.prefault(10 * 60),
    maxUses: z.number().int().positive().optional(),
    products: z.array(Sku).optional(),
    message: z.string().max(400).optional(),
  })
  .refine((d) => (d.cron === undefined) !== (d.randomBetween === undefined), {
    message: 'a drop needs exactly one of cron or randomBetween',
  });

export const FlashSale = z.strictObject({
  id: Id,
  sku: Sku,
  price: Price,
  duration: Duration,
  maxPerBuyer: z.number().int().positive().default(1),
  /** When it starts on its own; otherwise it is started from the dashboard. */
  at: ShowOffset.optional(),
});

export const Unlock = z.strictObject({
  id: Id,
  /** The word viewers send on any platform, e.g. "want" or "хочу". */
  keyword: z.string().trim().min(1).max(32),
  goal: z.number().int().positive(),
  /** Asks count within this window. */
  window: Duration.prefault(15 * 60),
  discount: Discount,
  /** How long the unlocked code works. */
  valid: Duration.prefault(30 * 60),
  /** Progress announcements at these percentages of the goal. */
  milestones: z.array(z.number().int().min(1).max(99)).default([25, 50, 75, 90]),
  products: z.array(Sku).optional(),
  /** The code announced when reached, exactly ("UYUT15"); a generated one ("FIFTEEN-7485KD") when omitted. */
  code: PromoCodeText.optional(),
});

export const AmbassadorsConfig = z.strictObject({
  enabled: z.boolean().default(true),
  /** Viewers may register themselves with !ambassador; otherwise only the admin API issues codes. */
  selfSignup: z.boolean().default(true),
  buyerDiscount: Discount.default({ percent: 10 }),
  commissionPercent: z.number().min(0).max(100).default(10),
});

export const PromotionsConfig = z
  .strictObject({
    codes: z.array(PromoCode).default([]),
    drops: z.array(PromoDrop).default([]),
    flashSales: z.array(FlashSale).default([]),
    unlocks: z.array(Unlock).default([]),
  })
  // A code the show file gives exactly must name one offer: two would share one counter of uses.
  .superRefine((p, ctx) => {
    const seen = new Map<string, string>();
    const given = [
      ...p.codes.map((c, i) => ({ code: c.code, where: `codes[${i}]`, path: ['codes', i, 'code'] })),
      ...p.unlocks.flatMap((u, i) => (u.code === undefined ? [] : [{ code: u.code, where: `unlock "${u.id}"`, path: ['unlocks', i, 'code'] }])),
    ];
    for (const { code, where, path } of given) {
      const first = seen.get(code);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path, message: `code ${code} is given twice (${first} and ${where}); each code must be unique` });
      else seen.set(code, where);
    }
  });
export type PromotionsConfig = z.infer<typeof PromotionsConfig>;
export type AmbassadorsConfig = z.infer<typeof AmbassadorsConfig>;
