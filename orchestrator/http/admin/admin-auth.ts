import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Secrets } from '../../shared/secrets.js';
import { AdminSessions, readCookie, SESSION_COOKIE, SESSION_TTL_MS } from './admin-session.js';
import { resolveAdminToken, type AdminTokenSource } from './admin-token.js';
import { FailureLimiter } from './failure-limiter.js';

export interface AdminAuthOptions {
  /** The environment variable named by `admin.tokenEnv`. */
  tokenEnv: string;
  secrets: Secrets;
  /** Where a generated token is kept; see `adminTokenDir`. */
  dir: string | null;
  /** The token file's name in `dir` (see `adminTokenFile`). */
  file?: string;
  /** The session cookie's name (see `sessionCookieName`). */
  cookie?: string;
  log: Logger;
  now?: () => number;
}

export interface AdminAuth {
  /** Lets a request through with a valid bearer token or session cookie; 401/429/415 otherwise. */
  require: RequestHandler;
  /** POST /api/admin/login {"token"} and POST /api/admin/logout, mounted at the app's root. */
  router: Router;
  /** Where the token lives (the variable or the file), for the start-up banner. */
  source: AdminTokenSource;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The admin API's gate: `Authorization: Bearer <token>` (scripts, Prometheus) or the HttpOnly
 * SameSite=Strict session cookie the dashboard gets from /api/admin/login. Wrong tokens are
 * limited per client address (`req.ip`: behind a proxy, what `server.trustProxy` allows it to say);
 * writes must be JSON, which a cross-site HTML form cannot send. The cookie is Secure whenever the
 * request came over HTTPS, directly or through a trusted proxy.
 */
export function createAdminAuth(options: AdminAuthOptions): AdminAuth {
  const now = options.now ?? Date.now;
  const { token, source } = resolveAdminToken(options);
  const sessions = new AdminSessions(token);
  const cookieName = options.cookie ?? SESSION_COOKIE;
  const limiter = new FailureLimiter(5, 60_000);
  const log = options.log.child({ part: 'admin-auth' });

  /**
   * Checks a presented token; answers 429/401 itself and returns false when it does not pass.
   * The right token always passes, however many wrong ones came from the same address: it is
   * compared first (in constant time), and only wrong tokens are counted and, past the limit, refused.
   */
  const checkToken = (req: Request, res: Response, presented: string): boolean => {
    if (sessions.tokenMatches(presented)) return true;
    const client = clientOf(req);
    const wait = limiter.retryAfterMs(client, now());
    if (wait > 0) {
      res
        .set('Retry-After', String(Math.ceil(wait / 1000)))
        .status(429)
        .json({ error: 'too many wrong admin tokens; try again later' });
      return false;
    }
    limiter.fail(client, now());
    log.warn({ client }, 'wrong admin token');
    unauthorized(res, 'wrong admin token');
    return false;
  };

  const require: RequestHandler = (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const cookie = safeCookie(req, cookieName);
    const bearer = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
    if (!(cookie !== undefined && sessions.valid(cookie, now()))) {
      if (bearer === undefined) return unauthorized(res, 'admin login required');
      if (!checkToken(req, res, bearer)) return;
    }
    if (!READS.has(req.method) && !req.is('application/json')) {
      res.status(415).json({ error: 'admin changes must be sent as Content-Type: application/json' });
      return;
    }
    next();
  };

  const router = express.Router();
  router.post('/api/admin/login', express.json({ limit: '4kb' }), (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!req.is('application/json')) {
      res.status(415).json({ error: 'send {"token": "..."} as Content-Type: application/json' });
      return;
    }
    const presented = (req.body as { token?: unknown } | undefined)?.token;
    if (typeof presented !== 'string' || presented === '') {
      res.status(400).json({ error: 'expected a JSON body such as {"token": "..."}' });
      return;
    }
    if (!checkToken(req, res, presented)) return;
    res.cookie(cookieName, sessions.issue(now()), { ...cookieOptions(req), maxAge: SESSION_TTL_MS });
    log.info({ client: clientOf(req) }, 'admin logged in');
    res.status(204).end();
  });
  router.post('/api/admin/logout', (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!req.is('application/json')) {
      res.status(415).json({ error: 'send Content-Type: application/json' });
      return;
    }
    res.clearCookie(cookieName, cookieOptions(req));
    res.status(204).end();
  });

  return { require, router, source };
}

function cookieOptions(req: Request) {
  return { httpOnly: true, sameSite: 'strict' as const, secure: req.secure, path: '/' };
}

function unauthorized(res: Response, error: string): void {
  res.set('WWW-Authenticate', 'Bearer realm="showcart admin"').status(401).json({ error });
}

function clientOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

function safeCookie(req: Request, name: string): string | undefined {
  try {
    return readCookie(req.get('cookie'), name);
  } catch {
    // A malformed cookie is no session; the request still may carry a bearer.
    return undefined;
  }
}
