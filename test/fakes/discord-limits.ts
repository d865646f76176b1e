/**
 * Discord rate-limit headers and 429 bodies. @discordjs/rest schedules from
 * the headers (Retry-After, X-RateLimit-*), not from the JSON body, so both
 * must agree.
 */
import { createHash } from 'node:crypto';

/** A forced failure for `FakeDiscord.failNext`. */
export interface DiscordFailure {
  status: number;
  /** seconds (429 only) */
  retryAfter?: number;
  /** a global 429 instead of a per-route one */
  global?: boolean;
}

/** Messages allowed per channel per window, as Discord has long enforced. */
export const MESSAGE_LIMIT = 5;
export const MESSAGE_WINDOW_MS = 5_000;

/** Stable opaque bucket id, as Discord sends in X-RateLimit-Bucket. */
function bucketHash(bucket: string): string {
  return createHash('sha1').update(bucket).digest('hex').slice(0, 16);
}

/**
 * Headers of a successful answer. `sendTimes` (message route with limits on)
 * makes them count down; otherwise they advertise room so clients never wait.
 */
export function discordLimitHeaders(bucket: string, sendTimes: readonly number[] | undefined, at: number): Record<string, string> {
  let limit = 50;
  let remaining = 49;
  let resetAfterMs = 1_000;
  if (sendTimes !== undefined) {
    const inWindow = sendTimes.filter((t) => t > at - MESSAGE_WINDOW_MS);
    limit = MESSAGE_LIMIT;
    remaining = Math.max(0, MESSAGE_LIMIT - inWindow.length);
    resetAfterMs = inWindow.length === 0 ? MESSAGE_WINDOW_MS : (inWindow[0] ?? at) + MESSAGE_WINDOW_MS - at;
  }
  return {
    'x-ratelimit-limit': String(limit),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': ((at + resetAfterMs) / 1000).toFixed(3),
    'x-ratelimit-reset-after': (resetAfterMs / 1000).toFixed(3),
    'x-ratelimit-bucket': bucketHash(bucket),
  };
}

/** Body and headers of a forced failure: Discord's 429 shape, or a generic error. */
export function rateLimited(failure: DiscordFailure, bucket: string): [Record<string, unknown>, Record<string, string>] {
  if (failure.status !== 429) {
    return [{ message: `${failure.status}: Forced failure`, code: 0 }, {}];
  }
  const retryAfter = failure.retryAfter ?? 1;
  const now = Date.now();
  const headers: Record<string, string> = {
    'retry-after': String(Math.ceil(retryAfter)),
    'x-ratelimit-limit': String(MESSAGE_LIMIT),
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': ((now + retryAfter * 1000) / 1000).toFixed(3),
    'x-ratelimit-reset-after': retryAfter.toFixed(3),
    'x-ratelimit-bucket': bucketHash(bucket),
    'x-ratelimit-scope': failure.global === true ? 'global' : 'user',
  };
  if (failure.global === true) headers['x-ratelimit-global'] = 'true';
  return [{ message: 'You are being rate limited.', retry_after: retryAfter, global: failure.global === true }, headers];
}
