import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

/**
 * A cache in front may keep the playlist this long: ffmpeg rewrites it once a segment, and a
 * player asks again about once a segment, so one second (HTTP's smallest step above "do not
 * keep") lets a cache answer every viewer's reload with one request to us.
 */
export const PLAYLIST_MAX_AGE_S = 1;
/** Segment names never repeat (media/ffmpeg-args.ts), so a cache may keep one for longer than any show. */
export const SEGMENT_MAX_AGE_S = 86_400;
/** ffmpeg writes segments of a few MB; anything far larger is not one of ours. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const CORS = { 'Access-Control-Allow-Origin': '*' };

/** The headers an HLS file is served with, by its name (playlist or segment). */
export function hlsHeaders(file: string): Record<string, string> {
  return file.endsWith('.m3u8')
    ? { 'Content-Type': 'application/vnd.apple.mpegurl', 'Cache-Control': `public, max-age=${PLAYLIST_MAX_AGE_S}`, ...CORS }
    : { 'Content-Type': 'video/mp2t', 'Cache-Control': `public, max-age=${SEGMENT_MAX_AGE_S}, immutable`, ...CORS };
}

/** A strong validator from what changes when ffmpeg replaces or finishes a file: its size and mtime. */
export function hlsEtag(size: number, mtimeMs: number): string {
  return `"${size.toString(36)}-${Math.floor(mtimeMs).toString(36)}"`;
}

/** Whether a conditional GET may be answered 304: If-None-Match decides when sent, else If-Modified-Since (whole seconds, as HTTP dates are). */
export function notModified(headers: IncomingMessage['headers'], etag: string, mtimeMs: number): boolean {
  const match = headers['if-none-match'];
  if (match !== undefined) return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
  const since = headers['if-modified-since'];
  if (since === undefined) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && Math.floor(mtimeMs / 1000) * 1000 <= at;
}

/**
 * Answers GET or HEAD for one HLS file. `file` is a name the route has already checked (letters,
 * digits, "_", "-", then .m3u8 or .ts: no path). The file is read through one handle, so the body
 * matches its validators even while ffmpeg renames a new playlist over the old one; it is streamed
 * with backpressure, so a slow reader holds one chunk of memory, not a whole segment.
 */
export async function serveHlsFile(req: IncomingMessage, res: ServerResponse, dir: string, file: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(join(dir, file), 'r');
  } catch {
    // not written yet, or already deleted: no cache may keep this answer
    res.writeHead(404, { 'Cache-Control': 'no-store', 'Content-Length': '0', ...CORS }).end();
    return;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) {
      res.writeHead(404, { 'Cache-Control': 'no-store', 'Content-Length': '0', ...CORS }).end();
      return;
    }
    const etag = hlsEtag(stat.size, stat.mtimeMs);
    const headers = { ...hlsHeaders(file), ETag: etag, 'Last-Modified': new Date(stat.mtimeMs).toUTCString() };
    if (notModified(req.headers, etag, stat.mtimeMs)) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(stat.size) });
    if (req.method === 'HEAD' || stat.size === 0) return void res.end();
    // The stream owns the handle from here and closes it however the response ends.
    const body = handle.createReadStream({ start: 0, end: stat.size - 1 });
    handle = undefined;
    // A finished file never shrinks (ffmpeg renames complete ones into place); if one did, the
    // short body ends the connection rather than lie about its length.
    await pipeline(body, res).catch(() => res.destroy());
  } finally {
    await handle?.close();
  }
}
