/**
 * Hostile requests for the media ports, each as the exact bytes a client sends: malformed RTMP
 * (handshakes, AMF with null/missing/non-string fields, truncated AMF, absurd chunk sizes and
 * message lengths, odd stream names), media before publishing, and bad HTTP-FLV / WebSocket paths.
 */
import { RawAmf, command, handshake, message, publishBytes, type Amf } from './rtmp-raw.js';

export interface HostileCase {
  name: string;
  port: 'rtmp' | 'http';
  bytes: (rtmpPort: number) => Buffer | string;
}

/** Deterministic noise, so a failing case can be replayed. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

const connectObj = (port: number): Amf => ({ app: 'live', type: 'nonprivate', tcUrl: `rtmp://127.0.0.1:${port}/live` });
/** Handshake, a proper connect and createStream: what comes after them is the case. */
const connected = (port: number, ...rest: Buffer[]) =>
  Buffer.concat([handshake(), command(['connect', 1, connectObj(port)]), command(['createStream', 2, null]), ...rest]);
const connectWith = (cmdObj: Amf) => Buffer.concat([handshake(), command(['connect', 1, cmdObj])]);
const publishName = (name: Amf) => (port: number) => publishBytes(port, 'live', name);

/** AMF0 objects nested `depth` deep: { a: { a: { … } } }. */
function nested(depth: number): RawAmf {
  const open = Buffer.from([0x03, 0x00, 0x01, 0x61]);
  const close = Buffer.from([0x00, 0x00, 0x09]);
  return new RawAmf(Buffer.concat([...Array<Buffer>(depth).fill(open), Buffer.from([0x05]), ...Array<Buffer>(depth).fill(close)]));
}

/** A chunk header on `cid` claiming a `length`-byte message, followed by one chunk of it. */
const bigHeader = (cid: number, length: number) => message(9, Buffer.alloc(128, 0x17), { cid, length });

const upgrade = (path: string, extra = '') =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
const get = (path: string, method = 'GET', body = '') =>
  `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

export const RTMP_CASES: HostileCase[] = [
  { name: 'a handshake cut short', port: 'rtmp', bytes: () => Buffer.from([0x03, 0x01, 0x02]) },
  { name: 'a handshake of noise with version 0xff', port: 'rtmp', bytes: () => Buffer.concat([Buffer.from([0xff]), noise(5000, 1)]) },
  { name: 'noise after a proper handshake', port: 'rtmp', bytes: () => Buffer.concat([handshake(), noise(4096, 2)]) },
  { name: 'connect whose command object is null', port: 'rtmp', bytes: () => connectWith(null) },
  { name: 'connect with nothing after its name', port: 'rtmp', bytes: () => Buffer.concat([handshake(), command(['connect'])]) },
  { name: 'connect without a tcUrl', port: 'rtmp', bytes: () => connectWith({ app: 'live' }) },
  { name: 'connect with a numeric tcUrl', port: 'rtmp', bytes: () => connectWith({ app: 'live', tcUrl: 42 }) },
  { name: 'connect with a tcUrl that is not a URL', port: 'rtmp', bytes: () => connectWith({ app: 'live', tcUrl: 'not a url' }) },
  { name: 'connect with a numeric app', port: 'rtmp', bytes: (p) => connectWith({ app: 7, tcUrl: `rtmp://127.0.0.1:${p}/live` }) },
  {
    name: 'connect with a truncated number',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), command(['connect', new RawAmf(Buffer.from([0x00, 0x01, 0x02]))])]),
  },
  {
    name: 'connect with a truncated object',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), command(['connect', 1, new RawAmf(Buffer.from([0x03]))])]),
  },
  {
    name: 'connect with an unknown AMF type marker',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), command(['connect', new RawAmf(Buffer.from([0x04, 0x00]))])]),
  },
  { name: 'connect with objects nested 10,000 deep', port: 'rtmp', bytes: () => Buffer.concat([handshake(), command(['connect', 1, nested(10_000)])]) },
  { name: 'a command that is not a string', port: 'rtmp', bytes: () => Buffer.concat([handshake(), command([12, 1, null])]) },
  { name: 'publish with a numeric stream name', port: 'rtmp', bytes: publishName(12345) },
  { name: 'publish with a null stream name', port: 'rtmp', bytes: publishName(null) },
  { name: 'publish without a stream name', port: 'rtmp', bytes: (p) => connected(p, command(['publish', 3, null], { cid: 4, streamId: 1 })) },
  { name: 'play with an object as stream name', port: 'rtmp', bytes: (p) => connected(p, command(['play', 3, null, { a: 1 }], { cid: 4, streamId: 1 })) },
  {
    name: 'publish before connect',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), command(['publish', 3, null, 'abc', 'live'], { cid: 4, streamId: 1 })]),
  },
  { name: 'publish to "a b"', port: 'rtmp', bytes: publishName('a b') },
  { name: 'publish to "sh.ow"', port: 'rtmp', bytes: publishName('sh.ow') },
  { name: 'publish to "../../etc/passwd"', port: 'rtmp', bytes: publishName('../../etc/passwd') },
  { name: 'publish to an empty name', port: 'rtmp', bytes: publishName('') },
  { name: 'publish to the public name', port: 'rtmp', bytes: publishName('show') },
  { name: 'publish to a 60,000-character name', port: 'rtmp', bytes: publishName('x'.repeat(60_000)) },
  { name: 'publish to a name with a broken query', port: 'rtmp', bytes: publishName('key?x=%zz&&=') },
  { name: 'publish to a name with control characters', port: 'rtmp', bytes: publishName('\u0000\uffff\n') },
  {
    name: 'set chunk size 0, then a command',
    port: 'rtmp',
    bytes: (p) => Buffer.concat([handshake(), message(1, u32(0), { cid: 2 }), command(['connect', 1, connectObj(p)])]),
  },
  { name: 'set chunk size without a payload', port: 'rtmp', bytes: () => Buffer.concat([handshake(), message(1, Buffer.alloc(0), { cid: 2 })]) },
  {
    name: 'set chunk size 0x7fffffff, then a 16 MB message',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), message(1, u32(0x7fffffff), { cid: 2 }), bigHeader(5, 0xffffff)]),
  },
  {
    name: '16 MB messages on 8 chunk streams',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), ...[4, 5, 6, 7, 8, 9, 10, 11].map((cid) => bigHeader(cid, 0xffffff))]),
  },
  {
    name: 'small messages on 40 chunk streams',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), ...Array.from({ length: 40 }, (_, i) => message(9, Buffer.alloc(8, 0x27), { cid: 4 + i }))]),
  },
  { name: 'a 3-byte chunk basic header', port: 'rtmp', bytes: () => Buffer.concat([handshake(), Buffer.from([0x01, 0xff, 0xff]), Buffer.alloc(11, 0xff)]) },
  {
    name: 'an extended timestamp of 0xffffffff',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), Buffer.from([0x06, 0xff, 0xff, 0xff, 0, 0, 2, 9, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0x17, 0x01])]),
  },
  { name: 'an empty video message before publishing', port: 'rtmp', bytes: () => Buffer.concat([handshake(), message(9, Buffer.alloc(0), { cid: 6 })]) },
  {
    name: 'a 2-byte AVC sequence header before publishing',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), message(9, Buffer.from([0x17, 0x00]), { cid: 6 })]),
  },
  {
    name: 'a 2-byte AAC sequence header before publishing',
    port: 'rtmp',
    bytes: () => Buffer.concat([handshake(), message(8, Buffer.from([0xaf, 0x00]), { cid: 4 })]),
  },
  {
    name: 'metadata without its object, while playing the public stream',
    port: 'rtmp',
    bytes: (p) =>
      connected(
        p,
        command(['play', 3, null, 'show'], { cid: 4, streamId: 1 }),
        message(18, Buffer.concat([Buffer.from([0x02, 0x00, 0x0d]), Buffer.from('@setDataFrame')]), { cid: 5, streamId: 1 }),
      ),
  },
];

export const HTTP_CASES: HostileCase[] = [
  { name: 'GET /live/a%20b.flv', port: 'http', bytes: () => get('/live/a%20b.flv') },
  { name: 'GET /live/sh.ow.flv', port: 'http', bytes: () => get('/live/sh.ow.flv') },
  { name: 'GET /live/.flv', port: 'http', bytes: () => get('/live/.flv') },
  { name: 'GET /%2e%2e/%2e%2e/etc/passwd.flv', port: 'http', bytes: () => get('/%2e%2e/%2e%2e/etc/passwd.flv') },
  { name: 'GET /live/show/x.flv', port: 'http', bytes: () => get('/live/show/x.flv') },
  { name: 'GET the key-named path', port: 'http', bytes: () => get('/live/some-other-stream-name.flv') },
  {
    name: 'POST an FLV body to /live/show.flv',
    port: 'http',
    bytes: () => get('/live/show.flv', 'POST', `FLV\x01\x05\x00\x00\x00\x09${noise(64, 3).toString('latin1')}`),
  },
  { name: 'GET /hls/../../etc/passwd', port: 'http', bytes: () => get('/hls/../../etc/passwd') },
  { name: 'a request line of noise', port: 'http', bytes: () => Buffer.concat([noise(512, 4), Buffer.from('\r\n\r\n')]) },
  { name: 'WebSocket to /', port: 'http', bytes: () => upgrade('/') },
  { name: 'WebSocket to /live/a%20b.flv', port: 'http', bytes: () => upgrade('/live/a%20b.flv') },
  { name: 'WebSocket to /live/sh.ow.flv', port: 'http', bytes: () => upgrade('/live/sh.ow.flv') },
  { name: 'WebSocket publisher to /live/show.flv', port: 'http', bytes: () => upgrade('/live/show.flv', 'Sec-WebSocket-Protocol: publisher\r\n') },
  { name: 'WebSocket with a broken key', port: 'http', bytes: () => upgrade('/live/show.flv').replace('dGhlIHNhbXBsZSBub25jZQ==', '%%%') },
];
