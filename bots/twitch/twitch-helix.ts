import { helixFailure, TwitchAuthError, type HelixCall } from './twitch-errors.js';

/** Who the token belongs to, from `GET /oauth2/validate`; Helix moderation needs all of it. */
export interface HelixIdentity {
  /** Sent as `Client-Id`: Helix refuses a token with another app's client id. */
  clientId: string;
  /** The bot's user id: the `moderator_id` of every moderation call. */
  userId: string;
  login: string;
  scopes: string[];
}

export const SCOPE_BAN = 'moderator:manage:banned_users';
export const SCOPE_DELETE = 'moderator:manage:chat_messages';

/** Twitch's longest timeout is two weeks. */
const MAX_TIMEOUT_S = 1_209_600;
const MAX_REASON = 500;
const REQUEST_TIMEOUT_MS = 10_000;

export interface HelixOptions {
  /** Helix root, e.g. https://api.twitch.tv/helix */
  api: string;
  /** OAuth root, e.g. https://id.twitch.tv/oauth2 */
  authApi: string;
  /** The access token without the "oauth:" prefix IRC wants. */
  token: string;
  /** Where the token comes from, named in errors so the seller knows what to replace. */
  tokenEnv: string;
}

/**
 * The few Helix calls the bot needs. Twitch stopped running /timeout, /ban and /delete sent as
 * chat on 18 Feb 2023, so moderation goes through the API with the same user token as chat.
 * Error texts never carry the token: they are built here from the status and Twitch's message.
 */
export class TwitchHelix {
  private readonly api: string;
  private readonly authApi: string;

  constructor(private readonly options: HelixOptions) {
    this.api = options.api.replace(/\/+$/, '');
    this.authApi = options.authApi.replace(/\/+$/, '');
  }

  /** Who the token is; a 401 means the token is dead, which no retry can fix. */
  async validate(): Promise<HelixIdentity> {
    const call: HelixCall = { what: 'validate the token' };
    const res = await this.request(`${this.authApi}/validate`, { headers: { Authorization: `OAuth ${this.options.token}` } }, call);
    if (res.status === 401) {
      throw new TwitchAuthError(
        `Twitch rejected the OAuth token at validation (401): it is invalid, expired or revoked; put a fresh one in ${this.options.tokenEnv}`,
      );
    }
    const body = await readJson(res);
    if (!res.ok) throw helixFailure(res.status, body, res.headers, call);
    const b = (body ?? {}) as { client_id?: unknown; user_id?: unknown; login?: unknown; scopes?: unknown };
    if (typeof b.client_id !== 'string' || typeof b.user_id !== 'string') throw new Error('Twitch token validation answered without client_id or user_id');
    return {
      clientId: b.client_id,
      userId: b.user_id,
      login: typeof b.login === 'string' ? b.login : '',
      scopes: Array.isArray(b.scopes) ? b.scopes.filter((s): s is string => typeof s === 'string') : [],
    };
  }

  /** User ids by login (channels are looked up once per connection); unknown logins are absent. */
  async userIds(identity: HelixIdentity, logins: string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    const users = await this.getByLogins<{ id?: unknown; login?: unknown }>(identity, '/users', 'login', logins, 'look up channel ids');
    for (const user of users) if (typeof user.id === 'string' && typeof user.login === 'string') ids.set(user.login.toLowerCase(), user.id);
    return ids;
  }

  /** Live viewers per channel login from `GET /streams`; channels that are not live are absent. */
  async viewerCounts(identity: HelixIdentity, logins: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const streams = await this.getByLogins<{ user_login?: unknown; viewer_count?: unknown }>(identity, '/streams', 'user_login', logins, 'read viewer counts');
    for (const s of streams) if (typeof s.user_login === 'string' && typeof s.viewer_count === 'number') counts.set(s.user_login.toLowerCase(), s.viewer_count);
    return counts;
  }

  /** The `data` of a Helix GET keyed by logins; Helix takes at most 100 logins per request. */
  private async getByLogins<T>(identity: HelixIdentity, path: string, param: string, logins: readonly string[], what: string): Promise<T[]> {
    const all: T[] = [];
    for (let i = 0; i < logins.length; i += 100) {
      const query = new URLSearchParams(logins.slice(i, i + 100).map((login): [string, string] => [param, login]));
      const call: HelixCall = { what };
      const res = await this.request(`${this.api}${path}?${query.toString()}`, { headers: this.headers(identity) }, call);
      const body = await readJson(res);
      if (!res.ok) throw helixFailure(res.status, body, res.headers, call);
      all.push(...((body as { data?: T[] } | undefined)?.data ?? []));
    }
    return all;
  }

  /** `POST /moderation/bans` with a duration: a timeout, not a ban. */
  async timeout(identity: HelixIdentity, broadcasterId: string, target: { userId: string; seconds: number; reason: string }, call: HelixCall): Promise<void> {
    const query = new URLSearchParams({ broadcaster_id: broadcasterId, moderator_id: identity.userId });
    const duration = Math.min(MAX_TIMEOUT_S, Math.max(1, Math.round(target.seconds)));
    const body = JSON.stringify({ data: { user_id: target.userId, duration, reason: target.reason.slice(0, MAX_REASON) } });
    const res = await this.request(
      `${this.api}/moderation/bans?${query.toString()}`,
      { method: 'POST', headers: { ...this.headers(identity), 'Content-Type': 'application/json' }, body },
      call,
    );
    if (!res.ok) throw helixFailure(res.status, await readJson(res), res.headers, call);
    await res.body?.cancel();
  }

  /** `DELETE /moderation/chat` for one message (Twitch keeps them deletable for 6 hours). */
  async deleteMessage(identity: HelixIdentity, broadcasterId: string, messageId: string, call: HelixCall): Promise<void> {
    const query = new URLSearchParams({ broadcaster_id: broadcasterId, moderator_id: identity.userId, message_id: messageId });
    const res = await this.request(`${this.api}/moderation/chat?${query.toString()}`, { method: 'DELETE', headers: this.headers(identity) }, call);
    if (!res.ok) throw helixFailure(res.status, await readJson(res), res.headers, call);
    await res.body?.cancel();
  }

  private headers(identity: HelixIdentity): Record<string, string> {
    return { Authorization: `Bearer ${this.options.token}`, 'Client-Id': identity.clientId };
  }

  private async request(url: string, init: RequestInit, call: HelixCall): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (err) {
      // The URL holds ids only; the token travels in headers and stays out of the message.
      const cause = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new Error(`Twitch API unreachable, could not ${call.what} (${new URL(url).origin}): ${cause}`, { cause: err });
    }
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 200) };
  }
}
