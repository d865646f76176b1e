/**
 * A platform that hangs: its server stops reading (SIGSTOP) but keeps the connection open. Once
 * the socket buffers are full nothing moves; both transports must notice 0 kbps and retry until
 * the platform answers again. A 40 Mbit/s looped clip fills the buffers in a few seconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type MediaServer, type TargetStatus, type Transport } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { RtmpTargetServer, freePort } from '../fakes/rtmp-target.js';
import { TestPublisher, heavyClip } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'obs-hung-key-0123456789';
let dir: string;
let clip: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'showcart-media-e2e-'));
  clip = join(dir, 'heavy.flv');
  await heavyClip(clip);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each<Transport>(['ffmpeg', 'push'])('media: a hung platform, restreamed through %s', (transport) => {
  let platform: RtmpTargetServer;
  let media: MediaServer;
  let publisher: TestPublisher;
  const target = (): TargetStatus => media.status().targets[0]!;

  beforeAll(async () => {
    platform = await RtmpTargetServer.start();
    const rtmpPort = await freePort();
    media = await startMedia({
      config: {
        rtmpPort,
        httpPort: await freePort(),
        app: 'live',
        streamKeyEnv: 'SHOWCART_STREAM_KEY',
        reconnectGrace: 2000,
        targets: [{ name: 'hung', url: platform.url(), keyEnv: 'HUNG_KEY', enabled: true }],
      },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY, HUNG_KEY: `hung-${transport}-key-123456` }),
      log: memoryLog().log,
      onEvent: () => undefined,
      host: '127.0.0.1',
      dataDir: mkdtempSync(join(dir, 'data-')),
      hls: false,
      restreamWith: transport,
      timing: { tickMs: 250, stallMs: 1500, retryBaseMs: 200, retryMaxMs: 800 },
    });
    publisher = TestPublisher.loop(clip, `rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
  });

  afterAll(async () => {
    platform?.resume();
    await publisher?.kill();
    await media?.stop();
    await platform?.stop();
  });

  it('GIVEN a live restream WHEN the platform stops reading THEN 0 kbps is detected, and it is live again once the platform answers', async () => {
    await waitFor(() => target().state === 'live', 15_000, 'live');
    platform.pause();
    await waitFor(() => target().restarts > 0, 30_000, 'a restart after the stall');
    expect(target().lastError).toMatch(/0 kbps/);
    expect(['retrying', 'starting']).toContain(target().state);
    platform.resume();
    await waitFor(() => target().state === 'live' && target().bitrateKbps > 0, 20_000, 'live again, moving bytes');
  });
});
