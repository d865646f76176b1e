import type { Logger } from '../orchestrator/shared/log.js';
import type { Secrets } from '../orchestrator/shared/secrets.js';
import type { StartAttempt } from './attempt.js';
import { hlsArgs, restreamArgs } from './ffmpeg-args.js';
import { startFfmpeg } from './ffmpeg-transport.js';
import type { PublicFeed } from './public-feed.js';
import { startPush } from './push-transport.js';
import { planTarget, type TargetConfig } from './target-plan.js';
import { TargetSupervisor } from './target-supervisor.js';
import type { MediaEvent, MediaTiming, TargetStatus, Transport } from './types.js';

/** Everything a restream supervisor is built from. */
export interface RestreamOptions {
  targets: TargetConfig[];
  secrets: Secrets;
  feed: PublicFeed;
  ffmpegPath: string | null;
  prefer: Transport;
  timing: MediaTiming;
  ingestMoving: () => boolean;
  log: Logger;
  onEvent: (e: MediaEvent) => void;
}

/** One supervisor per configured target; keys are read through Secrets so every log masks them. */
export function createRestreams(o: RestreamOptions): TargetSupervisor[] {
  return o.targets.map((target) => {
    const key = o.secrets.read(target.keyEnv);
    const plan = planTarget(target, key, o.ffmpegPath !== null, o.prefer);
    const url = plan.url;
    let start: StartAttempt | null = null;
    if (plan.transport === 'ffmpeg' && url) start = () => startFfmpeg({ ffmpegPath: o.ffmpegPath!, args: restreamArgs(url), feed: o.feed });
    if (plan.transport === 'push' && url) start = () => startPush(url, o.feed);
    if (plan.unavailable && plan.enabled) o.log.warn({ target: plan.name }, `restream ${plan.name} cannot run: ${plan.unavailable}`);
    return new TargetSupervisor({
      name: plan.name,
      displayUrl: plan.displayUrl,
      enabled: plan.enabled,
      transport: plan.transport,
      unavailable: plan.unavailable,
      start: plan.unavailable ? null : start,
      timing: o.timing,
      ingestMoving: o.ingestMoving,
      onChange: (status) => report(status, o),
    });
  });
}

function report(s: TargetStatus, o: RestreamOptions): void {
  const fields = { target: s.name, url: s.url, state: s.state, transport: s.transport, restarts: s.restarts, ...(s.lastError && { lastError: s.lastError }) };
  const bad = s.state === 'retrying' || s.state === 'unavailable';
  o.log[bad ? 'warn' : 'info'](fields, `restream ${s.name}: ${s.state}${bad && s.lastError ? ` (${s.lastError})` : ''}`);
  o.onEvent({ type: 'media.target', at: Date.now(), target: s.name, state: s.state, transport: s.transport, restarts: s.restarts, lastError: s.lastError });
}

/** HLS for the viewer page, written by one more supervised ffmpeg; only logged, it is not a platform. */
export function createHls(o: RestreamOptions, dir: string, segmentSeconds: number): TargetSupervisor {
  return new TargetSupervisor({
    name: 'hls',
    displayUrl: dir,
    enabled: true,
    transport: 'ffmpeg',
    unavailable: null,
    start: () => {
      // every run names its segments apart from every earlier one: caches keep them as immutable
      const prefix = Date.now().toString(36);
      return startFfmpeg({ ffmpegPath: o.ffmpegPath!, args: hlsArgs(dir, { segmentSeconds, prefix }), feed: o.feed, measure: 'mediaMs' });
    },
    // two segments written: the playlist is playable
    liveAt: 2 * segmentSeconds * 1000,
    timing: o.timing,
    ingestMoving: o.ingestMoving,
    onChange: (s) => o.log[s.state === 'retrying' ? 'warn' : 'debug']({ state: s.state, lastError: s.lastError }, `HLS: ${s.state}`),
  });
}
