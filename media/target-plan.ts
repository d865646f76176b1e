import type { MediaConfig } from '../config/schema/media.js';
import { targetDisplayUrl, trimSlash } from './mask.js';
import type { Transport } from './types.js';

/** One `media.targets[]` entry of the show file. */
export type TargetConfig = MediaConfig['targets'][number];

/** How one target will be restreamed, or why it cannot be. */
export interface PlannedTarget {
  name: string;
  /** Base URL plus the masked key, for status and logs. */
  displayUrl: string;
  /** Base URL plus the key; only ever handed to the transport. */
  url: string | null;
  enabled: boolean;
  transport: Transport | null;
  /** Why the target cannot run as configured; null when it can. */
  unavailable: string | null;
}

/**
 * How a target will be restreamed. ffmpeg speaks RTMPS and every platform's RTMP dialect; the
 * in-process push speaks plain rtmp:// only and drops a query string from the stream name (some
 * platforms put one in their keys), so those need ffmpeg.
 */
export function planTarget(target: TargetConfig, key: string | undefined, ffmpeg: boolean, prefer: Transport): PlannedTarget {
  const base = { name: target.name, displayUrl: targetDisplayUrl(target.url, key), enabled: target.enabled };
  if (key === undefined) return { ...base, url: null, transport: null, unavailable: `no stream key: set ${target.keyEnv} to restream to ${target.name}` };
  const url = `${trimSlash(target.url)}/${key}`;
  if (target.url.startsWith('rtmps://')) {
    return ffmpeg
      ? { ...base, url, transport: 'ffmpeg', unavailable: null }
      : { ...base, url, transport: null, unavailable: 'RTMPS targets need ffmpeg: install ffmpeg or set FFMPEG_PATH' };
  }
  const pushable = !url.includes('?');
  if (ffmpeg && (prefer === 'ffmpeg' || !pushable)) return { ...base, url, transport: 'ffmpeg', unavailable: null };
  if (pushable) return { ...base, url, transport: 'push', unavailable: null };
  return { ...base, url, transport: null, unavailable: 'this stream key has a query string, which only ffmpeg can send: install ffmpeg or set FFMPEG_PATH' };
}
