/**
 * Socket shutdown shared by the WebSocket fakes. Upgraded sockets are not
 * closed by `server.closeAllConnections()`, so each one is ended here.
 */
import { WebSocket, type RawData } from 'ws';

/** The text of a received frame, however `ws` hands it over (one buffer, several, or an ArrayBuffer). */
export function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}

/** Longest a clean close may take before the socket is cut. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Ends a socket: with a close frame (`code`) or, without one, abruptly like a
 * network cut. Resolves once it is closed.
 */
export function endSocket(ws: WebSocket, code?: number, reason = ''): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    // a client that never answers the close frame must not hold stop() for ws's 30 s default
    const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    ws.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (code === undefined) ws.terminate();
    else ws.close(code, reason);
  });
}
