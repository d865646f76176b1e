/**
 * The messages between showcart and its media process (node-media-server, the ingest gate and the
 * restreams run there, so a library bug can only take that process down). JSON over the IPC
 * channel of `child_process.fork`; secrets travel in `start`, never in argv, env or files.
 */
import type { HlsS3Config } from '../config/schema/media.js';
import type { HlsS3Status, IngestStatus, MediaEvent, MediaSettings, MediaTiming, TargetState, TargetStatus, Transport } from './types.js';

/** Everything the media process is started with, built fresh for every (re)start. */
export interface ChildStart {
  t: 'start';
  config: MediaSettings;
  /** Variable name → value: the stream key, each target's key and the S3 keys, nothing else. */
  secrets: Record<string, string>;
  ffmpegPath: string | null;
  host?: string;
  /** Where HLS is written and served from (owned by the parent, kept across restarts); null: no HLS. */
  hlsRoot: string | null;
  /** Target length of an HLS segment (the show file's media.hls.segmentSeconds). */
  hlsSegmentSeconds: number;
  /** Where HLS is copied to (media.hls.s3, its keys in `secrets`); null: not copied. */
  hlsS3: HlsS3Config | null;
  publicName: string;
  restreamWith: Transport;
  timing: MediaTiming;
  logLevel: string;
  /** The show is live or inside its reconnect grace: the restreams run. */
  showLive: boolean;
  /** Targets switched from the API, so a restart keeps them as they were. */
  enabled: Record<string, boolean>;
  /** Addresses refused for guessing stream keys: [address, until (ms since epoch)]. */
  lockouts: Array<[string, number]>;
  /** False only in tests: the library runs bare, to show that the process boundary alone holds. */
  guards: boolean;
}

/** What showcart asks of the media process. */
export type ToChild = ChildStart | { t: 'show'; live: boolean } | { t: 'target'; id: number; name: string; enabled: boolean } | { t: 'probe'; id: number };

/** The media process's part of the status; the show's state itself is kept by the parent. */
export interface ChildSnapshot {
  ingest: Pick<IngestStatus, 'publisher' | 'bitrateKbps' | 'fps' | 'keyframeIntervalMs' | 'video' | 'audio'>;
  targets: TargetStatus[];
  hlsState: TargetState | null;
  hlsS3: HlsS3Status | null;
  children: Array<{ name: string; pid: number }>;
}

/** A reply to `target` (the target's status; absent for a name the process does not know) or `probe`. */
export interface ChildReply {
  t: 'reply';
  id: number;
  status?: TargetStatus;
  /** Open connections on the RTMP and HTTP-FLV ports, and the process answering. */
  probe?: { pid: number; connections: number };
}

/** What the media process reports. */
export type FromChild =
  /** Listening for messages: the start message can be sent. */
  | { t: 'hello' }
  | { t: 'ready'; snapshot: ChildSnapshot }
  | { t: 'failed'; message: string }
  | { t: 'snapshot'; snapshot: ChildSnapshot }
  /** media.ingest (refused) and media.target only: live/offline are decided by the parent. */
  | { t: 'event'; event: MediaEvent }
  /** A publisher was accepted; whether it starts or resumes the show is the parent's call. */
  | { t: 'publish'; at: number; from: string }
  | { t: 'drop'; at: number; from: string }
  | { t: 'lockout'; address: string; until: number }
  /** One pino JSON line, already masked in the media process. */
  | { t: 'log'; line: string }
  /** An exception escaped every guard: the process exits right after this (masked) report. */
  | { t: 'crash'; message: string; stack: string }
  /** Stopped cleanly on SIGTERM; exits next. */
  | { t: 'stopped' }
  | ChildReply;

const FROM_CHILD = new Set(['hello', 'ready', 'failed', 'snapshot', 'event', 'publish', 'drop', 'lockout', 'log', 'crash', 'stopped', 'reply']);

/** A message from the media process, or null for anything that is not one. */
export function asFromChild(value: unknown): FromChild | null {
  if (typeof value !== 'object' || value === null) return null;
  const t = (value as { t?: unknown }).t;
  return typeof t === 'string' && FROM_CHILD.has(t) ? (value as FromChild) : null;
}

const TO_CHILD = new Set(['start', 'show', 'target', 'probe']);

/** A message from showcart, or null for anything that is not one. */
export function asToChild(value: unknown): ToChild | null {
  if (typeof value !== 'object' || value === null) return null;
  const t = (value as { t?: unknown }).t;
  return typeof t === 'string' && TO_CHILD.has(t) ? (value as ToChild) : null;
}

/** The media process's exit code after an exception escaped every guard. */
export const CRASH_EXIT_CODE = 70;
