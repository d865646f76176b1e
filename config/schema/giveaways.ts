import { z } from 'zod';
import { Duration, Id, Sku } from './primitives.js';

/** Who may enter a giveaway, beyond the chat-lines minimum. */
export const ELIGIBILITY = ['everyone', 'buyers', 'linked', 'supporters'] as const;
export type Eligibility = (typeof ELIGIBILITY)[number];

export const Giveaway = z
  .strictObject({
    /** How the dashboard, the admin API and the proof page name it. */
    id: Id,
    /** The prize: one unit of this product, at no charge, in the winner's cart (shipping as the checkout sets it). */
    sku: Sku,
    /** The variant given, for a product with variants. */
    variant: z.string().trim().min(1).max(32).optional(),
    /** A word that enters when typed alone ("win"), besides `!enter`. */
    keyword: z.string().trim().min(2, 'a keyword of 2 characters or more').max(32).optional(),
    /** How long entries stay open once the giveaway starts. */
    window: Duration.prefault(120),
    /**
     * everyone; buyers (ordered in this show); linked (a viewer who linked two or more accounts);
     * supporters (tipped in this show).
     */
    eligible: z.enum(ELIGIBILITY, { error: `expected one of ${ELIGIBILITY.join(', ')}` }).default('everyone'),
    /** Chat lines a viewer has written in this show before they may enter (0: none needed). */
    minLines: z.number().int('expected a whole number').min(0).max(200, 'at most 200 lines').default(0),
    /** How long the winner has to type `!claim` before the prize is drawn again. */
    claimWithin: Duration.prefault(300),
    /** Entries taken at most; later ones are told the giveaway is full. */
    maxEntries: z.number().int('expected a whole number').positive().max(1_000_000).default(100_000),
  })
  .superRefine((g, ctx) => {
    if (g.window < 10_000) ctx.addIssue({ code: 'custom', path: ['window'], message: 'entries stay open 10 seconds or more' });
    if (g.claimWithin < 30_000) ctx.addIssue({ code: 'custom', path: ['claimWithin'], message: 'give the winner 30 seconds or more to claim' });
  });
export type Giveaway = z.infer<typeof Giveaway>;

export const GiveawaysConfig = z.array(Giveaway).default([]);
export type GiveawaysConfig = z.infer<typeof GiveawaysConfig>;
