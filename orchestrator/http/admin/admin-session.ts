import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'showcart_admin';

/**
 * The session cookie's name for a show. Cookies ignore ports, so shows run side by side on one
 * host (`--shows`) each need their own name, or logging into one dashboard logs out the others.
 */
export function sessionCookieName(showId: string, sideBySide: boolean): string {
  return sideBySide ? `${SESSION_COOKIE}_${showId.replace(/[^A-Za-z0-9_-]/g, '_')}` : SESSION_COOKIE;
}
export const SESSION_TTL_MS = 12 * 60 * 60_000;

/**
 * Admin sessions in a cookie: `<expires>.<nonce>.<hmac>`, signed with a key derived from the admin
 * token, so the cookie never carries the token and changing the token ends every session.
 */
export class AdminSessions {
  private readonly key: Buffer;
  private readonly tokenDigest: Buffer;

  constructor(token: string) {
    this.key = createHmac('sha256', token).update('showcart admin session v1').digest();
    this.tokenDigest = digest(token);
  }

  /** Compares a presented token in constant time (both sides hashed to a fixed length first). */
  tokenMatches(presented: string): boolean {
    return timingSafeEqual(digest(presented), this.tokenDigest);
  }

  issue(now: number): string {
    const body = `${now + SESSION_TTL_MS}.${randomBytes(12).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  valid(cookie: string, now: number): boolean {
    const cut = cookie.lastIndexOf('.');
    if (cut < 0) return false;
    const body = cookie.slice(0, cut);
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(cookie.slice(cut + 1));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const expires = Number(body.split('.')[0]);
    return Number.isFinite(expires) && expires > now;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** One cookie's value from a Cookie header; express 5 parses none by itself. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
