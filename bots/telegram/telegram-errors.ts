import { TelegramError } from 'telegraf';
import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';

/** What a failed Bot API call means for whoever made it. */
export type TelegramFailure =
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  /** The message we answered has gone (deleted, or the wrong chat): send without the reply. */
  | { kind: 'reply-target-missing'; reason: string }
  /** 403: in a private chat, the viewer never started the bot or blocked it; in a group, we were removed. */
  | { kind: 'forbidden'; reason: string }
  | { kind: 'unauthorized'; reason: string }
  /** Retrying can never help: unknown chat, no rights, malformed request. */
  | { kind: 'permanent'; reason: string }
  /** 5xx, network trouble, or anything unknown: worth another try later. */
  | { kind: 'transient'; reason: string };

const REPLY_MISSING = /message to be replied not found|replied message not found|message to reply not found/i;

/**
 * A short, token-free description of an error from telegraf: `502: Bad Gateway`, `network
 * error (ECONNREFUSED)`. `secret` is masked wherever it appears, in case a library quotes a URL.
 */
export function describeTelegramError(err: unknown, secret?: string): string {
  let text: string;
  if (err instanceof TelegramError) text = `${err.code}: ${err.description}`;
  else if (err instanceof Error && err.name === 'FetchError') {
    const code = (err as Error & { code?: string }).code;
    text = `network error${code ? ` (${code})` : ''}`;
  } else if (err instanceof Error) text = err.message;
  else text = String(err);
  return secret && secret.length > 0 ? text.split(secret).join('[token]') : text;
}

/** Sorts a telegraf error into what the caller should do about it. */
export function classifyTelegramError(err: unknown, secret?: string): TelegramFailure {
  const reason = describeTelegramError(err, secret);
  if (!(err instanceof TelegramError)) return { kind: 'transient', reason };
  const code = err.code;
  if (code === 429) return { kind: 'rate-limited', retryAfterMs: Math.max(1, err.parameters?.retry_after ?? 1) * 1000, reason };
  if (code >= 500) return { kind: 'transient', reason };
  if (code === 401) return { kind: 'unauthorized', reason };
  if (code === 403) return { kind: 'forbidden', reason };
  if (code === 400 && REPLY_MISSING.test(err.description)) return { kind: 'reply-target-missing', reason };
  const migrated = err.parameters?.migrate_to_chat_id;
  if (migrated !== undefined) {
    return { kind: 'permanent', reason: `${reason}; the group became a supergroup with id ${migrated}: put that id in channels.telegram.chats` };
  }
  // Every other 4xx (chat not found, not enough rights, can't parse entities) fails the same way next time.
  return { kind: 'permanent', reason };
}

/** Telegram would not take a URL button's address (BUTTON_URL_INVALID, "inline keyboard button URL … is invalid"). */
export function refusedButtonUrl(failure: TelegramFailure | undefined): boolean {
  return failure?.kind === 'permanent' && /BUTTON_URL_INVALID|inline keyboard button URL/i.test(failure.reason);
}

/** What `send`/`moderate` throw: the outbox's own error types, still saying what Telegram answered. */
export type TelegramSendError = Error & { readonly failure: TelegramFailure };

/** The error `send`/`moderate` throw so the outbox waits, retries, or gives up as it should. */
export function toSendError(failure: TelegramFailure): TelegramSendError {
  return Object.assign(outboxError(failure), { failure });
}

/** What Telegram answered, when `err` came from {@link toSendError}. */
export function failureOf(err: unknown): TelegramFailure | undefined {
  return err instanceof Error && 'failure' in err ? (err as TelegramSendError).failure : undefined;
}

function outboxError(failure: TelegramFailure): Error {
  switch (failure.kind) {
    case 'rate-limited':
      return new RateLimitError(failure.retryAfterMs, 'room');
    case 'forbidden':
    case 'permanent':
    case 'reply-target-missing':
      return new PermanentSendError(`Telegram refused: ${failure.reason}`);
    case 'unauthorized':
      // The supervisor notices the revoked token on reconnect; until then the outbox keeps it.
      return new Error(`Telegram rejected the bot token: ${failure.reason}`);
    case 'transient':
      return new Error(`Telegram unavailable: ${failure.reason}`);
  }
}

/** getMe said the token is wrong: retrying cannot help, the channel is disabled with this reason. */
export class TokenRejectedError extends Error {
  override name = 'TokenRejectedError';
}

/** Turns a failed getMe into the error the supervisor sees: fatal for a rejected token, else retried. */
export function connectError(err: unknown, tokenEnv: string, secret?: string): Error {
  const reason = describeTelegramError(err, secret);
  // Telegram answers 401 for a wrong token and 404 for one that is not even shaped like a token.
  if (err instanceof TelegramError && (err.code === 401 || err.code === 404)) {
    return new TokenRejectedError(`token rejected (${reason}): check ${tokenEnv} and channels.telegram.apiRoot`);
  }
  return new Error(`Telegram getMe failed: ${reason}`);
}
