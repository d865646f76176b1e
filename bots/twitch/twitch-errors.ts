import { PermanentSendError, RateLimitError } from '../../orchestrator/channel.js';
import { textOf } from '../../orchestrator/shared/text-of.js';

/** Twitch refused the token itself: reconnecting with it again can never help. */
export class TwitchAuthError extends Error {
  override name = 'TwitchAuthError';
}

/** Twitch's own texts for a refused login (tmi.js rejects connect() with them as plain strings). */
const LOGIN_REFUSED = /Login authentication failed|Login unsuccessful|Improperly formatted auth|Error logging in|Invalid NICK/i;

/** Twitch mutes a bot over its rate for 30 minutes at worst; pausing 30 s is the least it asks. */
export const TWITCH_RATE_PAUSE_MS = 30_000;

/** The supervisor's test for "disable instead of retrying". */
export function isFatalTwitchError(err: unknown): boolean {
  return err instanceof TwitchAuthError;
}

/** tmi.js rejects with strings; turns a failed connect() into an Error, fatal when the login was refused. */
export function connectFailure(reason: unknown, tokenEnv = 'TWITCH_OAUTH_TOKEN'): Error {
  const text = reason instanceof Error ? reason.message : textOf(reason);
  if (LOGIN_REFUSED.test(text)) {
    return new TwitchAuthError(`Twitch refused the login: ${text} (check ${tokenEnv} and channels.twitch.username)`);
  }
  return new Error(`Twitch chat connection failed: ${text || 'connection closed'}`);
}

/** What a rejected `say()` means for the outbox: slow down, give up, or try again. */
export function sayFailure(reason: unknown): Error {
  const text = reason instanceof Error ? reason.message : textOf(reason);
  if (/msg_ratelimit|rate ?limit|too quickly/i.test(text)) return new RateLimitError(TWITCH_RATE_PAUSE_MS, 'bot');
  if (/anonymous/i.test(text)) return new PermanentSendError(`Twitch will not take this message: ${text}`);
  return new Error(`Twitch did not take the message: ${text || 'unknown error'}`);
}

/** What the bot was doing when Helix answered, for error texts a seller can act on. */
export interface HelixCall {
  /** "time out a user" / "delete a message" / "validate the token" / "look up channels". */
  what: string;
  channel?: string;
  /** The scope this call needs. */
  scope?: string;
  botLogin?: string;
}

/** Helix error bodies look like `{ error: 'Forbidden', status: 403, message: '…' }`. */
function twitchSaid(body: unknown): string {
  if (body !== null && typeof body === 'object' && 'message' in body && typeof body.message === 'string' && body.message !== '') {
    return ` Twitch said: "${body.message}"`;
  }
  return '';
}

/**
 * Maps a failed Helix answer to what the outbox understands: 429 waits until `Ratelimit-Reset`
 * (epoch seconds), 5xx is retried, and 400/401/403/404 will not get better by retrying.
 */
export function helixFailure(status: number, body: unknown, headers: Headers, call: HelixCall, now = Date.now()): Error {
  const where = call.channel ? ` in #${call.channel}` : '';
  const said = twitchSaid(body);
  if (status === 429) {
    const reset = Number(headers.get('ratelimit-reset'));
    const waitMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 - now : 1000;
    return new RateLimitError(Math.min(Math.max(waitMs, 1000), 60_000), 'room');
  }
  if (status === 401) {
    const scope = call.scope ? ` or it lacks the scope ${call.scope}` : '';
    return new PermanentSendError(`Twitch could not ${call.what}${where}: the token was refused (expired or revoked${scope}).${said}`);
  }
  if (status === 403) {
    const bot = call.botLogin ?? 'the bot';
    const how = call.channel ? ` (the broadcaster can type /mod ${bot} in chat)` : '';
    const scope = call.scope ? `, or the token lacks the scope ${call.scope}` : '';
    return new PermanentSendError(`Twitch could not ${call.what}${where}: ${bot} is not a moderator there${how}${scope}.${said}`);
  }
  if (status === 400 || status === 404 || status === 409 || status === 422) {
    return new PermanentSendError(`Twitch could not ${call.what}${where} (HTTP ${status}).${said}`);
  }
  return new Error(`Twitch could not ${call.what}${where} (HTTP ${status}), will retry.${said}`);
}
