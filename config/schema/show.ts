import { isIP } from 'node:net';
import { z } from 'zod';
import { Currency, Duration, EnvName, HttpUrl, Id, Role, Timezone } from './primitives.js';

const LocalDateTime = z.union([z.string(), z.date()], { error: 'expected a local date and time such as 2026-12-05 19:00' }).transform((v, ctx) => {
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
    cron: z
      .string()
      .trim()
      .regex(/^(\S+\s+){4}\S+$/, 'expected a five-field cron expression such as "0 19 * * 5"')
      .optional(),
    duration: Duration.prefault(90 * 60),
  })
  .refine((e) => (e.at === undefined) !== (e.cron === undefined), { message: 'a schedule entry needs exactly one of at or cron' });
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

export const ShowMeta = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).max(120),
  timezone: Timezone.default('UTC'),
  currency: Currency.default('EUR'),
  language: z
    .string()
    .regex(/^[a-z]{2}(-[A-Z]{2})?$/)
    .default('en'),
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

const SUBNET_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address Express's `trust proxy` takes: an IP, a CIDR such as 10.0.0.0/8, or a named subnet. */
function isProxyAddress(value: string): boolean {
  if (SUBNET_NAMES.includes(value)) return true;
  const [ip = '', prefix, ...extra] = value.split('/');
  const family = isIP(ip);
  if (family === 0 || extra.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

const ProxyAddress = z
  .string()
  .trim()
  .refine(isProxyAddress, { error: 'expected an IP address, a CIDR such as 10.0.0.0/8, or loopback, linklocal or uniquelocal' });

/**
 * Which proxies in front of showcart may say who the client is (X-Forwarded-For) and whether it
 * came over HTTPS (X-Forwarded-Proto). `false`: none, the socket's address is the client. A number:
 * that many proxies in front; `true` means one. A list: proxies at these addresses only (the
 * strictest). Express's "trust every hop" is not offered: any client could then choose its address.
 */
export const TrustProxy = z
  .union([z.boolean(), z.number().int().min(0).max(32), ProxyAddress, z.array(ProxyAddress).min(1)], {
    error: 'expected true/false, a number of proxies, or a list of proxy addresses (IPs or CIDRs)',
  })
  .transform((v): false | number | string[] => (v === true ? 1 : v === false || v === 0 ? false : typeof v === 'string' ? [v] : v));
export type TrustProxy = z.infer<typeof TrustProxy>;

export const ServerConfig = z.strictObject({
  host: z.string().default('0.0.0.0'),
  port: z.number().int().min(0).max(65535).default(3000),
  /** How viewers reach this server (links in chat, checkout callbacks); defaults to http://localhost:<port>. */
  publicUrl: HttpUrl.optional(),
  trustProxy: TrustProxy.default(false),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export const AdminConfig = z.strictObject({
  /** Bearer token for the dashboard and admin API; when unset, showcart makes one and stores it in data/. */
  tokenEnv: EnvName.default('SHOWCART_ADMIN_TOKEN'),
});
