import { z } from 'zod';
import { Duration, EnvName, HttpUrl } from './primitives.js';

export const RestreamTarget = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'expected a short lowercase name such as youtube'),
  /** Ingest URL without the key, e.g. rtmps://live-api-s.facebook.com:443/rtmp */
  url: z.string().regex(/^rtmps?:\/\/[^\s]+$/, 'expected an rtmp:// or rtmps:// URL'),
  /** The environment variable holding this target's stream key; the key never goes in the YAML. */
  keyEnv: EnvName,
  enabled: z.boolean().default(true),
});

/**
 * A copy of the HLS files in S3-compatible storage (MinIO, AWS S3, R2 …), uploaded by the media
 * process as ffmpeg completes them: viewers then fetch the stream from the bucket (or a cache in
 * front of it) instead of this machine. Objects are named `<prefix><stream>/<file>`, e.g.
 * hls/show/index.m3u8; the bucket must be readable without a key (the viewers have none).
 */
export const HlsS3Config = z.strictObject({
  /** The storage's base URL, e.g. http://minio:9000 or https://s3.eu-central-1.amazonaws.com */
  endpoint: HttpUrl.regex(/^https?:\/\/[^/?#@\s]+\/?$/i, "expected the storage's base URL without a path or key, such as http://minio:9000"),
  /** The bucket the files go to; it must exist (the compose file's minio-setup makes it). */
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name: 3 to 63 lowercase letters, digits, "." or "-"'),
  /** Signing region; MinIO accepts the default. */
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected a region such as us-east-1')
    .default('us-east-1'),
  /** Where in the bucket the files go: empty, or folders each ending in "/", e.g. hls/ or shows/candles/. */
  prefix: z
    .string()
    .regex(/^(?:(?!\.{1,2}\/)[A-Za-z0-9._-]+\/)*$/, 'expected a folder path ending in "/" such as hls/ (or "" for the bucket\'s top)')
    .default('hls/'),
  /** The environment variable holding the access key id; keys never go in the YAML. */
  accessKeyEnv: EnvName,
  /** The environment variable holding the secret access key. */
  secretKeyEnv: EnvName,
  /** Address the bucket as <endpoint>/<bucket>/… (MinIO and most self-hosted stores); false: <bucket>.<endpoint host> (AWS virtual-hosted style). */
  forcePathStyle: z.boolean().default(true),
});
export type HlsS3Config = z.infer<typeof HlsS3Config>;

/** HLS written by ffmpeg from the ingest: what browsers without HTTP-FLV play, and what a cache or CDN can serve to many viewers. */
export const HlsConfig = z.strictObject({
  /** Written whenever ffmpeg is present unless switched off here. */
  enabled: z.boolean().default(true),
  /**
   * Target segment length. ffmpeg copies the stream (no transcoding), so it can only cut at a
   * keyframe: a segment is never shorter than OBS's keyframe interval. 1 pays off only with OBS's
   * keyframe interval at 1 s; 2 matches the 2 s the platforms ask for.
   */
  segmentSeconds: z.number().int().min(1).max(6).default(2),
  /**
   * Base URL of an HTTP cache or CDN in front of the media HTTP port (its /hls/ paths), e.g.
   * https://cdn.example.com: viewers get the playlist there instead of from this machine. With
   * `s3`, the URL under which the bucket's `prefix` is served instead (e.g. https://cdn.example.com/hls/
   * for a cache whose /hls/ is the prefix); left out, viewers fetch from <endpoint>/<bucket>/<prefix>.
   */
  publicUrl: HttpUrl.regex(/^[^?#]*$/, 'expected a base URL without a query or fragment').optional(),
  /** Also upload the HLS files to S3-compatible storage and point viewers there; off unless set. */
  s3: HlsS3Config.optional(),
});
export type HlsConfig = z.infer<typeof HlsConfig>;

export const MediaConfig = z.strictObject({
  rtmpPort: z.number().int().min(1).max(65535).default(1935),
  httpPort: z.number().int().min(1).max(65535).default(8000),
  /** The app/stream path OBS publishes to: rtmp://host:1935/live/<key> */
  app: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('live'),
  streamKeyEnv: EnvName.default('SHOWCART_STREAM_KEY'),
  /** How long a dropped publisher may come back and continue the same show. */
  reconnectGrace: Duration.prefault(30),
  targets: z.array(RestreamTarget).default([]),
  hls: HlsConfig.prefault({}),
  /**
   * What the viewer page plays. auto: HLS for everyone when `hls.publicUrl` puts a cache in front
   * (many viewers), else as before (HLS where the browser plays it natively, HTTP-FLV elsewhere:
   * about a second of delay against HLS's several). hls or flv: that first, the other as fallback.
   */
  player: z.enum(['auto', 'hls', 'flv']).default('auto'),
});
export type MediaConfig = z.infer<typeof MediaConfig>;
