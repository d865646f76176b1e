import { z } from 'zod';
import { Duration, Id, NameStyle, Role, Sku } from './primitives.js';
import { ShowOffset } from './promotions.js';

export const Poll = z.strictObject({
  id: Id,
  question: z.string().trim().min(1).max(300),
  options: z.array(z.string().trim().min(1).max(100)).min(2, 'a poll needs 2 to 12 options').max(12, 'a poll needs 2 to 12 options'),
  duration: Duration.prefault(120),
  /** Starts on its own at this point of the show; otherwise from the dashboard. */
  at: ShowOffset.optional(),
  /** One SKU per option: the winning option's product is featured when the poll closes (the next segment). */
  features: z.array(Sku).optional(),
});

export const FaqEntry = z.strictObject({
  id: Id,
  question: z.string().trim().min(1).max(300),
  /** Words and synonyms (any language) that point to this answer. */
  keywords: z.array(z.string().trim().min(1)).min(1, 'give at least one keyword'),
  answer: z.string().trim().min(1).max(1000),
  product: Sku.optional(),
});

export const FaqConfig = z.strictObject({
  /** The same question is not answered again within this time. */
  cooldown: Duration.prefault(60),
  entries: z.array(FaqEntry).default([]),
});

const Step = z.enum(['warn', 'delete', 'timeout']);

export const ModerationConfig = z.strictObject({
  enabled: z.boolean().default(true),
  links: z.strictObject({ block: z.boolean().default(true), allow: z.array(z.string().trim().toLowerCase()).default([]) }).default({ block: true, allow: [] }),
  bannedWords: z.array(z.string().trim().min(1)).default([]),
  bannedPatterns: z
    .array(
      z.string().refine((p) => {
        try {
          new RegExp(p, 'iu');
          return true;
        } catch {
          return false;
        }
      }, 'expected a valid regular expression'),
    )
    .default([]),
  // 25 letters: on the labelled chat set (npm run eval) a shorter minimum stopped only excited buyers ("WANT WANT WANT").
  capsPercent: z.strictObject({ max: z.number().min(1).max(100), minLength: z.number().int().min(1).default(25) }).optional(),
  symbolPercent: z.strictObject({ max: z.number().min(1).max(100), minLength: z.number().int().min(1).default(12) }).optional(),
  repeats: z.strictObject({ max: z.number().int().min(1), within: Duration }).optional(),
  flood: z.strictObject({ messages: z.number().int().min(1), within: Duration }).optional(),
  exempt: z.array(Role).default(['broadcaster', 'moderator']),
  escalation: z
    .strictObject({
      steps: z.array(Step).min(1).default(['warn', 'delete', 'timeout']),
      strikesWithin: Duration.prefault(10 * 60),
      timeout: Duration.prefault(10 * 60),
    })
    .default({ steps: ['warn', 'delete', 'timeout'], strikesWithin: 600_000, timeout: 600_000 }),
});
export type ModerationConfig = z.infer<typeof ModerationConfig>;

export const Timer = z.strictObject({
  message: z.string().trim().min(1).max(400),
  every: Duration,
  /** At least this many viewer lines since the last time, so a quiet chat is not spammed. */
  minLines: z.number().int().min(0).default(5),
});

export const AnnouncementsConfig = z.strictObject({
  /** How long before each scheduled show to announce it. */
  before: z.array(Duration).default([24 * 3600, 3600, 600]),
  live: z.boolean().default(true),
  recap: z.boolean().default(true),
  /** Where viewers watch; sent with "we are live". */
  watchLinks: z.array(z.string().regex(/^https?:\/\//, 'expected a URL')).default([]),
});

export const LeaderboardsConfig = z.strictObject({
  names: NameStyle.default('first'),
  size: z.number().int().min(1).max(25).default(5),
});

/**
 * Personal offers (`!recommend`, the after-purchase line, the storefront's "for you" slot) from each
 * viewer's own purchases, mentions and questions. With `ai.enabled`, the show's model may choose among
 * the rules' top few and word the reason; prices always come from the catalog.
 */
export const RecommendationsConfig = z.strictObject({
  enabled: z.boolean().default(true),
  afterPurchase: z.boolean().default(false),
});

export const OverlayConfig = z.strictObject({
  position: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']).default('bottom-left'),
  font: z.string().default('system-ui, sans-serif'),
  colors: z
    .strictObject({
      text: z.string().default('#ffffff'),
      background: z.string().default('rgba(20,20,28,0.85)'),
      accent: z.string().default('#ff7a59'),
    })
    .default({ text: '#ffffff', background: 'rgba(20,20,28,0.85)', accent: '#ff7a59' }),
  /** Played with each purchase alert: an http(s) URL (the CSP allows media from there) or a path on this server. */
  alertSound: z
    .string()
    // A path must stay on this server: "//host/x" would be another host, ".." may climb out of web/.
    .regex(/^(https?:\/\/[^\s]+|\/(?!\/)[^\s?#]*(?:[?#]\S*)?)$/i, 'expected an http:// or https:// URL or a path on this server such as /sounds/chime.mp3')
    .refine((v) => !/(^|\/)\.\.(\/|$)/.test(v.split(/[?#]/)[0] ?? ''), 'expected a path without ".."')
    .optional(),
});

/**
 * How generated codes start; the rest is a random tail ("MIDSHOW-7485KD"). Letters, digits and
 * the placeholder: `{id}` is the drop's id up to its first "-" ("midshow" → MIDSHOW), `{name}`
 * the ambassador's name in Latin letters (ANNA; FRIEND when it has none). At most 12 characters
 * are kept. Codes a show file gives exactly (`unlocks[].code`, `promotions.codes`) are not touched.
 */
export const CodePrefixes = z.strictObject({
  drops: z
    .string()
    .trim()
    .regex(/^(?:[A-Za-z0-9]|\{id\})+$/, 'expected letters, digits and {id}, such as UYUT or DROP{id}')
    .default('{id}'),
  ambassadors: z
    .string()
    .trim()
    .regex(/^(?:[A-Za-z0-9]|\{name\})+$/, 'expected letters, digits and {name}, such as FRIEND or AMB{name}')
    .default('{name}'),
});

export const EngagementConfig = z.strictObject({
  polls: z.array(Poll).default([]),
  faq: FaqConfig.default({ cooldown: 60_000, entries: [] }),
  timers: z.array(Timer).default([]),
  announcements: AnnouncementsConfig.default({ before: [86_400_000, 3_600_000, 600_000], live: true, recap: true, watchLinks: [] }),
  leaderboards: LeaderboardsConfig.default({ names: 'first', size: 5 }),
  recommendations: RecommendationsConfig.default({ enabled: true, afterPurchase: false }),
  codePrefixes: CodePrefixes.default({ drops: '{id}', ambassadors: '{name}' }),
});
export type Poll = z.infer<typeof Poll>;
export type FaqEntry = z.infer<typeof FaqEntry>;
