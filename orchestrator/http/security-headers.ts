import type { RequestHandler } from 'express';

/** Conservative headers for every response; pages meant for OBS or embedding opt out of framing rules themselves. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader(
    'Content-Security-Policy',
    // The live video comes from node-media-server's own HTTP port (8000 by default).
    "default-src 'self'; connect-src 'self' ws: wss: http: https:; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; media-src 'self' blob: http: https:; worker-src 'self' blob:; frame-ancestors 'self'",
  );
  next();
};
