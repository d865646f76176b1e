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
   * https://cdn.example.com: viewers get the playlist there instead of from this machine.
   */
  publicUrl: HttpUrl.regex(/^[^?#]*$/, 'expected a base URL without a query or fragment').optional(),
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
