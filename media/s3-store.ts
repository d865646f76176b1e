import type { HlsS3Config } from '../config/schema/media.js';

/** The two requests the HLS copy makes; a failure throws a StoreError. */
export interface ObjectStore {
  put(key: string, body: Buffer, headers: { contentType: string; cacheControl: string }, signal: AbortSignal): Promise<void>;
  remove(key: string, signal: AbortSignal): Promise<void>;
  close(): void;
}

/**
 * A failed request, described by its HTTP status and S3 error code ("403 SignatureDoesNotMatch")
 * or its network error ("ECONNREFUSED"): never the SDK's message or fields, which may quote the
 * request (the access key id is in the error XML of a refused key).
 */
export class StoreError extends Error {
  constructor(
    readonly status: number | null,
    what: string,
  ) {
    super(status === null ? what : `${status} ${what}`);
    this.name = 'StoreError';
  }
}

/**
 * The bucket through the official SDK (loaded only when a show sets media.hls.s3). The SDK's own
 * retries are off: the uploader retries with its own backoff, and a request that fails is
 * reported at once. Checksums are sent only where S3 requires them: many S3-compatible stores
 * refuse the newer checksum headers the SDK adds by default.
 */
export async function openS3Store(config: HlsS3Config, credentials: { accessKeyId: string; secretAccessKey: string }): Promise<ObjectStore> {
  // The SDK warns on every start under Node 20 (its releases after January 2027 need Node 22); this
  // process's output is logged as warnings, and the notice is for whoever pins the SDK, not for the operator.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { S3Client, PutObjectCommand, DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint: config.endpoint.replace(/\/+$/, ''),
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials,
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const send = async (run: () => Promise<unknown>): Promise<void> => {
    try {
      await run();
    } catch (err) {
      throw storeError(err);
    }
  };
  return {
    put: (key, body, headers, signal) =>
      send(() =>
        client.send(
          new PutObjectCommand({ Bucket: config.bucket, Key: key, Body: body, ContentType: headers.contentType, CacheControl: headers.cacheControl }),
          { abortSignal: signal },
        ),
      ),
    remove: (key, signal) => send(() => client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: key }), { abortSignal: signal })),
    close: () => client.destroy(),
  };
}

const CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** A StoreError from whatever the SDK threw. */
export function storeError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : null;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return new StoreError(null, 'no answer in time');
  const code = [e.code, e.name].find((c): c is string => typeof c === 'string' && CODE.test(c) && c !== 'Error');
  return new StoreError(status, code ?? 'request failed');
}
