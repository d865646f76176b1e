import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaConfig } from '../config/schema/media.js';
import type { Logger } from '../orchestrator/shared/log.js';
import type { Secrets } from '../orchestrator/shared/secrets.js';
import { UnknownTargetError } from './errors.js';
import { locateFfmpeg } from './ffmpeg-locate.js';
import { Ingest } from './ingest.js';
import { checkStreamKey } from './ingest-gate.js';
import { startNms } from './nms-host.js';
import { PublicFeed } from './public-feed.js';
import { createHls, createRestreams } from './restreams.js';
import { ShowLifecycle } from './show-lifecycle.js';
import type { TargetSupervisor } from './target-supervisor.js';
import { DEFAULT_TIMING, type MediaEvent, type MediaStatus, type MediaTiming, type PlaybackInfo, type TargetStatus, type Transport } from './types.js';

export type * from './types.js';
export { UnknownTargetError } from './errors.js';
export { createMediaRouter, type MediaRouterOptions } from './router.js';

/** What startMedia() needs; the show file's `media:` block is `config`. */
export interface MediaOptions {
  config: MediaConfig;
  secrets: Secrets;
  log: Logger;
  /** stream.live / stream.offline for the bus; media.ingest / media.target for the event log. */
  onEvent: (e: MediaEvent) => void;
  /** The ffmpeg binary; default FFMPEG_PATH, else `ffmpeg` on PATH; null runs without ffmpeg. */
  ffmpegPath?: string | null;
  /** node-media-server's own store (stream history); default data/media. */
  dataDir?: string;
  /** Listen address of the RTMP and HTTP-FLV ports; default all interfaces. */
  host?: string;
  /** How plain rtmp:// targets go out when ffmpeg is present; default ffmpeg (see media/README.md). */
  restreamWith?: Transport;
  /** HLS for the viewer page when ffmpeg is present; default true. */
  hls?: boolean;
  /** Name of the public stream viewers play: /<app>/<publicName>.flv; default "show". */
  publicName?: string;
  timing?: Partial<MediaTiming>;
}

/** The running media part, as the app sees it. */
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

/** Starts the RTMP ingest, the HTTP-FLV (and HLS) playback and the restream supervisors. */
export async function startMedia(options: MediaOptions): Promise<MediaServer> {
  const { config, onEvent } = options;
  const log = options.log.child({ part: 'media' });
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const publicName = options.publicName ?? 'show';
  const key = options.secrets.read(config.streamKeyEnv);
  const keyCheck = checkStreamKey(key, publicName);
  if (key === undefined) log.warn(`no stream key: set ${config.streamKeyEnv} to accept OBS (every publish is refused until then)`);
  else if (keyCheck.problem) log.warn(`${config.streamKeyEnv}: ${keyCheck.problem}`);

  const ffmpeg = await locateFfmpeg(options.ffmpegPath);
  const ffmpegPath = ffmpeg.found ? ffmpeg.path : null;
  if (ffmpeg.found) log.info({ ffmpeg: ffmpeg.path, version: ffmpeg.version }, 'ffmpeg found');
  else log.warn(`no ffmpeg: ${ffmpeg.reason}; plain rtmp:// targets use the in-process push, RTMPS targets and HLS are off`);
  const hlsRoot = ffmpegPath && options.hls !== false ? mkdtempSync(join(tmpdir(), 'showcart-hls-')) : null;
  const hlsDir = hlsRoot && join(hlsRoot, publicName);
  const dataDir = options.dataDir ?? 'data/media';
  mkdirSync(dataDir, { recursive: true });

  const host = await startNms({
    rtmpPort: config.rtmpPort,
    httpPort: config.httpPort,
    ...(options.host !== undefined && { host: options.host }),
    dataDir,
    ...(hlsRoot && { hlsDir: hlsRoot }),
    publicName,
    log,
  }).catch((err: unknown) => {
    if (hlsRoot) rmSync(hlsRoot, { recursive: true, force: true });
    throw err;
  });

  const feed = new PublicFeed(config.app, publicName);
  let supervisors: TargetSupervisor[] = [];
  let hls: TargetSupervisor | null = null;
  const everyone = () => (hls ? [...supervisors, hls] : supervisors);
  const lifecycle = new ShowLifecycle(config.reconnectGrace, {
    onLive: (at) => {
      onEvent({ type: 'stream.live', at });
      if (hlsDir) clearDir(hlsDir);
      for (const s of everyone()) void s.setShowLive(true);
    },
    onOffline: (at) => {
      log.info('the show is offline');
      onEvent({ type: 'stream.offline', at });
      for (const s of everyone()) void s.setShowLive(false);
      feed.reset();
    },
  });
  const ingest = new Ingest({
    app: config.app,
    key: keyCheck.usable ? key : undefined,
    keyEnv: config.streamKeyEnv,
    feed,
    lifecycle,
    log,
    onEvent,
    publisherIdleMs: timing.publisherIdleMs,
    tickMs: timing.tickMs,
  });
  const restreamOptions = { secrets: options.secrets, feed, ffmpegPath, prefer: options.restreamWith ?? 'ffmpeg', timing, ingestMoving: () => ingest.moving, log, onEvent } as const;
  supervisors = createRestreams({ ...restreamOptions, targets: config.targets });
  if (hlsDir) hls = createHls({ ...restreamOptions, targets: [] }, hlsDir);
  const ticker = setInterval(() => {
    for (const s of everyone()) void s.tick(timing.tickMs);
  }, timing.tickMs);

  const playback: PlaybackInfo = { flvPath: `${feed.path}.flv`, hlsPath: hlsDir ? `/hls/${publicName}/index.m3u8` : null, httpPort: config.httpPort };
  log.info({ rtmp: config.rtmpPort, http: config.httpPort, rtmpApp: config.app, targets: supervisors.length }, `RTMP ingest on port ${config.rtmpPort}, playback at ${playback.flvPath}`);

  let stopping: Promise<void> | undefined;
  return {
    playback,
    status: () => ({
      ingest: ingest.status(),
      targets: supervisors.map((s) => s.status()),
      playback: { ...playback, hlsState: hls ? hls.status().state : null },
      ffmpeg: ffmpegPath,
    }),
    setTargetEnabled: async (name, enabled) => {
      const target = supervisors.find((s) => s.name === name);
      if (!target) throw new UnknownTargetError(name);
      log.info({ target: name, enabled }, `restream ${name} ${enabled ? 'enabled' : 'disabled'}`);
      await target.setEnabled(enabled);
      return target.status();
    },
    children: () => everyone().flatMap((s) => (s.pid === undefined ? [] : [{ name: s.name, pid: s.pid }])),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(ticker);
        ingest.close();
        lifecycle.end(Date.now());
        await Promise.all(everyone().map((s) => s.stop()));
        feed.close();
        await host.stop();
        if (hlsRoot) rmSync(hlsRoot, { recursive: true, force: true });
      })()),
  };
}

function clearDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
}
