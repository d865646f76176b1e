import { z } from 'zod';
import { Currency, Duration, EnvName, HttpUrl, Id, Role, Timezone } from './primitives.js';

const LocalDateTime = z
  .union([z.string(), z.date()], { error: 'expected a local date and time such as 2026-12-05 19:00' })
  .transform((v, ctx) => {
    // YAML turns unquoted timestamps into UTC Dates; the show means its own timezone, so keep the wall time.
    const s = v instanceof Date ? v.toISOString().slice(0, 16) : v.trim();
    const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$/.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `expected a local date and time such as 2026-12-05 19:00, got "${s}"` });
      return z.NEVER;
    }
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]!.padStart(2, '0')}:${m[5]}`;
  });

export const ScheduleEntry = z
  .strictObject({
    title: z.string().trim().min(1).max(120).optional(),
    /** One show at a local time in the show timezone … */
    at: LocalDateTime.optional(),
    /** … or a recurring show, e.g. "0 19 * * 5" for Fridays at 19:00. */
    cron: z.string().trim().regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 19 * * 5"').optional(),
    duration: Duration.prefault(90 * 60),
  })
  .refine((e) => (e.at === undefined) !== (e.cron === undefined), { message: 'a schedule entry needs exactly one of at or cron' });
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const ShowMeta = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).max(120),
  timezone: Timezone.default('UTC'),
  currency: Currency.default('EUR'),
  language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).default('en'),
  /** A private (B2B) show: the web page needs an invite link, only listed chats/roles may buy. */
  private: z.boolean().default(false),
  /** Who gets in when `private` is true. */
  access: z
    .strictObject({
      /** The web page opens only with ?invite=<the value of this variable>. */
      inviteEnv: EnvName.default('SHOWCART_INVITE_CODE'),
      /** Buyers with one of these roles may buy … */
      buyerRoles: z.array(Role).default([]),
      /** … and anyone writing in one of these rooms (Telegram chat ids, Discord channel ids, Twitch logins, "web"). Both empty: every room of the show. */
      buyerRooms: z.array(z.union([z.string(), z.number()]).transform(String)).default([]),
    })
    .prefault({}),
  schedule: z.array(ScheduleEntry).default([]),
});
export type ShowMeta = z.infer<typeof ShowMeta>;

export const ServerConfig = z.strictObject({
  host: z.string().default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(3000),
  /** How viewers reach this server (links in chat, checkout callbacks); defaults to http://localhost:<port>. */
  publicUrl: HttpUrl.optional(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export const AdminConfig = z.strictObject({
  /** Bearer token for the dashboard and admin API; when unset, showcart makes one and stores it in data/. */
  tokenEnv: EnvName.default('SHOWCART_ADMIN_TOKEN'),
});
