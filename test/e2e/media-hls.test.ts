/**
 * HLS from the RTMP ingest as a cache in front sees it: real node-media-server, ffmpeg as OBS and
 * as the HLS writer, plain HTTP requests for the playlist and its segments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type IsolatedMediaServer } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { parsePlaylist, type LivePlaylist } from '../support/hls-playlist.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'obs-hls-key-0123456789abc';

describe('HLS from the ingest, for caches and players', () => {
  let media: IsolatedMediaServer;
  let obs: TestPublisher | undefined;
  let base: string;
  const log = memoryLog();

  const playlist = async (): Promise<LivePlaylist | null> => {
    const res = await fetch(`${base}/hls/show/index.m3u8`);
    return res.ok ? parsePlaylist(await res.text()) : null;
  };

  beforeAll(async () => {
    const [rtmpPort, httpPort] = [await freePort(), await freePort()];
    media = await startMedia({
      config: {
        rtmpPort,
        httpPort,
        app: 'live',
        streamKeyEnv: 'SHOWCART_STREAM_KEY',
        reconnectGrace: 20_000,
        targets: [],
        // TestPublisher sends a keyframe every second, so 1 s segments are possible
        hls: { enabled: true, segmentSeconds: 1 },
      },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY }),
      log: log.log,
      onEvent: () => undefined,
      host: '127.0.0.1',
      timing: { tickMs: 250, retryBaseMs: 200, retryMaxMs: 800 },
    });
    base = `http://127.0.0.1:${httpPort}`;
    obs = TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
  });
  afterAll(async () => {
    await obs?.kill();
    await media?.stop();
  });

  it('GIVEN OBS is live WHEN the playlist and a segment are fetched THEN each carries the type, cache lifetime and CORS a cache and a player need', async () => {
    const list = await waitFor(
      async () => {
        const now = await playlist();
        return now && now.segments.length >= 2 ? now : null;
      },
      20_000,
      'two segments in the playlist',
    );
    expect(list.targetDuration).toBe(1);

    const res = await fetch(`${base}/hls/show/index.m3u8`);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'access-control-allow-origin'].map((h) => [h, res.headers.get(h)]))).toEqual({
      'content-type': 'application/vnd.apple.mpegurl',
      'cache-control': 'public, max-age=1',
      'access-control-allow-origin': '*',
    });

    const segment = await fetch(`${base}/hls/show/${list.segments.at(-1)}`);
    expect(segment.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'cache-control', 'access-control-allow-origin'].map((h) => [h, segment.headers.get(h)]))).toEqual({
      'content-type': 'video/mp2t',
      'cache-control': 'public, max-age=86400, immutable',
      'access-control-allow-origin': '*',
    });
    const body = Buffer.from(await segment.arrayBuffer());
    expect(body.length).toBe(Number(segment.headers.get('content-length')));
    expect(body[0]).toBe(0x47); // an MPEG-TS sync byte

    // a cache revalidating a segment it holds is answered without the bytes
    const again = await fetch(`${base}/hls/show/${list.segments.at(-1)}`, { headers: { 'if-none-match': segment.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);

    // a name not (or no longer) on disk is not something any cache may keep
    const missing = await fetch(`${base}/hls/show/zz-1.ts`);
    expect([missing.status, missing.headers.get('cache-control')]).toEqual([404, 'no-store']);
    expect((await fetch(`${base}/hls/show/../../etc/passwd`)).status).toBe(404);
  });

  it('GIVEN the HLS writer dies mid-show WHEN it is restarted THEN the new segments have names never used before, a higher sequence and a discontinuity', async () => {
    const before = await waitFor(playlist, 10_000, 'a playlist');
    const pid = media.children().find((c) => c.name === 'hls')!.pid;
    process.kill(pid, 'SIGKILL');
    const after = await waitFor(
      async () => {
        const now = await playlist();
        const fresh = now && now.discontinuities > 0 && now.segments.length >= 2 && !now.segments.some((s) => before.segments.includes(s));
        return fresh ? now : null;
      },
      20_000,
      'a playlist from the restarted writer',
    );
    expect(media.children().find((c) => c.name === 'hls')!.pid).not.toBe(pid);
    const prefix = (s: string) => s.slice(0, s.lastIndexOf('-'));
    expect(prefix(after.segments[0]!)).not.toBe(prefix(before.segments[0]!));
    expect(after.mediaSequence).toBeGreaterThan(before.mediaSequence + before.segments.length - 1);
  });
});
