import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../orchestrator/shared/log.js';
import type { Secrets } from '../orchestrator/shared/secrets.js';
import type { ChildSnapshot, ChildStart, FromChild } from './child-protocol.js';
import { GuessLimiter } from './guess-limiter.js';
import { startHlsUpload } from './hls-s3.js';
import { Ingest } from './ingest.js';
import { startNms } from './nms-host.js';
import { PublicFeed } from './public-feed.js';
import { createHls, createRestreams } from './restreams.js';
import type { TargetSupervisor } from './target-supervisor.js';
import type { MediaEvent, TargetStatus } from './types.js';

/** The media part as it runs inside the media process. */
export interface MediaRuntime {
  snapshot(): ChildSnapshot;
  /** The show went live (or ended): the restreams start (or stop) and the next show starts clean. */
  setShowLive(live: boolean): Promise<void>;
  /** The target's status, or undefined for a name not in the show file. */
  setTargetEnabled(name: string, enabled: boolean): Promise<TargetStatus | undefined>;
  /** Open connections on both ports. */
  connections(): number;
  stop(): Promise<void>;
}

/**
 * Starts node-media-server, the ingest gate, the public feed and the restream supervisors: the
 * parts that touch hostile bytes, and what must share a process with the library's singletons.
 * The show's state (live, reconnecting, offline) is kept by the parent: it survives this process.
 */
export async function runMedia(start: ChildStart, secrets: Secrets, log: Logger, send: (m: FromChild) => void): Promise<MediaRuntime> {
  const { config, timing, publicName } = start;
  const key = secrets.read(config.streamKeyEnv);
  const guesses = new GuessLimiter();
  for (const [address, until] of start.lockouts) guesses.lock(address, until);
  const hlsDir = start.hlsRoot && join(start.hlsRoot, publicName);
  const onEvent = (event: MediaEvent) => send({ t: 'event', event });

  const host = await startNms({
    rtmpPort: config.rtmpPort,
    httpPort: config.httpPort,
    ...(start.host !== undefined && { host: start.host }),
    app: config.app,
    ...(start.hlsRoot !== null && { hlsDir: start.hlsRoot }),
    publicName,
    guards: start.guards,
    refused: (address) => guesses.locked(address),
    log,
  });

  const feed = new PublicFeed(config.app, publicName);
  const ingest = new Ingest({
    app: config.app,
    key,
    keyEnv: config.streamKeyEnv,
    feed,
    guesses,
    log,
    onEvent,
    onPublish: (from, at) => send({ t: 'publish', at, from }),
    onDrop: (from, at) => send({ t: 'drop', at, from }),
    onLockout: (address, until) => send({ t: 'lockout', address, until }),
    publisherIdleMs: timing.publisherIdleMs,
    tickMs: timing.tickMs,
  });
  const targets = config.targets.map((t) => ({ ...t, enabled: start.enabled[t.name] ?? t.enabled }));
  const restreamOptions = {
    secrets,
    feed,
    ffmpegPath: start.ffmpegPath,
    prefer: start.restreamWith,
    timing,
    ingestMoving: () => ingest.moving,
    log,
    onEvent,
  } as const;
  const supervisors = createRestreams({ ...restreamOptions, targets });
  const hls = hlsDir ? createHls({ ...restreamOptions, targets: [] }, hlsDir, start.hlsSegmentSeconds) : null;
  // beside ffmpeg, never in its way: a bucket that fails only makes this copy retry
  const upload = hlsDir && start.hlsS3 ? await startHlsUpload(start.hlsS3, { dir: hlsDir, publicName, secrets, timing, log }) : null;
  const everyone = (): TargetSupervisor[] => (hls ? [...supervisors, hls] : supervisors);
  const ticker = setInterval(() => {
    for (const s of everyone()) void s.tick(timing.tickMs);
  }, timing.tickMs);

  const setShowLive = async (live: boolean) => {
    if (live && hlsDir) clearDir(hlsDir);
    const changed = Promise.all(everyone().map((s) => s.setShowLive(live)));
    if (!live) feed.reset();
    await changed;
  };
  if (start.showLive) void setShowLive(true);

  let stopping: Promise<void> | undefined;
  return {
    snapshot: () => ({
      ingest: ingest.status(),
      targets: supervisors.map((s) => s.status()),
      hlsState: hls ? hls.status().state : null,
      hlsS3: upload ? upload.status() : null,
      children: everyone().flatMap((s) => (s.pid === undefined ? [] : [{ name: s.name, pid: s.pid }])),
    }),
    setShowLive,
    setTargetEnabled: async (name, enabled) => {
      const target = supervisors.find((s) => s.name === name);
      if (!target) return undefined;
      await target.setEnabled(enabled);
      return target.status();
    },
    connections: () => host.connections(),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(ticker);
        ingest.close();
        await Promise.all(everyone().map((s) => s.stop()));
        await upload?.stop();
        feed.close();
        await host.stop();
      })()),
  };
}

function clearDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true });
}
