import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaConfig } from '../../config/schema/media.js';
import { hlsArgs } from '../../media/ffmpeg-args.js';
import { hlsEtag, hlsHeaders, notModified } from '../../media/hls-files.js';
import { createMediaRouter, playerFirst, type MediaServer, type MediaStatus, type PlaybackInfo } from '../../media/index.js';

function mediaWith(playback: PlaybackInfo): MediaServer {
  return {
    playback,
    status: () => ({ ingest: { live: true }, targets: [], playback: { ...playback, hlsState: 'live' }, ffmpeg: null }) as unknown as MediaStatus,
    setTargetEnabled: () => Promise.reject(new Error('not here')),
    children: () => [],
    stop: async () => undefined,
  };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function playbackOf(playback: PlaybackInfo): Promise<unknown> {
  server = await new Promise<Server>((resolve) => {
    const s = express()
      .use(createMediaRouter(mediaWith(playback)))
      .listen(0, '127.0.0.1', () => resolve(s));
  });
  return (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/media/playback`)).json();
}

describe('HLS for many viewers', () => {
  it('GIVEN a show file without media.hls WHEN parsed THEN HLS stays on with 2 s segments, no cache in front, and the player on auto', () => {
    const media = MediaConfig.parse({});
    expect(media.hls).toEqual({ enabled: true, segmentSeconds: 2 });
    expect(media.player).toBe('auto');
    expect(() => MediaConfig.parse({ hls: { publicUrl: 'ftp://cdn' } })).toThrow();
    expect(() => MediaConfig.parse({ hls: { segmentSeconds: 0.5 } })).toThrow();
  });

  it('GIVEN two ffmpeg runs WHEN their HLS commands are built THEN their segment names differ and numbers start at the current second', () => {
    const a = hlsArgs('/tmp/h', { segmentSeconds: 1, prefix: 'a1' });
    const b = hlsArgs('/tmp/h', { segmentSeconds: 1, prefix: 'b2' });
    const pattern = (args: string[]) => args[args.indexOf('-hls_segment_filename') + 1];
    expect([pattern(a), pattern(b)]).toEqual(['/tmp/h/a1-%d.ts', '/tmp/h/b2-%d.ts']);
    expect(a.slice(a.indexOf('-hls_time'), a.indexOf('-hls_time') + 4)).toEqual(['-hls_time', '1', '-hls_list_size', '12']);
    expect(a[a.indexOf('-hls_start_number_source') + 1]).toBe('epoch');
    expect(a[a.indexOf('-hls_flags') + 1]).toContain('temp_file');
  });

  it('GIVEN a playlist and a segment WHEN their headers are read THEN the playlist may be cached a second and the segment for good', () => {
    expect(hlsHeaders('index.m3u8')).toEqual({
      'Content-Type': 'application/vnd.apple.mpegurl',
      'Cache-Control': 'public, max-age=1',
      'Access-Control-Allow-Origin': '*',
    });
    expect(hlsHeaders('m1x2-1764900000.ts')).toEqual({
      'Content-Type': 'video/mp2t',
      'Cache-Control': 'public, max-age=86400, immutable',
      'Access-Control-Allow-Origin': '*',
    });
  });

  it('GIVEN a cache revalidating WHEN its validators match THEN not modified; WHEN the file changed THEN modified', () => {
    const mtime = Date.UTC(2026, 0, 1, 12, 0, 0, 500);
    const etag = hlsEtag(1234, mtime);
    expect(notModified({ 'if-none-match': `W/"x", ${etag}` }, etag, mtime)).toBe(true);
    expect(notModified({ 'if-none-match': hlsEtag(1235, mtime) }, etag, mtime)).toBe(false);
    expect(notModified({ 'if-modified-since': new Date(mtime).toUTCString() }, etag, mtime)).toBe(true);
    expect(notModified({ 'if-modified-since': new Date(mtime - 1000).toUTCString() }, etag, mtime)).toBe(false);
    expect(notModified({ 'if-modified-since': 'yesterday' }, etag, mtime)).toBe(false);
    expect(notModified({}, etag, mtime)).toBe(false);
  });

  it('GIVEN a cache in front WHEN the viewer page asks how to play THEN it gets the cache URL and HLS first; WHEN flv is chosen THEN FLV stays first', async () => {
    const playback = {
      flvPath: '/live/show.flv',
      hlsPath: '/hls/show/index.m3u8',
      httpPort: 8000,
      hlsPublicUrl: 'https://cdn.example.com/media',
      player: 'auto' as const,
    };
    expect(await playbackOf(playback)).toEqual({
      live: true,
      port: 8000,
      flv: '/live/show.flv',
      hls: 'https://cdn.example.com/media/hls/show/index.m3u8',
      player: 'hls',
    });
    expect([playerFirst('auto', false), playerFirst('flv', true), playerFirst('hls', false)]).toEqual(['auto', 'flv', 'hls']);
  });
});
