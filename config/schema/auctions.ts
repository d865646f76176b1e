import { z } from 'zod';
import { Duration, Id, Price, Sku } from './primitives.js';

/** One row of the increment table: from this price (major units) on, a bid must rise by `step`. */
export const IncrementStep = z.strictObject({
  from: z.number({ error: 'expected a price such as 0 or 50' }).nonnegative('expected a price of 0 or more'),
  step: Price,
});
export type IncrementStep = z.infer<typeof IncrementStep>;

/** What most live sellers use: small steps while the price is small, larger ones as it grows. */
export const DEFAULT_INCREMENTS: readonly IncrementStep[] = [
  { from: 0, step: 1 },
  { from: 20, step: 2 },
  { from: 50, step: 5 },
  { from: 200, step: 10 },
  { from: 1000, step: 50 },
];

const Increments = z
  .array(IncrementStep)
  .min(1, 'give at least one step, such as [{ from: 0, step: 1 }]')
  .superRefine((steps, ctx) => {
    if (steps[0]!.from !== 0) ctx.addIssue({ code: 'custom', path: [0, 'from'], message: 'the first step starts from 0' });
    steps.forEach((s, i) => {
      if (i > 0 && s.from <= steps[i - 1]!.from) ctx.addIssue({ code: 'custom', path: [i, 'from'], message: 'each step starts above the one before' });
    });
  });

export const Auction = z
  .strictObject({
    /** How the dashboard and the event log name it; the SKU (lowercase) when not given. */
    id: Id.optional(),
    sku: Sku,
    /** The variant sold, for a product with variants. */
    variant: z.string().trim().min(1).max(32).optional(),
    /** The opening price; the first bid is at least this. */
    start: z.number({ error: 'expected a price such as 1 or 10' }).positive('expected a positive price'),
    increments: Increments.default([...DEFAULT_INCREMENTS]),
    duration: Duration.prefault(30),
    /** A bid in the last `antiSnipe` resets the clock to `antiSnipe` (0: never). */
    antiSnipe: Duration.prefault(10),
    /** Ends when the clock runs out, whatever comes in the last seconds. */
    suddenDeath: z.boolean().default(false),
    /** Below this the item is not sold (the bidders are not told the figure). */
    reserve: Price.optional(),
    /** Anyone may end the auction at once by paying this. */
    buyNow: Price.optional(),
    /** How long the winner's cart holds the item; the checkout's `hold` when not given. */
    payWithin: Duration.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.reserve !== undefined && a.reserve < a.start) ctx.addIssue({ code: 'custom', path: ['reserve'], message: 'the reserve is at least the start price' });
    if (a.buyNow !== undefined && a.buyNow <= a.start) ctx.addIssue({ code: 'custom', path: ['buyNow'], message: 'buy-it-now is above the start price' });
    if (a.buyNow !== undefined && a.reserve !== undefined && a.buyNow < a.reserve) {
      ctx.addIssue({ code: 'custom', path: ['buyNow'], message: 'buy-it-now is at least the reserve' });
    }
    if (a.duration < 5_000) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'an auction runs 5 seconds or more' });
  });
export type Auction = z.infer<typeof Auction>;

/** The key an auction goes by: its id, or its SKU in lowercase. */
export const auctionKey = (a: Pick<Auction, 'id' | 'sku'>): string => a.id ?? a.sku.toLowerCase();

export const AuctionsConfig = z.array(Auction).default([]);
export type AuctionsConfig = z.infer<typeof AuctionsConfig>;
