import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A web viewer keeps their id across reloads with a signed session string, so their orders and
 * votes stay theirs; the signature stops anyone from taking another viewer's id.
 */
export class WebSessions {
  private readonly key: Buffer;

  constructor(secret?: string) {
    this.key = secret ? Buffer.from(secret) : randomBytes(32);
  }

  /** An opaque, stable key for a network address (what per-address limits downstream count by). */
  originOf(address: string): string {
    return `web:${createHmac('sha256', this.key).update(`origin\u0000${address}`).digest('base64url').slice(0, 16)}`;
  }

  issue(): { userId: string; session: string } {
    const userId = `w${randomBytes(9).toString('base64url')}`;
    return { userId, session: `${userId}.${this.sign(userId)}` };
  }

  /** The user id a session string belongs to, or undefined if it was not issued by us. */
  verify(session: unknown): string | undefined {
    if (typeof session !== 'string') return undefined;
    const [userId, signature] = session.split('.');
    if (!userId || !signature || !/^w[\w-]{6,32}$/.test(userId)) return undefined;
    const expected = Buffer.from(this.sign(userId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given) ? userId : undefined;
  }

  private sign(userId: string): string {
    return createHmac('sha256', this.key).update(userId).digest('base64url').slice(0, 32);
  }
}

/** A display name a person picked: trimmed, no control characters, 1 to 32 characters. */
export function cleanName(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  return name.length >= 1 && name.length <= 32 ? name : undefined;
}

/** Constant-time comparison of a presented secret (an invite code) with the real one. */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
