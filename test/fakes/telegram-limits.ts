/**
 * Telegram's flood limits and forced failures for the fake Bot API.
 */
import type { SlidingWindow } from './sliding-window.js';
import { TgApiError, type TgChat } from './telegram-methods.js';

/** A queued forced failure for `FakeTelegram.failNext`. */
export interface TelegramFailure {
  status: number;
  /** seconds (429 only) */
  retryAfter?: number;
  description?: string;
}

/** Key under which every accepted send is also counted, for the per-bot limit. */
export const ALL_CHATS = '*';

// Telegram tolerates small bursts; the slack keeps network jitter from failing a well-paced sender.
const SLACK_MS = 100;

/**
 * The 429 Telegram would answer for one more send to `chat` now, if any:
 * ~1 msg/s per chat, 20 msgs/min per group, 30 msgs/s per bot.
 */
export function floodError(sends: SlidingWindow, chat: TgChat, now: number): TgApiError | undefined {
  const key = String(chat.id);
  const group = chat.type === 'group' || chat.type === 'supergroup';
  const waitMs = Math.max(
    sends.waitUntilBelow(key, 1, 1_000 - SLACK_MS, now),
    group ? sends.waitUntilBelow(key, 20, 60_000 - SLACK_MS, now) : 0,
    sends.waitUntilBelow(ALL_CHATS, 30, 1_000, now),
  );
  return waitMs > 0 ? forcedError({ status: 429, retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) }) : undefined;
}

/** The Bot API error for a forced failure; 429s carry `parameters.retry_after`. */
export function forcedError(f: TelegramFailure): TgApiError {
  if (f.status === 429) {
    const retry = f.retryAfter ?? 1;
    return new TgApiError(429, f.description ?? `Too Many Requests: retry after ${retry}`, { retry_after: retry });
  }
  return new TgApiError(f.status, f.description ?? (f.status >= 500 ? 'Internal Server Error' : `Error ${f.status}`));
}
