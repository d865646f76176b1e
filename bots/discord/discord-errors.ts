import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes, HTTPError, RateLimitError as RestRateLimitError } from 'discord.js';
import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';

/** Discord's "Unknown Message": deleting it again has nothing left to do. */
export const UNKNOWN_MESSAGE = 10008;

/**
 * Turns what discord.js throws into what the outbox understands: RateLimitError (wait that long),
 * PermanentSendError (any other 4xx: unknown channel, missing access or permissions, bad body —
 * retrying only earns "invalid request" strikes, and 10,000 of those get a bot banned), or a
 * plain Error (5xx, network) that the outbox retries with backoff.
 */
export function mapDiscordError(err: unknown): Error {
  if (err instanceof RateLimitError || err instanceof PermanentSendError) return err;
  if (err instanceof RestRateLimitError) {
    return new RateLimitError(Math.max(0, Math.ceil(err.retryAfter)), err.global ? 'bot' : 'room');
  }
  if (err instanceof DiscordAPIError) {
    if (err.status === 429) return rateLimitOf(err);
    if (err.status >= 400 && err.status < 500) {
      return new PermanentSendError(`Discord refused the request (${err.status}, code ${err.code}): ${err.message}`, { cause: err });
    }
    return new Error(`Discord answered ${err.status}: ${err.message}`, { cause: err });
  }
  if (err instanceof HTTPError) return new Error(`Discord answered ${err.status}: ${err.message}`, { cause: err });
  return err instanceof Error ? err : new Error(String(err));
}

function rateLimitOf(err: DiscordAPIError): RateLimitError {
  const raw = err.rawError as { retry_after?: unknown; global?: unknown };
  const seconds = typeof raw.retry_after === 'number' ? raw.retry_after : 1;
  return new RateLimitError(Math.ceil(seconds * 1000), raw.global === true ? 'bot' : 'room');
}

/** Whether Discord refused a direct message for good (DMs closed, no shared server, unknown user). */
export function refusedDirectMessage(err: unknown): boolean {
  return err instanceof DiscordAPIError && err.status >= 400 && err.status < 500 && err.status !== 429;
}

/** A login that failed; `fatal` when trying again with the same settings cannot work. */
export class DiscordLoginError extends Error {
  override name = 'DiscordLoginError';
  constructor(
    message: string,
    readonly fatal: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Explains a failed login in the operator's terms. A rejected token and refused intents are
 * fatal (the channel is disabled with this reason); an unreachable Discord is retried.
 * The message never contains the token, only the name of the variable that holds it.
 */
export function loginError(err: unknown, tokenEnv: string): DiscordLoginError {
  if (err instanceof DiscordLoginError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const tokenRejected =
    (err instanceof DiscordjsError && err.code === DiscordjsErrorCodes.TokenInvalid) ||
    (err instanceof DiscordAPIError && err.status === 401) ||
    message === 'Authentication failed';
  if (tokenRejected) {
    return new DiscordLoginError(`Discord rejected the bot token in ${tokenEnv} (401): copy a fresh one from the Developer Portal (Bot → Reset Token)`, true, {
      cause: err,
    });
  }
  if (message === 'Used disallowed intents') {
    return new DiscordLoginError('Discord refused the Message Content intent: enable it in the Developer Portal (Bot → Privileged Gateway Intents)', true, {
      cause: err,
    });
  }
  if (message === 'Used invalid intents') return new DiscordLoginError('Discord refused the gateway intents', true, { cause: err });
  const status = err instanceof HTTPError || err instanceof DiscordAPIError ? `${err.status} ` : '';
  return new DiscordLoginError(`Discord login failed: ${status}${message}`, false, { cause: err });
}
