import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HlsConfig } from '../config/schema/media.js';
import type { Logger } from '../orchestrator/shared/log.js';
import type { Secrets } from '../orchestrator/shared/secrets.js';
import type { ChildSnapshot, ChildStart, FromChild } from './child-protocol.js';
import { UnknownTargetError } from './errors.js';
import { locateFfmpeg } from './ffmpeg-locate.js';
import { hlsBucketUrl, hlsCopy } from './hls-s3.js';
import { streamKeyProblem } from './ingest-gate.js';
import { MediaProcess, type MediaProcessInfo } from './media-process.js';
import { ShowLifecycle } from './show-lifecycle.js';
import {
  DEFAULT_TIMING,
  type MediaEvent,
  type MediaServer,
  type MediaSettings,
  type MediaTiming,
  type PlaybackInfo,
  type TargetStatus,
  type Transport,
} from './types.js';

export type * from './types.js';
export type { MediaServer } from './types.js';
export type { MediaProcessInfo } from './media-process.js';
export { UnknownTargetError } from './errors.js';
export { createMediaRouter, playerFirst, type MediaRouterOptions } from './router.js';

/** What startMedia() needs; the show file's `media:` block is `config`. */
export interface MediaOptions {
  config: MediaSettings;
  secrets: Secrets;
  log: Logger;
  /** stream.live / stream.offline for the bus; media.ingest / media.target for the event log. */
  onEvent: (e: MediaEvent) => void;
  /** The ffmpeg binary; default FFMPEG_PATH, else `ffmpeg` on PATH; null runs without ffmpeg. */
  ffmpegPath?: string | null;
  /**
   * Where earlier versions let node-media-server keep its store (default data/media). Nothing is
   * written there any more; a stream_history.json left there (it holds stream keys) is removed.
   */
  dataDir?: string;
  /** Listen address of the RTMP and HTTP-FLV ports; default all interfaces. */
  host?: string;
  /** How plain rtmp:// targets go out when ffmpeg is present; default ffmpeg (see media/README.md). */
  restreamWith?: Transport;
  /** HLS for the viewer page when ffmpeg is present and the show file leaves `media.hls.enabled` on; default true. */
  hls?: boolean;
  /** Name of the public stream viewers play: /<app>/<publicName>.flv; default "show". */
  publicName?: string;
  timing?: Partial<MediaTiming>;
  /** Tests only: false runs node-media-server without our guards, to show the process boundary alone keeps showcart up. */
  libraryGuards?: boolean;
}

/** The running media part, as the app sees it. */
/** The media part running in its own process; the extra members are for benchmarks and tests. */
export interface IsolatedMediaServer extends MediaServer {
  /** The media process: its pid, restarts so far, whether it is serving. */
  mediaProcess(): MediaProcessInfo;
  /** A round trip to the media process (waiting for it if it is restarting): its pid and open connections on both ports. */
  probe(): Promise<{ pid: number; connections: number } | null>;
}

/**
 * Starts the media process (RTMP ingest, HTTP-FLV and HLS playback, restreams: see
 * media/media-child.ts) and keeps the show's lifecycle here, so a crash of that process is a
 * reconnect within the grace, not the end of the show.
 */
export async function startMedia(options: MediaOptions): Promise<IsolatedMediaServer> {
  const { config, onEvent } = options;
  const log = options.log.child({ part: 'media' });
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const publicName = options.publicName ?? 'show';
  const keyEnv = config.streamKeyEnv;
  const key = options.secrets.read(keyEnv);
  if (key === undefined) log.warn(`no stream key: set ${keyEnv} to accept OBS (every publish is refused until then)`);
  const problem = key === undefined ? null : streamKeyProblem(key, publicName);
  if (problem) throw new Error(`${keyEnv}: ${problem}`);
  removeOldHistory(options.dataDir ?? 'data/media', log);

  const ffmpeg = await locateFfmpeg(options.ffmpegPath);
  const ffmpegPath = ffmpeg.found ? ffmpeg.path : null;
  if (ffmpeg.found) log.info({ ffmpeg: ffmpeg.path, version: ffmpeg.version }, 'ffmpeg found');
  else log.warn(`no ffmpeg: ${ffmpeg.reason}; plain rtmp:// targets use the in-process push, RTMPS targets and HLS are off`);
  const hls = config.hls ?? HlsConfig.parse({});
  const hlsRoot = ffmpegPath && options.hls !== false && hls.enabled ? mkdtempSync(join(tmpdir(), 'showcart-hls-')) : null;
  const s3 = hlsRoot ? hlsCopy(hls, options.secrets, log) : null;

  const secrets: Record<string, string> = {};
  for (const name of [keyEnv, ...config.targets.map((t) => t.keyEnv), ...(s3 ? [s3.accessKeyEnv, s3.secretKeyEnv] : [])]) {
    const value = options.secrets.read(name);
    if (value !== undefined) secrets[name] = value;
  }
  const enabled = new Map<string, boolean>();
  const lockouts = new Map<string, number>();
  let snapshot: ChildSnapshot;
  let publisher: string | null = null;

  const lifecycle = new ShowLifecycle(config.reconnectGrace, {
    onLive: (at) => {
      onEvent({ type: 'stream.live', at });
      proc.send({ t: 'show', live: true });
    },
    onOffline: (at) => {
      log.info('the show is offline');
      onEvent({ type: 'stream.offline', at });
      proc.send({ t: 'show', live: false });
    },
  });
  const startMessage = (): ChildStart => ({
    t: 'start',
    config,
    secrets,
    ffmpegPath,
    ...(options.host !== undefined && { host: options.host }),
    hlsRoot,
    hlsSegmentSeconds: hls.segmentSeconds,
    hlsS3: s3,
    publicName,
    restreamWith: options.restreamWith ?? 'ffmpeg',
    timing,
    logLevel: options.log.level,
    showLive: lifecycle.state !== 'offline',
    enabled: Object.fromEntries(enabled),
    lockouts: [...lockouts].filter(([, until]) => until > Date.now()),
    guards: options.libraryGuards !== false,
  });
  const heard = (m: FromChild) => {
    if (m.t === 'snapshot') snapshot = m.snapshot;
    else if (m.t === 'event' && m.event.type !== 'stream.live' && m.event.type !== 'stream.offline') onEvent(m.event);
    else if (m.t === 'lockout') {
      // kept here so a new media process keeps refusing them; expired ones go, and the list stays bounded
      for (const [address, until] of lockouts) if (until <= Date.now() || lockouts.size >= 10_000) lockouts.delete(address);
      lockouts.set(m.address, m.until);
    } else if (m.t === 'publish') {
      publisher = m.from;
      const resumed = lifecycle.state !== 'offline';
      log.info({ from: m.from }, resumed ? 'OBS is back: the show goes on' : 'the show is live: OBS is publishing');
      onEvent({ type: 'media.ingest', at: m.at, action: resumed ? 'resumed' : 'accepted', from: m.from });
      lifecycle.published(m.at);
    } else if (m.t === 'drop') dropped(m.from, m.at, 'OBS disconnected: waiting for it to come back');
  };
  const dropped = (from: string, at: number, why: string) => {
    publisher = null;
    if (lifecycle.state !== 'live') return;
    log.warn({ from }, why);
    onEvent({ type: 'media.ingest', at, action: 'dropped', from });
    lifecycle.dropped();
  };
  const proc = new MediaProcess(
    {
      startMessage,
      onReady: (s) => (snapshot = s),
      onMessage: heard,
      onDown: () => {
        snapshot = { ...snapshot, ingest: { ...snapshot.ingest, publisher: null, bitrateKbps: 0, fps: null, keyframeIntervalMs: null }, children: [] };
        if (publisher !== null) dropped(publisher, Date.now(), 'the media process ended while OBS was publishing: waiting for OBS to come back');
      },
    },
    timing,
    log,
    options.log,
    publicName,
  );
  try {
    snapshot = await proc.start();
  } catch (err) {
    if (hlsRoot) rmSync(hlsRoot, { recursive: true, force: true });
    throw err;
  }

  const playback: PlaybackInfo = {
    flvPath: `/${config.app}/${publicName}.flv`,
    hlsPath: hlsRoot ? `/hls/${publicName}/index.m3u8` : null,
    httpPort: config.httpPort,
    hlsPublicUrl: hls.publicUrl?.replace(/\/+$/, '') ?? null,
    hlsUrl: s3 ? `${hlsBucketUrl(hls, s3)}${publicName}/index.m3u8` : null,
    player: config.player ?? 'auto',
  };
  log.info(
    { rtmp: config.rtmpPort, http: config.httpPort, rtmpApp: config.app, targets: config.targets.length, mediaPid: proc.info().pid },
    `RTMP ingest on port ${config.rtmpPort}, playback at ${playback.flvPath}`,
  );

  const targetsNow = (): TargetStatus[] => {
    if (proc.info().up) return snapshot.targets;
    // between processes nothing is restreamed: say so rather than show the last process's figures
    return snapshot.targets.map((t) =>
      t.state === 'live' || t.state === 'starting' ? { ...t, state: 'retrying', bitrateKbps: 0, uptimeMs: 0, lastError: 'the media process is restarting' } : t,
    );
  };
  let stopping: Promise<void> | undefined;
  return {
    playback,
    status: () => {
      const live = lifecycle.state !== 'offline';
      const ingest = snapshot.ingest;
      return {
        ingest: {
          accepting: key !== undefined,
          state: lifecycle.state,
          live,
          since: lifecycle.since,
          // from the publish/drop messages themselves, so it is never behind the show's state
          publisher,
          bitrateKbps: live ? ingest.bitrateKbps : 0,
          fps: live ? ingest.fps : null,
          keyframeIntervalMs: live ? ingest.keyframeIntervalMs : null,
          video: live ? ingest.video : null,
          audio: live ? ingest.audio : null,
        },
        targets: targetsNow(),
        playback: { ...playback, hlsState: snapshot.hlsState, hlsS3: snapshot.hlsS3 },
        ffmpeg: ffmpegPath,
      };
    },
    setTargetEnabled: async (name, on) => {
      const configured = snapshot.targets.find((t) => t.name === name);
      if (!configured) throw new UnknownTargetError(name);
      log.info({ target: name, enabled: on }, `restream ${name} ${on ? 'enabled' : 'disabled'}`);
      enabled.set(name, on);
      const reply = await proc.request((id) => ({ t: 'target', id, name, enabled: on }));
      if (reply?.status) return reply.status;
      return { ...configured, enabled: on, state: on ? configured.state : 'disabled' };
    },
    children: () => (proc.info().up ? snapshot.children : []),
    mediaProcess: () => proc.info(),
    probe: async () => (await proc.request((id) => ({ t: 'probe', id })))?.probe ?? null,
    stop: () =>
      (stopping ??= (async () => {
        lifecycle.end(Date.now());
        await proc.stop();
        if (hlsRoot) rmSync(hlsRoot, { recursive: true, force: true });
      })()),
  };
}

/** node-media-server 4's store wrote every publisher's stream name (the key, and every wrong guess) here. */
function removeOldHistory(dataDir: string, log: Logger): void {
  const file = join(dataDir, 'stream_history.json');
  if (!existsSync(file)) return;
  rmSync(file, { force: true });
  log.warn(`removed ${file}: an earlier version let node-media-server record stream keys there; nothing is written there any more`);
}
