/**
 * A web chat reader as cheap as a socket can be, for the fan-out benchmark's drivers: a raw TCP
 * connection that upgrades by hand, says `watch`, answers the server's pings (or it would be cut
 * after one ping interval) and hands each text frame's payload over without decoding it. No
 * permessage-deflate, no per-message objects: tens of thousands of them fit in one process.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Any 16 bytes in base64 will do: the server only echoes its hash. */
const KEY = Buffer.from('fanout-bench-key').toString('base64');
const WATCHING = Buffer.from('"type":"watching"');
const OPEN_TIMEOUT_MS = 60_000;
const READ_BUFFER = Buffer.alloc(64 * 1024);

const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** A masked client frame (clients must mask; the payloads here are tiny). */
export function clientFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, 0x80 | n]) : Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 0xff]);
  const body = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) body[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([head, mask, body]);
}

const WATCH = clientFrame(OP.text, Buffer.from('{"type":"watch"}'));

/** Why a reader did not open: `http-503`, `closed`, `timeout`, an errno code… */
export class OpenFailed extends Error {
  constructor(readonly reason: string) {
    super(`reader did not open: ${reason}`);
  }
}

export class RawReader {
  open = true;
  private pending: Buffer | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly onText: (payload: Buffer) => void,
  ) {}

  /** Connects, upgrades and says `watch`; resolves once the server answered `watching`. */
  static open(host: string, port: number, onText: (payload: Buffer) => void): Promise<RawReader> {
    return new Promise((resolve, reject) => {
      // Read into one buffer shared by every reader, straight from libuv (no stream, no chunk per
      // read): frames are handled within the callback, and only a partial one is copied.
      const socket = connect({
        host,
        port,
        noDelay: true,
        onread: {
          buffer: READ_BUFFER,
          callback: (n) => {
            onData(READ_BUFFER.subarray(0, n));
            return true;
          },
        },
      });
      let settled = false;
      let head = '';
      let reader: RawReader | undefined;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        reject(new OpenFailed(reason));
      };
      const timer = setTimeout(() => fail('timeout'), OPEN_TIMEOUT_MS);
      socket.on('error', (err: NodeJS.ErrnoException) => fail(err.code ?? 'error'));
      socket.on('close', () => {
        if (reader) reader.open = false;
        fail('closed');
      });
      socket.on('connect', () =>
        socket.write(
          `GET /ws/chat HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        ),
      );
      const untilWatching = (payload: Buffer) => {
        if (payload.indexOf(WATCHING) < 0) return;
        settled = true;
        clearTimeout(timer);
        reader!.onWatching = undefined;
        resolve(reader!);
      };
      const onData = (chunk: Buffer): void => {
        if (reader) return reader.data(chunk);
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? '0';
        if (status !== '101') return fail(`http-${status}`);
        reader = new RawReader(socket, onText);
        reader.onWatching = untilWatching;
        socket.write(WATCH);
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length > 0) reader.data(rest);
      };
    });
  }

  /** Set until the server said `watching`: the first text frames are looked at for it. */
  private onWatching: ((payload: Buffer) => void) | undefined;

  destroy(): void {
    this.open = false;
    this.socket.destroy();
  }

  /** Splits what arrived into frames (the server's are unmasked); a partial frame waits for the rest. */
  private data(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let at = 0;
    while (buf.length - at >= 2) {
      const opcode = buf[at]! & 0x0f;
      let length = buf[at + 1]! & 0x7f;
      let start = at + 2;
      if (length === 126) {
        if (buf.length - at < 4) break;
        length = buf.readUInt16BE(at + 2);
        start = at + 4;
      } else if (length === 127) {
        if (buf.length - at < 10) break;
        length = Number(buf.readBigUInt64BE(at + 2));
        start = at + 10;
      }
      if (buf.length < start + length) break;
      this.frame(opcode, buf.subarray(start, start + length));
      at = start + length;
    }
    if (at < buf.length) {
      buf = buf.subarray(at);
      this.pending = Buffer.from(buf);
    }
  }

  private frame(opcode: number, payload: Buffer): void {
    if (opcode === OP.text || opcode === 0) {
      if (this.onWatching) return this.onWatching(payload);
      return this.onText(payload);
    }
    if (opcode === OP.ping) return void this.socket.write(clientFrame(OP.pong, payload));
    if (opcode === OP.close) {
      this.socket.end(clientFrame(OP.close, payload.subarray(0, 2)));
      this.open = false;
    }
  }
}
