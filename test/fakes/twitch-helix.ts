/**
 * The fake Twitch's HTTP side, on the same port as its IRC WebSocket: token
 * validation (`/oauth2/validate`), user lookup and the two Helix moderation
 * calls bots use since Twitch stopped running /timeout and /delete sent as
 * chat (18 Feb 2023). Successful moderation is broadcast to the room as
 * CLEARCHAT / CLEARMSG, like Twitch does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HOST, readBody, sendJson } from './http-util.js';
import { SERVER, tagPrefix } from './twitch-irc.js';
import type { StoredChat } from './twitch-moderation.js';

/** A moderation call the fake answered (successful or not). */
export interface HelixEvent {
  kind: 'helix';
  action: 'ban' | 'delete';
  /** `#login` of the broadcaster, or '' when broadcaster_id was unknown */
  channel: string;
  broadcasterId: string;
  moderatorId: string;
  userId?: string;
  duration?: number;
  reason?: string;
  messageId?: string;
  status: number;
  at: number;
}

/** A failure the next moderation call answers with. */
export interface HelixFailure {
  status: number;
  /** seconds until `Ratelimit-Reset` on a 429 */
  resetInS?: number;
}

/** What the routes need from the fake. */
export interface HelixHost {
  /** expected token without `oauth:`; undefined accepts any */
  readonly token: string | undefined;
  readonly clientId: string;
  readonly botLogin: string;
  readonly scopes: readonly string[];
  /** stable user id of a login */
  idOf(login: string): string;
  /** login of a user id the fake has handed out */
  loginOf(id: string): string | undefined;
  isModerator(channel: string): boolean;
  roomId(channel: string): string;
  message(id: string): StoredChat | undefined;
  /** sends lines to every connection joined to `channel` */
  broadcast(channel: string, lines: string[]): void;
  record(event: HelixEvent): void;
  takeFailure(): HelixFailure | undefined;
  /** live viewers of a channel; undefined while it is not live */
  viewersOf(login: string): number | undefined;
}

const MAX_TIMEOUT_S = 1_209_600;

/** Handles `/oauth2/*` and `/helix/*`; returns false for any other path. */
export async function handleHelix(host: HelixHost, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  if (route === 'GET /oauth2/validate') return validate(host, req, res);
  if (!url.pathname.startsWith('/helix/')) return false;
  if (!authorized(host, req)) {
    sendJson(res, 401, { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token or Client ID' });
    return true;
  }
  if (route === 'GET /helix/users') return users(host, url, res);
  if (route === 'GET /helix/streams') return streams(host, url, res);
  if (route === 'POST /helix/moderation/bans') return ban(host, url, await readBody(req), res);
  if (route === 'DELETE /helix/moderation/chat') return deleteMessage(host, url, res);
  sendJson(res, 404, { error: 'Not Found', status: 404, message: `no route ${route}` });
  return true;
}

function tokenMatches(host: HelixHost, token: string): boolean {
  return token !== '' && (host.token === undefined || token === host.token);
}

function validate(host: HelixHost, req: IncomingMessage, res: ServerResponse): true {
  // Twitch documents "OAuth <token>" here, unlike the "Bearer" Helix wants
  const token = /^OAuth (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (!tokenMatches(host, token)) {
    sendJson(res, 401, { status: 401, message: 'invalid access token' });
    return true;
  }
  const body = { client_id: host.clientId, login: host.botLogin, scopes: host.scopes, user_id: host.idOf(host.botLogin), expires_in: 5_000_000 };
  sendJson(res, 200, body);
  return true;
}

function authorized(host: HelixHost, req: IncomingMessage): boolean {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  return tokenMatches(host, token) && req.headers['client-id'] === host.clientId;
}

function users(host: HelixHost, url: URL, res: ServerResponse): true {
  const logins = url.searchParams.getAll('login').map((l) => l.toLowerCase());
  const wanted = logins.length > 0 ? logins : [host.botLogin];
  const data = wanted.map((login) => ({ id: host.idOf(login), login, display_name: login, type: '', broadcaster_type: '', description: '' }));
  sendJson(res, 200, { data });
  return true;
}

/** `GET /helix/streams?user_login=…`: one entry per live channel asked for, as Twitch lists them. */
function streams(host: HelixHost, url: URL, res: ServerResponse): true {
  const data = url.searchParams.getAll('user_login').flatMap((raw) => {
    const login = raw.toLowerCase();
    const viewers = host.viewersOf(login);
    return viewers === undefined
      ? []
      : [{ id: `stream-${host.idOf(login)}`, user_id: host.idOf(login), user_login: login, user_name: login, type: 'live', viewer_count: viewers }];
  });
  sendJson(res, 200, { data, pagination: {} });
  return true;
}

function channelOf(host: HelixHost, broadcasterId: string): string {
  const login = host.loginOf(broadcasterId);
  return login === undefined ? '' : `#${login}`;
}

/** Common checks of both moderation calls; answers and returns undefined when one fails. */
function moderationTarget(
  host: HelixHost,
  url: URL,
  scope: string,
  res: ServerResponse,
): { channel: string; broadcasterId: string; moderatorId: string } | undefined {
  const broadcasterId = url.searchParams.get('broadcaster_id') ?? '';
  const moderatorId = url.searchParams.get('moderator_id') ?? '';
  const channel = channelOf(host, broadcasterId);
  const fail = (status: number, message: string): undefined =>
    void sendJson(res, status, { error: status === 403 ? 'Forbidden' : status === 401 ? 'Unauthorized' : 'Bad Request', status, message });
  if (!host.scopes.includes(scope)) return fail(401, `Missing scope: ${scope}`);
  if (moderatorId !== host.idOf(host.botLogin)) return fail(401, 'The ID in moderator_id must match the user ID in the access token.');
  if (channel === '') return fail(400, 'The ID in broadcaster_id is not valid.');
  if (!host.isModerator(channel) && moderatorId !== broadcasterId) return fail(403, "The user in moderator_id is not one of the broadcaster's moderators.");
  return { channel, broadcasterId, moderatorId };
}

function injected(host: HelixHost, res: ServerResponse): number | undefined {
  const failure = host.takeFailure();
  if (failure === undefined) return undefined;
  const headers: Record<string, string> =
    failure.status === 429
      ? { 'ratelimit-limit': '800', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000 + (failure.resetInS ?? 1))) }
      : {};
  sendJson(res, failure.status, { error: 'Injected', status: failure.status, message: `injected failure ${failure.status}` }, headers);
  return failure.status;
}

function ban(host: HelixHost, url: URL, raw: Buffer, res: ServerResponse): true {
  const at = Date.now();
  let data: { user_id?: unknown; duration?: unknown; reason?: unknown } = {};
  try {
    data = (JSON.parse(raw.toString('utf8') || '{}') as { data?: typeof data }).data ?? {};
  } catch {
    // an unreadable body is answered like a missing user_id
  }
  const userId = typeof data.user_id === 'string' ? data.user_id : '';
  const duration = typeof data.duration === 'number' ? data.duration : undefined;
  const reason = typeof data.reason === 'string' ? data.reason : undefined;
  const base = {
    kind: 'helix' as const,
    action: 'ban' as const,
    broadcasterId: url.searchParams.get('broadcaster_id') ?? '',
    moderatorId: url.searchParams.get('moderator_id') ?? '',
    userId,
    ...(duration !== undefined && { duration }),
    ...(reason !== undefined && { reason }),
    at,
  };
  const done = (status: number): true => {
    host.record({ ...base, channel: channelOf(host, base.broadcasterId), status });
    return true;
  };
  const failed = injected(host, res);
  if (failed !== undefined) return done(failed);
  const target = moderationTarget(host, url, 'moderator:manage:banned_users', res);
  if (target === undefined) return done(res.statusCode);
  if (!/^\d+$/.test(userId) || (duration !== undefined && (duration < 1 || duration > MAX_TIMEOUT_S))) {
    sendJson(res, 400, { error: 'Bad Request', status: 400, message: 'The user_id or duration field is not valid.' });
    return done(400);
  }
  const endTime = duration === undefined ? null : new Date(at + duration * 1000).toISOString();
  sendJson(res, 200, {
    data: [
      { broadcaster_id: target.broadcasterId, moderator_id: target.moderatorId, user_id: userId, created_at: new Date(at).toISOString(), end_time: endTime },
    ],
  });
  done(200);
  const login = host.loginOf(userId);
  if (login !== undefined) {
    const tags = {
      ...(duration !== undefined && { 'ban-duration': duration }),
      'room-id': host.roomId(target.channel),
      'target-user-id': userId,
      'tmi-sent-ts': at,
    };
    host.broadcast(target.channel, [`${tagPrefix(tags)}:${SERVER} CLEARCHAT ${target.channel} :${login}`]);
  }
  return true;
}

function deleteMessage(host: HelixHost, url: URL, res: ServerResponse): true {
  const at = Date.now();
  const messageId = url.searchParams.get('message_id') ?? '';
  const base = {
    kind: 'helix' as const,
    action: 'delete' as const,
    broadcasterId: url.searchParams.get('broadcaster_id') ?? '',
    moderatorId: url.searchParams.get('moderator_id') ?? '',
    messageId,
    at,
  };
  const done = (status: number): true => {
    host.record({ ...base, channel: channelOf(host, base.broadcasterId), status });
    return true;
  };
  const failed = injected(host, res);
  if (failed !== undefined) return done(failed);
  const target = moderationTarget(host, url, 'moderator:manage:chat_messages', res);
  if (target === undefined) return done(res.statusCode);
  const original = host.message(messageId);
  if (original === undefined || original.channel !== target.channel) {
    sendJson(res, 404, { error: 'Not Found', status: 404, message: 'The ID in message_id was not found.' });
    return done(404);
  }
  // a 204 carries no body and no JSON content-type
  res.writeHead(204, { connection: 'close' }).end();
  done(204);
  const tags = { login: original.login, 'room-id': host.roomId(target.channel), 'target-msg-id': messageId, 'tmi-sent-ts': at };
  host.broadcast(target.channel, [`${tagPrefix(tags)}:${SERVER} CLEARMSG ${target.channel} :${original.text}`]);
  return true;
}
