import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

export function badRequest(res: Response, error: string): void {
  res.status(400).json({ error });
}

/** Express would answer errors with an HTML page (and a stack trace); the admin API speaks JSON. */
export function jsonErrors(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: status === 413 ? 'request body too large' : 'the request body is not valid JSON' });
      return;
    }
    log.error({ err, path: req.path }, 'admin request failed');
    res.status(500).json({ error: 'the request failed on our side; see the log' });
  };
}
