import { connect } from 'node:net';

/** Bytes put into an AMF0 stream as they are (a truncated value, an unknown type marker). */
export class RawAmf {
  constructor(readonly bytes: Buffer) {}
}

/** An AMF0 value for a hand-built RTMP command. */
export type Amf = number | string | boolean | null | undefined | RawAmf | { [key: string]: Amf };

/** AMF0 encoding of one value (numbers as doubles, objects with string keys). */
export function amf0(value: Amf): Buffer {
  if (value instanceof RawAmf) return value.bytes;
  if (value === null) return Buffer.from([0x05]);
  if (value === undefined) return Buffer.from([0x06]);
  if (typeof value === 'boolean') return Buffer.from([0x01, value ? 1 : 0]);
  if (typeof value === 'number') {
    const out = Buffer.alloc(9);
    out.writeDoubleBE(value, 1);
    return out;
  }
  if (typeof value === 'string') return Buffer.concat([Buffer.from([0x02]), u16String(value)]);
  const fields = Object.entries(value).flatMap(([k, v]) => [u16String(k), amf0(v)]);
  return Buffer.concat([Buffer.from([0x03]), ...fields, Buffer.from([0x00, 0x00, 0x09])]);
}

function u16String(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(2);
  head.writeUInt16BE(bytes.length);
  return Buffer.concat([head, bytes]);
}

/** C0, C1 and C2 of the plain RTMP handshake, sent at once (a server reads them in order). */
export function handshake(): Buffer {
  return Buffer.concat([Buffer.from([0x03]), Buffer.alloc(1536), Buffer.alloc(1536)]);
}

export interface MessageOptions {
  /** Chunk stream id, 2–63; default 3 (commands). */
  cid?: number;
  streamId?: number;
  /** The length the header claims; default the payload's. */
  length?: number;
  chunkSize?: number;
}

/** One RTMP message as chunks (type 0 header, then type 3 continuations). */
export function message(type: number, payload: Buffer, o: MessageOptions = {}): Buffer {
  const cid = o.cid ?? 3;
  const chunkSize = o.chunkSize ?? 128;
  const header = Buffer.alloc(12);
  header[0] = cid & 0x3f;
  header.writeUIntBE(o.length ?? payload.length, 4, 3);
  header[7] = type;
  header.writeUInt32LE(o.streamId ?? 0, 8);
  const parts: Buffer[] = [header];
  for (let at = 0; at < payload.length; at += chunkSize) {
    if (at > 0) parts.push(Buffer.from([0xc0 | (cid & 0x3f)]));
    parts.push(payload.subarray(at, at + chunkSize));
  }
  return Buffer.concat(parts);
}

/** An AMF0 command message (type 20) made of these values. */
export function command(values: Amf[], o: MessageOptions = {}): Buffer {
  return message(20, Buffer.concat(values.map(amf0)), o);
}

/** What OBS sends to publish under `name`, in one write: connect, createStream, publish. */
export function publishBytes(port: number, app: string, name: Amf): Buffer {
  return Buffer.concat([
    handshake(),
    command(['connect', 1, { app, type: 'nonprivate', tcUrl: `rtmp://127.0.0.1:${port}/${app}` }]),
    command(['createStream', 2, null]),
    command(['publish', 3, null, name, 'live'], { cid: 4, streamId: 1 }),
  ]);
}

/** How one raw exchange ended: what the server sent back before the connection closed. */
export interface RawResult {
  received: Buffer;
  /** The connection was reset or refused rather than closed. */
  error: string | null;
}

/**
 * Connects to 127.0.0.1:port, writes `bytes`, ends its side (unless `keepOpen`) and resolves once
 * the connection is closed, by either side. Fails after `timeoutMs`.
 */
export function exchange(port: number, bytes: Buffer | string, o: { keepOpen?: boolean; timeoutMs?: number } = {}): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (!o.keepOpen) socket.end();
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the connection to port ${port} was still open after ${o.timeoutMs ?? 10_000} ms`));
    }, o.timeoutMs ?? 10_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ received: Buffer.concat(chunks), error });
    });
  });
}
