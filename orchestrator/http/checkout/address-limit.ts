import type { RequestHandler } from 'express';
import { SlidingWindow } from '../../shared/sliding-window.js';

/**
 * At most `limit` requests per `windowMs` from one address; past it, 429 with Retry-After. The
 * table is bounded: when full, the oldest address is forgotten (a flood from many addresses
 * costs itself its own limits, not memory). Addresses many buyers share (the web chat's
 * `sharedAddresses`, the loopback by default) are not capped, as in the web chat.
 */
export function perAddress(limit: number, windowMs: number, options: { shared?: () => readonly string[]; maxAddresses?: number } = {}): RequestHandler {
  const windows = new Map<string, SlidingWindow>();
  const maxAddresses = options.maxAddresses ?? 10_000;
  return (req, res, next) => {
    const key = (req.ip ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    // A proxy on this machine (or a carrier's NAT the seller listed) carries every buyer: no per-address cap there.
    if (options.shared?.().includes(key)) return next();
    let w = windows.get(key);
    if (!w) {
      if (windows.size >= maxAddresses) windows.delete(windows.keys().next().value!);
      w = new SlidingWindow([{ limit, windowMs }]);
      windows.set(key, w);
    }
    const now = Date.now();
    const at = w.nextAllowed(now);
    if (at > now) {
      res.set('Retry-After', String(Math.ceil((at - now) / 1000)));
      res.status(429).json({ error: 'too many requests; wait a moment' });
      return;
    }
    w.record(now);
    next();
  };
}
