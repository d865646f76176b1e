/**
 * A local S3-compatible store for tests (what MinIO answers), spoken to by the real
 * `@aws-sdk/client-s3`: PutObject, GetObject, HeadObject and DeleteObject, path-style
 * (`/<bucket>/<key>`), each request's AWS Signature V4 checked in full (credential scope,
 * signed headers, payload hash, signature) against the one key pair it knows. Objects live in
 * memory with their Content-Type and Cache-Control. Buckets are publicly readable by default, so a
 * player (or a test's fetch) can GET without signing, as from a MinIO bucket set to `download`.
 * Failures on demand: `failNext(n, status)` and `outage()` … `recover()`. Node builtins only.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, HOST, listen } from './http-util.js';
import { Recorder } from './recorder.js';

export interface FakeS3Options {
  accessKeyId: string;
  secretAccessKey: string;
  region?: string;
  /** Buckets that exist; default one named "showcart". */
  buckets?: string[];
  /** Unsigned GET and HEAD allowed (default true). */
  publicRead?: boolean;
  port?: number;
}

export interface S3Object {
  body: Buffer;
  contentType: string;
  cacheControl: string | null;
  etag: string;
  lastModified: Date;
}

/** One request the fake answered, in arrival order. */
export interface S3Request {
  method: string;
  bucket: string;
  key: string;
  status: number;
  /** The S3 error code of a refusal, e.g. SignatureDoesNotMatch. */
  code?: string;
  /** A PUT's body and headers as stored. */
  body?: Buffer;
  contentType?: string;
  cacheControl?: string;
}

/** Bodies above this are refused (an HLS segment is a few MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const SKEW_MS = 15 * 60_000;

export class FakeS3 {
  readonly requests = new Recorder<S3Request>('s3 requests');
  private readonly objects = new Map<string, S3Object>();
  private readonly buckets: Set<string>;
  private readonly faults: number[] = [];
  private down: number | null = null;
  private port = 0;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeS3Options,
  ) {
    this.buckets = new Set(options.buckets ?? ['showcart']);
  }

  static async start(options: FakeS3Options): Promise<FakeS3> {
    const server = createServer();
    const fake = new FakeS3(server, options);
    server.on('request', (req, res) => void fake.handle(req, res));
    fake.port = await listen(server, options.port ?? 0);
    return fake;
  }

  /** `http://127.0.0.1:<port>`: the endpoint to give the SDK. */
  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  object(bucket: string, key: string): S3Object | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }

  /** Keys held in `bucket` under `prefix`, sorted. */
  keys(bucket: string, prefix = ''): string[] {
    return [...this.objects.keys()]
      .filter((k) => k.startsWith(`${bucket}/${prefix}`))
      .map((k) => k.slice(bucket.length + 1))
      .sort();
  }

  /** The next `times` requests are answered `status` (503 SlowDown-style by default) without doing anything. */
  failNext(times: number, status = 503): void {
    for (let i = 0; i < times; i++) this.faults.push(status);
  }

  /** Every request fails with `status` until recover(). */
  outage(status = 503): void {
    this.down = status;
  }

  recover(): void {
    this.down = null;
    this.faults.length = 0;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2) as [string?, string?];
    const slash = rawPath.indexOf('/', 1);
    const bucket = safeDecode(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    const key = slash < 0 ? '' : safeDecode(rawPath.slice(slash + 1));
    let body: Buffer;
    try {
      body = await readAll(req);
    } catch {
      return void res.destroy();
    }
    const answer = (status: number, code?: string, message?: string, extra = '') => {
      this.requests.push({ method, bucket, key, status, ...(code && { code }) });
      if (code === undefined) return void res.writeHead(status, { 'content-length': '0' }).end();
      const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message ?? code}</Message>${extra}<Resource>${rawPath}</Resource><RequestId>${randomUUID()}</RequestId></Error>`;
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(xml)) }).end(method === 'HEAD' ? undefined : xml);
    };

    const fault = this.down ?? this.faults.shift();
    if (fault !== undefined) return answer(fault, fault === 503 ? 'SlowDown' : 'InternalError', 'Please reduce your request rate.');
    const signed = req.headers.authorization !== undefined;
    if (signed) {
      const refusal = this.checkSignature(req, method, rawPath, rawQuery, body);
      if (refusal) return answer(403, refusal.code, refusal.message, refusal.extra);
    } else if (!(this.options.publicRead !== false && (method === 'GET' || method === 'HEAD'))) {
      return answer(403, 'AccessDenied', 'Access Denied.');
    }
    if (!this.buckets.has(bucket)) return answer(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (key === '') return answer(501, 'NotImplemented', 'Only object requests are implemented by this fake');
    const id = `${bucket}/${key}`;

    if (method === 'PUT') {
      const stored: S3Object = {
        body,
        contentType: header(req, 'content-type') ?? 'binary/octet-stream',
        cacheControl: header(req, 'cache-control') ?? null,
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        lastModified: new Date(),
      };
      this.objects.set(id, stored);
      this.requests.push({
        method,
        bucket,
        key,
        status: 200,
        body,
        contentType: stored.contentType,
        ...(stored.cacheControl && { cacheControl: stored.cacheControl }),
      });
      return void res.writeHead(200, { etag: stored.etag, 'content-length': '0' }).end();
    }
    if (method === 'DELETE') {
      this.objects.delete(id);
      return answer(204);
    }
    if (method !== 'GET' && method !== 'HEAD') return answer(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const found = this.objects.get(id);
    if (!found) return answer(404, 'NoSuchKey', 'The specified key does not exist.');
    this.requests.push({ method, bucket, key, status: 200 });
    res.writeHead(200, {
      'content-type': found.contentType,
      'content-length': String(found.body.length),
      etag: found.etag,
      'last-modified': found.lastModified.toUTCString(),
      // MinIO answers any origin by default: a player on the shop's page may read the bucket
      'access-control-allow-origin': '*',
      ...(found.cacheControl && { 'cache-control': found.cacheControl }),
    });
    res.end(method === 'HEAD' ? undefined : found.body);
  }

  /** Why a signed request is refused (AWS's code and words), or null when its Signature V4 holds. */
  private checkSignature(req: IncomingMessage, method: string, rawPath: string, rawQuery: string, body: Buffer): Refusal | null {
    const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header(req, 'authorization') ?? '',
    );
    if (!auth) return { code: 'AuthorizationHeaderMalformed', message: 'The authorization header is malformed.' };
    const [, accessKey, day, region, signedList, signature] = auth as unknown as [string, string, string, string, string, string];
    if (accessKey !== this.options.accessKeyId)
      return {
        code: 'InvalidAccessKeyId',
        message: 'The Access Key Id you provided does not exist in our records.',
        extra: `<AWSAccessKeyId>${accessKey}</AWSAccessKeyId>`,
      };
    if (region !== (this.options.region ?? 'us-east-1')) return { code: 'AuthorizationHeaderMalformed', message: `the region '${region}' is wrong` };
    const amzDate = header(req, 'x-amz-date') ?? '';
    const at = Date.parse(amzDate.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
    if (!amzDate.startsWith(day) || !(Math.abs(Date.now() - at) < SKEW_MS))
      return { code: 'RequestTimeTooSkewed', message: 'The difference between the request time and the server time is too large.' };
    const payloadHash = header(req, 'x-amz-content-sha256') ?? '';
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body))
      return { code: 'XAmzContentSHA256Mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
    const names = signedList.split(';');
    if (!names.includes('host') || !names.includes('x-amz-date')) return { code: 'SignatureDoesNotMatch', message: 'host and x-amz-date must be signed.' };
    const canonical = [
      method,
      rawPath,
      canonicalQuery(rawQuery),
      names.map((n) => `${n}:${(header(req, n) ?? '').trim().replace(/\s+/g, ' ')}\n`).join(''),
      signedList,
      payloadHash,
    ].join('\n');
    const scope = `${day}/${region}/s3/aws4_request`;
    const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
    let signingKey: Buffer = Buffer.from(`AWS4${this.options.secretAccessKey}`);
    for (const part of [day, region, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
    const expected = hmac(signingKey, toSign);
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return {
        code: 'SignatureDoesNotMatch',
        message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      };
    return null;
  }
}

interface Refusal {
  code: string;
  message: string;
  extra?: string;
}

/** The query as SigV4 signs it: each name and value percent-encoded (RFC 3986), sorted. */
function canonicalQuery(raw: string): string {
  if (raw === '') return '';
  const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return raw
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [name, value] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return [encode(safeDecode(name)), encode(safeDecode(value))] as const;
    })
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return void req.destroy(new Error('body too large'));
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
