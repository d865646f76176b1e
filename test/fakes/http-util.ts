/**
 * Small HTTP plumbing shared by the fake platform servers.
 * Node builtins only, so benchmarks can import the fakes without the app.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Host every fake binds to: tests must never reach the real network. */
export const HOST = '127.0.0.1';

/** Bodies above this size are refused; no chat payload comes close. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** A request parameter as text: strings as they are, numbers and booleans written out, anything else `fallback`. */
export function paramText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return fallback;
}

/** Reads the whole request body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Merges query string and body parameters, whatever the body encoding
 * (JSON, urlencoded, or multipart with text fields; file parts are summarised).
 */
export function parseParams(req: IncomingMessage, body: Buffer): Record<string, unknown> {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const text = body.toString('utf8');
  if (text.length === 0) return params;
  if (type.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') Object.assign(params, parsed);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(text)));
  } else if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary !== undefined) Object.assign(params, parseMultipart(body, boundary));
  }
  return params;
}

/** Enough multipart parsing for text fields; a real upload parser is not needed here. */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const raw = body.toString('latin1');
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    if (name === undefined) continue;
    const value = part.slice(split + 4).replace(/\r\n$/, '');
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    out[name] = filename === undefined ? Buffer.from(value, 'latin1').toString('utf8') : { filename, size: value.length };
  }
  return out;
}

/**
 * Parses the string-encoded JSON that form/query encodings use for nested
 * fields (reply_markup, options, ...); leaves other values alone.
 */
export function decodeNested(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return value;
  }
}

/**
 * Writes a JSON response. Connections are not kept alive: a pooled socket
 * reused right after `restart()` would fail with ECONNRESET and make outage
 * tests flaky for a reason real servers also have, but tests should not.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload).toString(),
    connection: 'close',
    ...headers,
  });
  res.end(payload);
}

/** Listens on 127.0.0.1 and resolves with the bound port (0 picks a free one). */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen(port, HOST, () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('server has no TCP address'));
        return;
      }
      resolve(address.port);
    });
  });
}

/**
 * Closes the server and drops keep-alive and hung connections at once:
 * `close()` alone would wait for idle sockets and keep vitest alive.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
