import type { MediaConfig } from '../config/schema/media.js';

/** What one restream target is doing. */
export type TargetState =
  /** switched off in the show file or from the API */
  | 'disabled'
  /** waiting for the show to go live */
  | 'idle'
  /** connecting, or connected but not yet moving bytes */
  | 'starting'
  /** moving bytes to the platform */
  | 'live'
  /** the last attempt ended; the next one starts after a backoff */
  | 'retrying'
  /** cannot run as configured (no key in the environment, RTMPS without ffmpeg …); see lastError */
  | 'unavailable';

export type Transport = 'ffmpeg' | 'push';

export interface TargetStatus {
  name: string;
  /** The target URL with its stream key masked: rtmp://host/app/ab****yz */
  url: string;
  enabled: boolean;
  state: TargetState;
  transport: Transport | null;
  /** Time in the current `live` stretch; 0 when not live. */
  uptimeMs: number;
  bitrateKbps: number;
  /** Attempts started after a failure (drop, stall, refusal), counted since media started. */
  restarts: number;
  /** The last failure, with every key masked; null if there was none. */
  lastError: string | null;
}

export type IngestState = 'offline' | 'live' | 'reconnecting';

export interface IngestStatus {
  /** False when no stream key is set: every publish is refused. */
  accepting: boolean;
  state: IngestState;
  live: boolean;
  /** When the show went live (ms since epoch); null when offline. */
  since: number | null;
  /** "address:port" of the current publisher, never its key. */
  publisher: string | null;
  bitrateKbps: number;
  /** Frames per second measured from the video tags' timestamps; null when not known (yet). */
  fps: number | null;
  /** Mean time between keyframes (ms) from the same tags; the platforms reject more than 4000. */
  keyframeIntervalMs: number | null;
  video: { codec: number; width: number; height: number; fps: number } | null;
  audio: { codec: number; sampleRate: number; channels: number } | null;
}

export interface PlaybackInfo {
  /** HTTP-FLV path on the media HTTP port, e.g. /live/show.flv */
  flvPath: string;
  /** HLS playlist path on the media HTTP port when ffmpeg is present, else null. */
  hlsPath: string | null;
  httpPort: number;
  /** Base URL of a cache or CDN in front of the HLS paths (media.hls.publicUrl), without a trailing "/"; null: viewers fetch from the media port. */
  hlsPublicUrl?: string | null;
  /** The playlist's whole URL when viewers fetch it from S3-compatible storage (media.hls.s3) or a cache in front of it; wins over hlsPublicUrl. */
  hlsUrl?: string | null;
  /** What the viewer page plays first (media.player); auto when absent. */
  player?: MediaConfig['player'];
}

/**
 * The show file's `media:` block as startMedia() takes it: `hls` and `player` may be left out
 * (their defaults then apply), so callers that build it by hand need not spell them.
 */
export type MediaSettings = Omit<MediaConfig, 'hls' | 'player'> & Partial<Pick<MediaConfig, 'hls' | 'player'>>;

/** How the copy of the HLS files in S3-compatible storage keeps up (media.hls.s3). */
export interface HlsS3Status {
  /** idle: nothing to upload yet; ok: the bucket holds the current playlist; retrying: the last request failed, the next try waits for a backoff. */
  state: 'idle' | 'ok' | 'retrying';
  /** The last failure: HTTP status and S3 error code (e.g. "403 SignatureDoesNotMatch") or the network error; never a key. */
  lastError: string | null;
  /** Segments uploaded and deleted since the media process started. */
  uploaded: number;
  deleted: number;
  /** When the bucket last got a playlist (ms since epoch). */
  playlistAt: number | null;
}

export interface MediaStatus {
  ingest: IngestStatus;
  targets: TargetStatus[];
  /** hlsS3: null (or absent) when media.hls.s3 is not set. */
  playback: PlaybackInfo & { hlsState: TargetState | null; hlsS3?: HlsS3Status | null };
  /** The ffmpeg in use, or null (RTMPS targets and HLS need it). */
  ffmpeg: string | null;
}

/** What media tells the app: live/offline go to the bus, the rest to the event log. */
export type MediaEvent =
  | { type: 'stream.live'; at: number }
  | { type: 'stream.offline'; at: number }
  | { type: 'media.ingest'; at: number; action: 'accepted' | 'refused' | 'dropped' | 'resumed'; from: string; reason?: string }
  | { type: 'media.target'; at: number; target: string; state: TargetState; transport: Transport | null; restarts: number; lastError: string | null };

/** Timings, all in ms; tests shorten them. */
export interface MediaTiming {
  /** How often targets are sampled for bitrate and stalls. */
  tickMs: number;
  /** A target that moves no bytes for this long while the ingest does is restarted. */
  stallMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A publisher that sends nothing for this long is dropped, so OBS can come back. */
  publisherIdleMs: number;
  /** The media process is restarted after a crash with backoff and jitter between these. */
  restartBaseMs: number;
  restartMaxMs: number;
  /** A media process that sends nothing (it reports every tick) for this long is killed and restarted. */
  hungMs: number;
}

export const DEFAULT_TIMING: MediaTiming = {
  tickMs: 1000,
  stallMs: 15_000,
  retryBaseMs: 1000,
  retryMaxMs: 30_000,
  publisherIdleMs: 10_000,
  restartBaseMs: 1000,
  restartMaxMs: 30_000,
  hungMs: 20_000,
};

/** What the rest of showcart sees of the media part: its status, restream switches, playback, stop. */
export interface MediaServer {
  status(): MediaStatus;
  /** Switches a restream on or off, live or not; throws UnknownTargetError for a name not in the show file. */
  setTargetEnabled(name: string, enabled: boolean): Promise<TargetStatus>;
  readonly playback: PlaybackInfo;
  /** The ffmpeg children running now, by target name ("hls" for HLS): for CPU accounting and tests. */
  children(): Array<{ name: string; pid: number }>;
  /** Ends the show if live, stops every ffmpeg child and closes both ports. */
  stop(): Promise<void>;
}
