import { TelegramError } from 'telegraf';
import { describe, expect, it } from 'vitest';
import { classifyTelegramError, connectError, describeTelegramError, toSendError, TokenRejectedError } from '../../bots/telegram/telegram-errors.js';
import { timeoutUntil } from '../../bots/telegram/telegram-moderation.js';
import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';

// Bot API error bodies as Telegram sends them; telegraf wraps each in a TelegramError.
const api = (error_code: number, description: string, parameters?: { retry_after?: number; migrate_to_chat_id?: number }) =>
  new TelegramError({ error_code, description, ...(parameters && { parameters }) });
const sendError = (err: unknown) => toSendError(classifyTelegramError(err));

function networkError(code: string): Error {
  // The shape node-fetch gives telegraf for a refused or reset connection.
  const err = new Error(`request to http://127.0.0.1:9/bot777:[REDACTED]/sendMessage failed, reason: connect ${code}`);
  err.name = 'FetchError';
  Object.assign(err, { type: 'system', code, errno: code });
  return err;
}

describe('mapping Telegram errors to what the outbox does', () => {
  it('GIVEN 429 with retry_after WHEN mapped THEN a room-scoped RateLimitError waits that many seconds', () => {
    const err = sendError(api(429, 'Too Many Requests: retry after 7', { retry_after: 7 }));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ retryAfterMs: 7000, scope: 'room' });
  });

  it('GIVEN a chat that does not exist, a kicked bot or missing rights WHEN mapped THEN retrying is pointless', () => {
    for (const e of [
      api(400, 'Bad Request: chat not found'),
      api(403, 'Forbidden: bot was kicked from the supergroup chat'),
      api(400, 'Bad Request: not enough rights to restrict/unrestrict chat member'),
      api(400, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0'),
    ]) {
      expect(sendError(e)).toBeInstanceOf(PermanentSendError);
    }
  });

  it('GIVEN a 403 from a private chat WHEN classified THEN the caller sees "forbidden" and can fall back to the group', () => {
    expect(classifyTelegramError(api(403, 'Forbidden: bot was blocked by the user'))).toEqual({
      kind: 'forbidden',
      reason: '403: Forbidden: bot was blocked by the user',
    });
  });

  it('GIVEN the replied-to message is gone WHEN classified THEN the send can be repeated without the reply', () => {
    expect(classifyTelegramError(api(400, 'Bad Request: message to be replied not found')).kind).toBe('reply-target-missing');
  });

  it('GIVEN a group upgraded to a supergroup WHEN mapped THEN the error names the new id for the show file', () => {
    const err = sendError(api(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1009876543210 }));
    expect(err).toBeInstanceOf(PermanentSendError);
    expect(err.message).toContain('-1009876543210');
  });

  it('GIVEN a 5xx or a network error WHEN mapped THEN it is a plain Error the outbox retries with backoff', () => {
    for (const e of [api(502, 'Bad Gateway'), networkError('ECONNREFUSED'), new Error('socket hang up')]) {
      const err = sendError(e);
      expect(err).not.toBeInstanceOf(PermanentSendError);
      expect(err).not.toBeInstanceOf(RateLimitError);
    }
    expect(describeTelegramError(networkError('ECONNRESET'))).toBe('network error (ECONNRESET)');
  });

  it('GIVEN an error quoting the token WHEN described THEN the token is masked', () => {
    const token = '777:AAH-secret-token';
    expect(describeTelegramError(new Error(`GET /bot${token}/getMe failed`), token)).toBe('GET /bot[token]/getMe failed');
  });

  it('GIVEN getMe fails WHEN turned into a connect error THEN 401 and 404 reject the token for good and 5xx is retried', () => {
    const rejected = connectError(api(401, 'Unauthorized'), 'TELEGRAM_BOT_TOKEN');
    expect(rejected).toBeInstanceOf(TokenRejectedError);
    expect(rejected.message).toBe('token rejected (401: Unauthorized): check TELEGRAM_BOT_TOKEN and channels.telegram.apiRoot');
    expect(connectError(api(404, 'Not Found'), 'TELEGRAM_BOT_TOKEN')).toBeInstanceOf(TokenRejectedError);
    expect(connectError(api(502, 'Bad Gateway'), 'TELEGRAM_BOT_TOKEN')).not.toBeInstanceOf(TokenRejectedError);
  });

  it('GIVEN a timeout length WHEN turned into until_date THEN it is now + seconds, stretched to 31 s or capped below 366 days so Telegram never mutes forever', () => {
    const now = 1_700_000_000_500;
    expect(timeoutUntil(now, 600)).toBe(1_700_000_000 + 600);
    expect(timeoutUntil(now, 5)).toBe(1_700_000_000 + 31);
    expect(timeoutUntil(now, 400 * 86_400)).toBe(1_700_000_000 + 366 * 86_400 - 60);
  });
});
