/**
 * The in-process push (node-media-server's RTMP client, no ffmpeg) under the same supervisor as
 * ffmpeg: the same outage must be survived the same way. This is part of the evidence for
 * choosing between the two transports (see media/README.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type MediaServer, type TargetStatus } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { RtmpTargetServer, freePort } from '../fakes/rtmp-target.js';
import { TestPublisher, probe } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'obs-push-key-0123456789';
const KEYS = { A_KEY: 'push-a-key-111111', B_KEY: 'push-b-key-222222' };

describe('media: restream through the in-process push', () => {
  const log = memoryLog();
  let dataDir: string;
  let a: RtmpTargetServer;
  let b: RtmpTargetServer;
  let media: MediaServer;
  let publisher: TestPublisher | undefined;
  const target = (name: string): TargetStatus => media.status().targets.find((t) => t.name === name)!;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'showcart-media-e2e-'));
    [a, b] = await Promise.all([RtmpTargetServer.start(), RtmpTargetServer.start()]);
    const rtmpPort = await freePort();
    media = await startMedia({
      config: {
        rtmpPort,
        httpPort: await freePort(),
        app: 'live',
        streamKeyEnv: 'SHOWCART_STREAM_KEY',
        reconnectGrace: 2000,
        targets: [
          { name: 'a', url: a.url(), keyEnv: 'A_KEY', enabled: true },
          { name: 'b', url: b.url(), keyEnv: 'B_KEY', enabled: true },
        ],
      },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY, ...KEYS }),
      log: log.log,
      onEvent: () => undefined,
      host: '127.0.0.1',
      dataDir,
      hls: false,
      restreamWith: 'push',
      timing: { tickMs: 250, stallMs: 2000, retryBaseMs: 200, retryMaxMs: 800 },
    });
    publisher = TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
  });

  afterAll(async () => {
    await publisher?.kill();
    await media?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN plain rtmp:// targets and the push transport WHEN live THEN both receive video and audio with no ffmpeg child', async () => {
    await waitFor(() => target('a').state === 'live' && target('b').state === 'live', 15_000, 'both live');
    expect(media.status().targets.map((t) => t.transport)).toEqual(['push', 'push']);
    expect(media.children()).toEqual([]);
    const [gotA, gotB] = await Promise.all([probe(a.flvUrl('app', KEYS.A_KEY)), probe(b.flvUrl('app', KEYS.B_KEY))]);
    expect(gotA).toEqual(expect.arrayContaining(['video', 'audio']));
    expect(gotB).toEqual(expect.arrayContaining(['video', 'audio']));
  });

  it('GIVEN one platform dies WHEN it comes back THEN the other never stopped and the dead one is pushed to again', async () => {
    const bPublishes = b.publishCount(`/app/${KEYS.B_KEY}`);
    await a.kill();
    await waitFor(() => target('a').state === 'retrying', 10_000, 'a retrying');
    expect(target('a').lastError).not.toContain(KEYS.A_KEY);
    // While a is retried (one full attempt has come and gone), b goes on untouched.
    await waitFor(() => target('a').restarts >= 1, 10_000, 'a retried once');
    expect(target('b')).toMatchObject({ state: 'live', restarts: 0 });
    await a.restart();
    await waitFor(() => target('a').state === 'live', 15_000, 'a live again');
    expect(await probe(a.flvUrl('app', KEYS.A_KEY))).toEqual(expect.arrayContaining(['video', 'audio']));
    expect(b.publishCount(`/app/${KEYS.B_KEY}`)).toBe(bPublishes);
    expect(log.text()).not.toContain(KEYS.A_KEY);
  });
});
