/**
 * HLS copied to S3-compatible storage, as MinIO in the compose file gets it: real
 * node-media-server, ffmpeg as OBS and as the HLS writer, the real @aws-sdk/client-s3 in the media
 * process, and a fake S3 (test/fakes/fake-s3.ts) that checks every request's signature.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HlsConfig } from '../../config/schema/media.js';
import { KEEP_AFTER_PLAYLIST } from '../../media/hls-sync.js';
import { createMediaRouter, startMedia, type HlsS3Status, type IsolatedMediaServer } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeS3, type S3Request } from '../fakes/fake-s3.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { parsePlaylist, type LivePlaylist } from '../support/hls-playlist.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'obs-hls-s3-key-0123456789abc';
const S3_ACCESS_KEY = 'AKIAHLSCOPYTEST00001';
const S3_SECRET_KEY = 'hls-copy-secret-key-0123456789abcdefgh';
const WRONG_SECRET_KEY = 'not-the-bucket-secret-key-0123456789ab';
const BUCKET = 'showcart';
const PREFIX = 'hls/show/';

/** A show whose HLS goes to `s3` signed with `secretKey`; OBS publishing to it; the media port's base URL. */
async function startShow(s3: FakeS3, secretKey: string, log: ReturnType<typeof memoryLog>) {
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const media = await startMedia({
    config: {
      rtmpPort,
      httpPort,
      app: 'live',
      streamKeyEnv: 'SHOWCART_STREAM_KEY',
      reconnectGrace: 20_000,
      targets: [],
      // TestPublisher sends a keyframe every second, so 1 s segments are possible
      hls: HlsConfig.parse({
        segmentSeconds: 1,
        s3: { endpoint: s3.url, bucket: BUCKET, accessKeyEnv: 'SHOWCART_S3_ACCESS_KEY', secretKeyEnv: 'SHOWCART_S3_SECRET_KEY' },
      }),
    },
    secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY, SHOWCART_S3_ACCESS_KEY: S3_ACCESS_KEY, SHOWCART_S3_SECRET_KEY: secretKey }),
    log: log.log,
    onEvent: () => undefined,
    host: '127.0.0.1',
    timing: { tickMs: 250, retryBaseMs: 200, retryMaxMs: 800 },
  });
  const obs = TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
  return { media, obs, base: `http://127.0.0.1:${httpPort}` };
}

async function localPlaylist(base: string): Promise<LivePlaylist | null> {
  const res = await fetch(`${base}/hls/show/index.m3u8`);
  return res.ok ? parsePlaylist(await res.text()) : null;
}

const s3Status = (media: IsolatedMediaServer): HlsS3Status | null | undefined => media.status().playback.hlsS3;
const isPlaylistPut = (r: S3Request) => r.method === 'PUT' && r.status === 200 && r.key === `${PREFIX}index.m3u8`;

describe('HLS copied to S3-compatible storage', () => {
  let s3: FakeS3;
  let media: IsolatedMediaServer;
  let obs: TestPublisher | undefined;
  let base: string;
  const log = memoryLog();

  /** The playlist the bucket holds now, when every segment it names is there too. */
  const bucketPlaylist = (): LivePlaylist | null => {
    const object = s3.object(BUCKET, `${PREFIX}index.m3u8`);
    const list = object && parsePlaylist(object.body.toString('utf8'));
    return list && list.segments.every((s) => s3.object(BUCKET, PREFIX + s)) ? list : null;
  };

  beforeAll(async () => {
    s3 = await FakeS3.start({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY, buckets: [BUCKET] });
    ({ media, obs, base } = await startShow(s3, S3_SECRET_KEY, log));
  });
  afterAll(async () => {
    await obs?.kill();
    await media?.stop();
    await s3?.stop();
  });

  it('GIVEN a bucket WHEN OBS publishes THEN each segment lands before the playlist that names it, with the types and cache lifetimes a player and a cache need', async () => {
    const list = await waitFor(
      () => {
        const now = bucketPlaylist();
        return now && now.segments.length >= 3 ? now : null;
      },
      30_000,
      'a playlist of three segments in the bucket',
    );
    expect(list.targetDuration).toBe(1);

    const puts = s3.requests.items.filter((r) => r.method === 'PUT' && r.status === 200);
    puts.forEach((put, i) => {
      if (!isPlaylistPut(put)) return;
      for (const segment of parsePlaylist(put.body!.toString('utf8')).segments)
        expect(
          puts.slice(0, i).some((p) => p.key === PREFIX + segment),
          `${segment} before its playlist`,
        ).toBe(true);
    });
    const headersOf = (p: S3Request) => [p.contentType, p.cacheControl];
    expect(new Set(puts.filter(isPlaylistPut).map((p) => headersOf(p).join(' | ')))).toEqual(new Set(['application/vnd.apple.mpegurl | public, max-age=1']));
    expect(new Set(puts.filter((p) => p.key.endsWith('.ts')).map((p) => headersOf(p).join(' | ')))).toEqual(
      new Set(['video/mp2t | public, max-age=86400, immutable']),
    );

    // a player reads the bucket without a key
    const playlist = await fetch(`${s3.url}/${BUCKET}/${PREFIX}index.m3u8`);
    expect([playlist.status, playlist.headers.get('content-type'), playlist.headers.get('cache-control')]).toEqual([
      200,
      'application/vnd.apple.mpegurl',
      'public, max-age=1',
    ]);
    const segment = await fetch(`${s3.url}/${BUCKET}/${PREFIX}${list.segments.at(-1)}`);
    expect(segment.status).toBe(200);
    expect(new Uint8Array(await segment.arrayBuffer())[0]).toBe(0x47); // an MPEG-TS sync byte
    expect(s3Status(media)).toMatchObject({ state: 'ok', lastError: null });
  });

  it('GIVEN the bucket is set WHEN the viewer page asks how to play THEN it is sent to the bucket, HLS first', async () => {
    const server = await new Promise<Server>((resolve) => {
      const s = express()
        .use(createMediaRouter(media))
        .listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/media/playback`);
      expect(await res.json()).toMatchObject({ hls: `${s3.url}/${BUCKET}/${PREFIX}index.m3u8`, player: 'hls' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('GIVEN segments leave the playlist WHEN a few more have followed THEN they are deleted from the bucket, which keeps the playlist’s segments and a few more', async () => {
    const first = await s3.requests.waitFor((r) => r.method === 'DELETE' && r.status === 204, 40_000);
    const at = s3.requests.items.indexOf(first);
    const playlists = s3.requests.items
      .slice(0, at)
      .filter(isPlaylistPut)
      .map((p) => parsePlaylist(p.body!.toString('utf8')).segments);
    const named = first.key.slice(PREFIX.length);
    // it was listed once, the playlist up when it went no longer named it, and more than a few had left since
    expect(playlists.some((s) => s.includes(named))).toBe(true);
    const latest = new Set(playlists.at(-1));
    expect(latest.has(named)).toBe(false);
    expect(new Set(playlists.flat().filter((s) => !latest.has(s))).size).toBeGreaterThan(KEEP_AFTER_PLAYLIST);
    expect((await fetch(`${s3.url}/${BUCKET}/${first.key}`)).status).toBe(404);

    await waitFor(
      () => {
        const list = bucketPlaylist();
        const stored = s3.keys(BUCKET, PREFIX).filter((k) => k.endsWith('.ts'));
        return list && stored.length <= list.segments.length + KEEP_AFTER_PLAYLIST;
      },
      20_000,
      'the bucket down to the playlist and a few more',
    );
  });

  it('GIVEN S3 fails for a while WHEN the stream goes on THEN local HLS keeps going, the status says retrying, and the copy catches up once S3 is back', async () => {
    s3.outage(503);
    await waitFor(() => s3Status(media)?.state === 'retrying', 20_000, 'the upload retrying');
    expect(s3Status(media)?.lastError).toBe('503 SlowDown');
    const during = await waitFor(() => localPlaylist(base), 10_000, 'the local playlist');
    await waitFor(async () => ((await localPlaylist(base))?.mediaSequence ?? 0) >= during.mediaSequence + 3, 20_000, 'three more local segments');
    expect(media.status().ingest.live).toBe(true);
    expect(media.status().playback.hlsState).toBe('live');

    const local = (await localPlaylist(base))!;
    s3.recover();
    const caughtUp = await waitFor(
      () => {
        const list = bucketPlaylist();
        return list && list.mediaSequence >= local.mediaSequence && s3Status(media)?.state === 'ok' ? list : null;
      },
      20_000,
      'the bucket caught up',
    );
    expect(caughtUp.segments.length).toBeGreaterThanOrEqual(3);
    expect(s3Status(media)).toMatchObject({ state: 'ok', lastError: null });
    expect(log.text()).toContain('HLS upload to S3: caught up');
  });
});

describe('HLS copied to S3 with a wrong secret', () => {
  let s3: FakeS3;
  let media: IsolatedMediaServer;
  let obs: TestPublisher | undefined;
  let base: string;
  const log = memoryLog();

  beforeAll(async () => {
    s3 = await FakeS3.start({ accessKeyId: S3_ACCESS_KEY, secretAccessKey: S3_SECRET_KEY, buckets: [BUCKET] });
    ({ media, obs, base } = await startShow(s3, WRONG_SECRET_KEY, log));
  });
  afterAll(async () => {
    await obs?.kill();
    await media?.stop();
    await s3?.stop();
  });

  it('GIVEN a wrong secret WHEN OBS publishes THEN the status shows the refusal, local HLS plays, and neither key appears in logs or status', async () => {
    await waitFor(() => s3Status(media)?.lastError === '403 SignatureDoesNotMatch', 30_000, 'the refusal in the status');
    expect(s3Status(media)?.state).toBe('retrying');
    await waitFor(async () => ((await localPlaylist(base))?.segments.length ?? 0) >= 2, 20_000, 'local HLS');
    expect(s3.keys(BUCKET)).toEqual([]);
    expect(s3.requests.items.every((r) => r.status === 403 && r.code === 'SignatureDoesNotMatch')).toBe(true);

    expect(log.text()).toContain('HLS upload to S3 failed (403 SignatureDoesNotMatch)');
    const seen = `${log.text()}\n${JSON.stringify(media.status())}`;
    for (const secret of [WRONG_SECRET_KEY, S3_SECRET_KEY, S3_ACCESS_KEY]) expect(seen).not.toContain(secret);
  });
});
