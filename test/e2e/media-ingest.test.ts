/**
 * Who may publish to the RTMP ingest, and what showcart does without ffmpeg or with a taken
 * port: real node-media-server, ffmpeg as OBS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MediaConfig } from '../../config/schema/media.js';
import { startMedia, type IsolatedMediaServer, type MediaEvent } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { command, exchange, handshake, message } from '../fakes/rtmp-raw.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'obs-ingest-key-9876543210';
const WRONG_KEY = 'obs-ingest-key-guessed-1';

interface Running {
  media: IsolatedMediaServer;
  rtmpPort: number;
  httpPort: number;
  events: MediaEvent[];
  log: ReturnType<typeof memoryLog>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Bytes an HTTP-FLV viewer of the public stream receives while `during` runs. */
async function viewerBytes(httpPort: number, during: () => Promise<unknown>): Promise<number> {
  let bytes = 0;
  let connected!: () => void;
  const header = new Promise<void>((resolve) => (connected = resolve));
  const req = get(`http://127.0.0.1:${httpPort}/live/show.flv`, (res) =>
    res.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes >= 13) connected();
    }),
  );
  req.on('error', () => undefined);
  try {
    // The viewer is connected once the FLV header (13 bytes) is in: only then does `during` begin.
    await header;
    await during();
    return bytes;
  } finally {
    req.destroy();
  }
}

async function start(
  env: Record<string, string>,
  extra: Partial<MediaConfig> & { ffmpegPath?: string | null; publisherIdleMs?: number } = {},
): Promise<Running> {
  const { ffmpegPath, publisherIdleMs, ...config } = extra;
  const rtmpPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'showcart-media-e2e-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const events: MediaEvent[] = [];
  const log = memoryLog();
  const httpPort = await freePort();
  const media = await startMedia({
    config: { rtmpPort, httpPort, app: 'live', streamKeyEnv: 'SHOWCART_STREAM_KEY', reconnectGrace: 2000, targets: [], ...config },
    secrets: new Secrets(env),
    log: log.log,
    onEvent: (e) => events.push(e),
    host: '127.0.0.1',
    dataDir,
    hls: false,
    ...(ffmpegPath !== undefined && { ffmpegPath }),
    timing: { tickMs: 250, ...(publisherIdleMs !== undefined && { publisherIdleMs }) },
  });
  cleanups.push(() => media.stop());
  return { media, rtmpPort, httpPort, events, log };
}

function publish(port: number, key: string): TestPublisher {
  const publisher = TestPublisher.start(`rtmp://127.0.0.1:${port}/live/${key}`);
  cleanups.push(() => publisher.kill());
  return publisher;
}

describe('media ingest: stream key authentication', () => {
  it('GIVEN a wrong stream key WHEN OBS publishes THEN it is refused, logged without the key, and no show starts', async () => {
    const { rtmpPort, events, log, media } = await start({ SHOWCART_STREAM_KEY: OBS_KEY });
    const publisher = publish(rtmpPort, WRONG_KEY);
    expect(await publisher.exited).not.toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ type: 'media.ingest', action: 'refused', reason: 'wrong app or stream key' }));
    expect(events.some((e) => e.type === 'stream.live')).toBe(false);
    expect(media.status().ingest).toMatchObject({ live: false, accepting: true });
    expect(log.text()).toContain('publish refused: wrong app or stream key');
    expect(log.text()).not.toContain(WRONG_KEY);
    expect(log.text()).not.toContain(OBS_KEY);
  });

  it('GIVEN no stream key in the environment WHEN showcart starts and OBS publishes THEN it runs, refuses, and says which variable to set', async () => {
    const { rtmpPort, events, log, media } = await start({});
    expect(log.text()).toContain('set SHOWCART_STREAM_KEY to accept OBS');
    expect(media.status().ingest.accepting).toBe(false);
    const publisher = publish(rtmpPort, OBS_KEY);
    expect(await publisher.exited).not.toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ action: 'refused', reason: 'no stream key: set SHOWCART_STREAM_KEY to accept OBS' }));
  });

  it('GIVEN OBS is live WHEN a second publisher uses the right key THEN it is refused and the first one goes on', async () => {
    const { rtmpPort, events, media } = await start({ SHOWCART_STREAM_KEY: OBS_KEY });
    publish(rtmpPort, OBS_KEY);
    await waitFor(() => media.status().ingest.live, 10_000, 'live');
    const first = media.status().ingest.publisher;
    const second = publish(rtmpPort, OBS_KEY);
    expect(await second.exited).not.toBe(0);
    expect(events).toContainEqual(expect.objectContaining({ action: 'refused', reason: expect.stringContaining('one publisher per show') }));
    expect(media.status().ingest).toMatchObject({ state: 'live', publisher: first });
    expect(events.filter((e) => e.type === 'stream.live')).toHaveLength(1);
  });
});

describe('media ingest: a publisher that hangs', () => {
  it('GIVEN OBS hangs with its connection open WHEN it sends nothing for a while THEN it is dropped and OBS coming back continues the show', async () => {
    const { rtmpPort, events, media } = await start({ SHOWCART_STREAM_KEY: OBS_KEY }, { publisherIdleMs: 1000, reconnectGrace: 10_000 });
    const hung = publish(rtmpPort, OBS_KEY);
    await waitFor(() => media.status().ingest.state === 'live', 10_000, 'live');
    hung.pause();
    await waitFor(() => media.status().ingest.state === 'reconnecting', 10_000, 'dropped by the idle check');
    publish(rtmpPort, OBS_KEY);
    await waitFor(() => media.status().ingest.state === 'live', 10_000, 'live again');
    expect(events.filter((e) => e.type === 'media.ingest').map((e) => e.type === 'media.ingest' && e.action)).toEqual(['accepted', 'dropped', 'resumed']);
    expect(events.filter((e) => e.type === 'stream.live' || e.type === 'stream.offline')).toHaveLength(1);
  });
});

describe('media ingest: the public stream cannot be hijacked', () => {
  it('GIVEN someone publishes to the public path WHEN refused THEN not one of their packets reaches the viewers', async () => {
    const { rtmpPort, httpPort, events } = await start({ SHOWCART_STREAM_KEY: OBS_KEY });
    // the library "closes" a refused publisher with socket.end() and goes on parsing what it sends
    const received = await viewerBytes(httpPort, async () => {
      expect(await publish(rtmpPort, 'show').exited).not.toBe(0);
    });
    expect(received).toBe(13); // the FLV file header a viewer gets on connecting, and nothing else
    expect(events).toContainEqual(expect.objectContaining({ action: 'refused', reason: 'wrong app or stream key' }));
  });
});

describe('media ingest: a viewer cannot publish by playing', () => {
  it('GIVEN a player of the public stream over RTMP WHEN it sends media THEN none of it reaches the viewers, and OBS is seen afterwards', async () => {
    const { rtmpPort, httpPort, media } = await start({ SHOWCART_STREAM_KEY: OBS_KEY });
    const received: Buffer[] = [];
    const viewer = get(`http://127.0.0.1:${httpPort}/live/show.flv`, (res) => res.on('data', (c: Buffer) => received.push(c)));
    viewer.on('error', () => undefined);
    cleanups.push(async () => void viewer.destroy());
    await waitFor(async () => (await media.probe())?.connections === 1, 10_000, 'the viewer connected');
    // node-media-server broadcasts media from any session into the path it named, a player's too
    const marker = Buffer.from('INJECTED-BY-A-PLAYER');
    const tcUrl = `rtmp://127.0.0.1:${rtmpPort}/live`;
    await exchange(
      rtmpPort,
      Buffer.concat([
        handshake(),
        command(['connect', 1, { app: 'live', tcUrl }]),
        command(['createStream', 2, null]),
        command(['play', 3, null, 'show'], { cid: 4, streamId: 1 }),
        message(9, Buffer.concat([Buffer.from([0x17, 0x00, 0, 0, 0]), marker]), { cid: 6, streamId: 1 }),
        message(9, Buffer.concat([Buffer.from([0x17, 0x01, 0, 0, 0]), marker]), { cid: 6, streamId: 1 }),
        message(8, Buffer.concat([Buffer.from([0xaf, 0x01]), marker]), { cid: 5, streamId: 1 }),
      ]),
    );
    // the player's connection is closed, so all it sent was handled; whatever reached the viewer arrives before OBS's stream
    await waitFor(async () => (await media.probe())?.connections === 1, 10_000, 'the player gone');
    publish(rtmpPort, OBS_KEY);
    await waitFor(() => Buffer.concat(received).length > 8192, 15_000, "OBS's stream at the viewer");
    expect(Buffer.concat(received).includes(marker)).toBe(false);
  });
});

describe('media without ffmpeg, and with a taken port', () => {
  it('GIVEN no ffmpeg WHEN targets are planned THEN plain RTMP uses the in-process push and RTMPS says it needs ffmpeg', async () => {
    const { media } = await start(
      { SHOWCART_STREAM_KEY: OBS_KEY, PLAIN_KEY: 'plain-key-123456', SECURE_KEY: 'secure-key-123456' },
      {
        ffmpegPath: null,
        targets: [
          { name: 'plain', url: 'rtmp://127.0.0.1:1/app', keyEnv: 'PLAIN_KEY', enabled: true },
          { name: 'secure', url: 'rtmps://127.0.0.1:1/app', keyEnv: 'SECURE_KEY', enabled: true },
          { name: 'nokey', url: 'rtmp://127.0.0.1:1/app', keyEnv: 'UNSET_KEY', enabled: true },
        ],
      },
    );
    const status = media.status();
    expect(status.ffmpeg).toBeNull();
    expect(status.playback.hlsPath).toBeNull();
    expect(status.targets.map((t) => [t.name, t.state, t.transport])).toEqual([
      ['plain', 'idle', 'push'],
      ['secure', 'unavailable', null],
      ['nokey', 'unavailable', null],
    ]);
    expect(status.targets[1]!.lastError).toBe('RTMPS targets need ffmpeg: install ffmpeg or set FFMPEG_PATH');
    expect(status.targets[2]!.lastError).toBe('no stream key: set UNSET_KEY to restream to nokey');
  });

  it('GIVEN the RTMP port is taken WHEN media starts THEN it rejects with a clear error instead of exiting the process', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise((resolve) => blocker.close(() => resolve())));
    await expect(start({ SHOWCART_STREAM_KEY: OBS_KEY }, { rtmpPort: port })).rejects.toThrow(`the RTMP listener cannot start: port ${port} is already in use`);
    // the same process can start media again afterwards: nothing was left half-open
    const { media } = await start({ SHOWCART_STREAM_KEY: OBS_KEY });
    expect(media.status().ingest.state).toBe('offline');
  });
});
