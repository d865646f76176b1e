/** What the media HTTP port serves: the public stream and, with ffmpeg, its HLS files. */
export interface PlaybackPaths {
  app: string;
  publicName: string;
  hls: boolean;
}

/** Where one HTTP request goes; `path` is the request's path without its query (the library never sees a query). */
export type PlaybackRoute =
  { kind: 'flv'; path: string } | { kind: 'hls'; path: string } | { kind: 'head' } | { kind: 'preflight' } | { kind: 'refuse'; status: 404 | 405 };

const HLS_FILE = /^[A-Za-z0-9_-]{1,64}\.(?:m3u8|ts)$/;

/**
 * Decides an HTTP request to the media port before node-media-server sees it. Nothing but the
 * public stream (`/<app>/<public name>.flv`) and its HLS files is served: every other stream name
 * would be refused by the ingest anyway, and names outside the library's charset crash it.
 */
export function routePlayback(method: string | undefined, url: string | undefined, o: PlaybackPaths): PlaybackRoute {
  const path = pathOf(url);
  if (path === null) return { kind: 'refuse', status: 404 };
  const isFlv = path === `/${o.app}/${o.publicName}.flv`;
  const hlsPrefix = `/hls/${o.publicName}/`;
  const isHls = o.hls && path.startsWith(hlsPrefix) && HLS_FILE.test(path.slice(hlsPrefix.length));
  if (!isFlv && !isHls) return { kind: 'refuse', status: 404 };
  if (method === 'OPTIONS') return { kind: 'preflight' };
  if (method === 'HEAD') return isFlv ? { kind: 'head' } : { kind: 'hls', path };
  if (method !== 'GET') return { kind: 'refuse', status: 405 };
  return isFlv ? { kind: 'flv', path } : { kind: 'hls', path };
}

/**
 * Decides a WebSocket upgrade: only a viewer of the public stream. A publisher (subprotocol
 * "post" or "publisher") is refused here; the ingest only takes RTMP.
 */
export function routeUpgrade(url: string | undefined, protocols: string | undefined, o: PlaybackPaths): string | null {
  const path = pathOf(url);
  if (path !== `/${o.app}/${o.publicName}.flv`) return null;
  if (protocols !== undefined && /\b(?:post|publisher)\b/i.test(protocols)) return null;
  return path;
}

function pathOf(url: string | undefined): string | null {
  if (url === undefined || !url.startsWith('/') || url.length > 2048) return null;
  const cut = url.indexOf('?');
  return cut === -1 ? url : url.slice(0, cut);
}
