import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { clientAddress } from './web-address.js';
import type { WebAdmission } from './web-admission.js';

/** Upgrades refused so far, by reason. */
export interface UpgradeRefusals {
  path: number;
  full: number;
  address: number;
}

export interface UpgradeDeps {
  path: string;
  admission: WebAdmission;
  wss: WebSocketServer;
  refused: UpgradeRefusals;
  /** An admitted socket, open and upgraded. */
  opened(ws: WebSocket, address: string): void;
  /** Which proxies may name the client (`server.trustProxy`). */
  trust: (address: string, i: number) => boolean;
}

/**
 * The showcart server's `upgrade` listener. The web chat is its only WebSocket, so any other path
 * is answered 404 and closed at once rather than left hanging; a full chat answers 503 and an
 * address with its share of sockets 429, before a single byte of WebSocket is spent on them.
 */
export function upgradeListener(deps: UpgradeDeps): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    // A peer that resets mid-handshake must not take the process down.
    socket.on('error', () => socket.destroy());
    if (pathOf(req.url) !== deps.path) {
      deps.refused.path++;
      return refuse(socket, 404, 'There is no WebSocket here.');
    }
    const address = clientAddress(req, deps.trust);
    if (address === undefined || socket.destroyed) return void socket.destroy();
    const refusal = deps.admission.connect(address);
    if (refusal === 'full') {
      deps.refused.full++;
      return refuse(socket, 503, 'The chat is full; try again in a minute.', 30);
    }
    if (refusal === 'address') {
      deps.refused.address++;
      return refuse(socket, 429, 'Too many chat connections from your network.', 30);
    }
    // Counted out exactly once, whether the handshake completes, fails or the socket dies later.
    socket.once('close', () => deps.admission.disconnect(address));
    deps.wss.handleUpgrade(req, socket, head, (ws) => deps.opened(ws, address));
  };
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? '/', 'http://showcart.invalid').pathname;
  } catch {
    return undefined;
  }
}

/** An HTTP answer on a socket that asked to upgrade, then the socket is gone. */
function refuse(socket: Duplex, status: number, message: string, retryAfterSeconds?: number): void {
  const body = `${message}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(retryAfterSeconds === undefined ? [] : [`Retry-After: ${retryAfterSeconds}`]),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  // A peer that does not take even these few bytes is not waited for.
  setTimeout(() => socket.destroy(), 1000).unref();
}
