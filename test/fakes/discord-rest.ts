/**
 * REST request handling of the fake Discord: auth, outages, forced failures,
 * the per-channel message limit, rate-limit headers and call recording.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { auditReason, readDiscordBody } from './discord-http.js';
import { discordLimitHeaders, MESSAGE_LIMIT, MESSAGE_WINDOW_MS, rateLimited, type DiscordFailure } from './discord-limits.js';
import type { Json } from './discord-payloads.js';
import { DiscordApiError, type Route } from './discord-routes.js';
import { HOST, sendJson } from './http-util.js';
import { Recorder } from './recorder.js';
import { FaultSwitch } from './faults.js';
import { SlidingWindow } from './sliding-window.js';

/** One REST request as the fake saw it. */
export interface DiscordCall {
  method: string;
  /** path after `/api/v10`, e.g. `/channels/1/messages` */
  path: string;
  /** route template, e.g. `channels/:id/messages` */
  bucket: string;
  body: Json;
  at: number;
  status: number;
  /** an `Authorization` header was present */
  auth: boolean;
  result?: unknown;
}

/** Route template of message creation, the route Discord limits per channel. */
export const MESSAGES = 'channels/:id/messages';

/** The REST side of the fake Discord. */
export class DiscordRest {
  readonly log = new Recorder<DiscordCall>('FakeDiscord');
  /** Accepted message creations per channel id. */
  readonly sends = new SlidingWindow();
  /** While true, every request answers 502. */
  down = false;
  /** A hang, reset or status every REST request meets until cleared (the gateway is not affected). */
  readonly faults = new FaultSwitch();
  private readonly failures: Array<{ match: string; failure: DiscordFailure }> = [];

  constructor(
    private readonly routes: readonly Route[],
    private readonly token: string,
    private readonly enforceLimits: boolean,
  ) {}

  /** The next request whose `METHOD /path` contains `match` fails as given. */
  failNext(match: string, failure: DiscordFailure): void {
    this.failures.push({ match, failure });
  }

  /** Serves one HTTP request. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const faulted = this.faults.intercept(req, res);
    if (faulted === true) return;
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/api(\/v\d+)?/, '');
    let raw: unknown;
    try {
      raw = await readDiscordBody(req);
    } catch {
      return sendJson(res, 400, { message: '400: Bad Request', code: 50109 });
    }
    const body = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Json;
    const route = url.pathname.startsWith('/api/') ? this.routes.find((r) => r.method === method && r.pattern.test(path)) : undefined;
    const call: DiscordCall = { method, path, bucket: route?.bucket ?? path, body, at, status: 200, auth: req.headers.authorization !== undefined };
    const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      call.status = status;
      this.log.push(call);
      // a 204 must carry no JSON content-type: @discordjs/rest would try to parse the empty body
      if (payload === undefined) res.writeHead(status, { connection: 'close', ...headers }).end();
      else if (typeof payload === 'string') res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' }).end(payload);
      else sendJson(res, status, payload, headers);
    };
    if (this.down) return answer(502, '502 Bad Gateway');
    if (faulted !== undefined) return answer(faulted.status, ...rateLimited(faulted, route?.bucket ?? path));
    if (route === undefined) return answer(404, { message: '404: Not Found', code: 0 });
    if (route.auth && req.headers.authorization !== `Bot ${this.token}`) return answer(401, { message: '401: Unauthorized', code: 0 });
    const params = route.pattern.exec(path)?.slice(1) ?? [];
    const major = params[0] ?? '';
    const forced = this.failures.findIndex((f) => `${method} ${path}`.includes(f.match));
    const failure = forced >= 0 ? this.failures.splice(forced, 1)[0]?.failure : undefined;
    if (failure !== undefined) return answer(failure.status, ...rateLimited(failure, route.bucket));
    const isSend = method === 'POST' && route.bucket === MESSAGES;
    if (isSend && this.enforceLimits) {
      const waitMs = this.sends.waitUntilBelow(major, MESSAGE_LIMIT, MESSAGE_WINDOW_MS, at);
      if (waitMs > 0) return answer(429, ...rateLimited({ status: 429, retryAfter: waitMs / 1000 }, route.bucket));
    }
    try {
      const result = route.run({ params, body, raw, query: url.searchParams, reason: auditReason(req), at });
      call.result = result.body;
      if (isSend && result.status === 200) this.sends.hit(major, at);
      const limits = discordLimitHeaders(route.bucket, isSend && this.enforceLimits ? this.sends.times(major) : undefined, at);
      return answer(result.status, result.body, limits);
    } catch (err) {
      if (!(err instanceof DiscordApiError)) return answer(500, { message: '500: Internal Server Error', code: 0 });
      return answer(err.status, { message: err.message, code: err.code, ...err.extra });
    }
  }
}
