import type { ErrorRequestHandler, Request } from 'express';
import { STATUS_CODES } from 'node:http';
import type { Logger } from 'pino';

/** What a client is told, by body-parser's error type; never the error's own message, which may quote the body. */
const CLIENT_ERRORS: Record<string, { status: number; error: string }> = {
  'entity.parse.failed': { status: 400, error: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, error: 'request body too large' },
  'entity.verify.failed': { status: 403, error: 'the request body was refused' },
  'request.aborted': { status: 400, error: 'the request was aborted' },
  'request.size.invalid': { status: 400, error: 'the request body is not the length it announced' },
  'stream.encoding.set': { status: 500, error: 'the request failed on our side' },
  'charset.unsupported': { status: 415, error: 'unsupported request body charset' },
  'encoding.unsupported': { status: 415, error: 'unsupported request body encoding' },
  'parameters.too.many': { status: 413, error: 'too many parameters' },
};

const SERVER_ERROR = 'the request failed on our side; see the server log';

/** The status an error asks for: its own 4xx/5xx, else 500. */
function statusOf(err: unknown): number {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : 500;
  return Number.isInteger(status) && status >= 400 && status <= 599 ? status : 500;
}

/** The request as the log may show it: method and path only (the query string may carry invite codes). */
function where(req: Request): { method: string; path: string } {
  return { method: req.method, path: req.path.slice(0, 200) };
}

/**
 * The app's last middleware: every error becomes `{ "error": "<short text>" }` with its status,
 * whatever NODE_ENV says, so no client ever sees a stack trace or an install path (Express's own
 * handler prints both outside production). Each error is logged once: a client's mistake as one
 * line without the error text (a JSON parse message quotes the body, which may hold a token), a
 * failure of ours with its stack, the request body never.
 */
export function httpErrors(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const type = typeof (err as { type?: unknown } | null)?.type === 'string' ? (err as { type: string }).type : undefined;
    const known = type !== undefined ? CLIENT_ERRORS[type] : undefined;
    const status = known?.status ?? statusOf(err);
    if (status < 500) log.info({ ...where(req), status, type }, 'request refused');
    else log.error({ ...where(req), status, err: forLog(err) }, 'request failed');
    if (res.headersSent) {
      // Too late for an answer: end the connection. Express's own handler would also print the stack to stderr.
      res.destroy();
      return;
    }
    const error = status >= 500 ? SERVER_ERROR : (known?.error ?? (STATUS_CODES[status] ?? 'bad request').toLowerCase());
    res.status(status).set('Cache-Control', 'no-store').json({ error });
  };
}

/** The error without what it may have picked up from the request (body-parser keeps the raw body on it). */
function forLog(err: unknown): unknown {
  if (!(err instanceof Error)) return { message: String(err) };
  const { name, message, stack } = err;
  const code = (err as { code?: unknown }).code;
  return { name, message, stack, ...(typeof code === 'string' && { code }) };
}
