import type { HlsConfig, HlsS3Config } from '../config/schema/media.js';
import type { Logger } from '../orchestrator/shared/log.js';
import type { Secrets } from '../orchestrator/shared/secrets.js';
import { HlsUpload } from './hls-upload.js';
import { openS3Store } from './s3-store.js';
import type { MediaTiming } from './types.js';

/** showcart's side: media.hls.s3 when both its keys are set; otherwise HLS stays on this machine, and the log says why. */
export function hlsCopy(hls: HlsConfig, secrets: Secrets, log: Logger): HlsS3Config | null {
  const s3 = hls.s3;
  if (!s3) return null;
  const unset = [s3.accessKeyEnv, s3.secretKeyEnv].filter((name) => secrets.read(name) === undefined);
  if (unset.length === 0) return s3;
  log.warn(`HLS is not copied to S3: set ${unset.join(' and ')}; viewers get HLS from this machine`);
  return null;
}

/**
 * Where viewers find the copied files, ending in "/": the cache in front of the bucket's prefix
 * (hls.publicUrl), else the bucket itself, addressed as the uploads are (<endpoint>/<bucket>/<prefix>,
 * or <bucket>.<endpoint host>/<prefix> without forcePathStyle).
 */
export function hlsBucketUrl(hls: Pick<HlsConfig, 'publicUrl'>, s3: Pick<HlsS3Config, 'endpoint' | 'bucket' | 'prefix' | 'forcePathStyle'>): string {
  if (hls.publicUrl) return `${hls.publicUrl.replace(/\/+$/, '')}/`;
  const endpoint = s3.endpoint.replace(/\/+$/, '');
  if (s3.forcePathStyle) return `${endpoint}/${s3.bucket}/${s3.prefix}`;
  return `${endpoint.replace(/^(https?:\/\/)/i, `$1${s3.bucket}.`)}/${s3.prefix}`;
}

/**
 * The media process's side: starts copying `dir` (the public stream's HLS folder) to the bucket,
 * under <prefix><publicName>/. Null when the SDK cannot be loaded: the local HLS goes on alone.
 */
export async function startHlsUpload(
  s3: HlsS3Config,
  o: { dir: string; publicName: string; secrets: Secrets; timing: MediaTiming; log: Logger },
): Promise<HlsUpload | null> {
  const accessKeyId = o.secrets.read(s3.accessKeyEnv);
  const secretAccessKey = o.secrets.read(s3.secretKeyEnv);
  if (accessKeyId === undefined || secretAccessKey === undefined) return null;
  try {
    const store = await openS3Store(s3, { accessKeyId, secretAccessKey });
    o.log.info({ bucket: s3.bucket, endpoint: s3.endpoint }, `HLS is copied to ${s3.endpoint} bucket ${s3.bucket} under ${s3.prefix}${o.publicName}/`);
    return new HlsUpload({
      dir: o.dir,
      keyPrefix: `${s3.prefix}${o.publicName}/`,
      store,
      retryBaseMs: o.timing.retryBaseMs,
      retryMaxMs: o.timing.retryMaxMs,
      pollMs: o.timing.tickMs,
      log: o.log,
    });
  } catch (err) {
    o.log.error({ err }, 'HLS is not copied to S3: the S3 client could not be loaded');
    return null;
  }
}
