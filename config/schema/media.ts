import { z } from 'zod';
import { Duration, EnvName } from './primitives.js';

export const RestreamTarget = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'expected a short lowercase name such as youtube'),
  /** Ingest URL without the key, e.g. rtmps://live-api-s.facebook.com:443/rtmp */
  url: z.string().regex(/^rtmps?:\/\/[^\s]+$/, 'expected an rtmp:// or rtmps:// URL'),
  /** The environment variable holding this target's stream key; the key never goes in the YAML. */
  keyEnv: EnvName,
  enabled: z.boolean().default(true),
});

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
});
export type MediaConfig = z.infer<typeof MediaConfig>;
