import type { WebSocket } from 'ws';
import type { ServerMessage } from './web-protocol.js';

/** How long a socket told to close may take to answer before it is cut. */
const CLOSE_GRACE_MS = 2000;

/** One message encoded once: a broadcast hands the same bytes to every socket instead of a copy each. */
export function encode(msg: ServerMessage): Buffer {
  return Buffer.from(JSON.stringify(msg));
}

/**
 * Every frame to a browser leaves through here. A socket whose unsent bytes would pass the limit
 * belongs to a reader that stopped reading (or a hostile one that never did): it is cut instead
 * of buffered without bound. A socket with nothing waiting always takes one frame, so a large
 * welcome still reaches a slow phone.
 */
export class SocketWriter {
  /** Sockets cut for not reading. */
  slowReaders = 0;

  constructor(private readonly maxBufferedBytes: number) {}

  send(ws: WebSocket, frame: Buffer): boolean {
    if (ws.readyState !== ws.OPEN) return false;
    const waiting = ws.bufferedAmount;
    if (waiting > 0 && waiting + frame.length > this.maxBufferedBytes) {
      this.slowReaders++;
      // A close frame would only queue behind what it cannot read: cut it.
      ws.terminate();
      return false;
    }
    // A Buffer sent as text is framed without a copy, so N sockets share one broadcast.
    ws.send(frame, { binary: false });
    return true;
  }

  /** Closes with a code the page understands; a peer that does not answer the close is cut soon after. */
  shut(ws: WebSocket, code: number, reason: string): void {
    if (ws.readyState !== ws.OPEN) return;
    const cut = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
    cut.unref();
    ws.once('close', () => clearTimeout(cut));
    ws.close(code, reason);
  }
}
