/**
 * node-media-server runs in its own process: killing it mid-show costs a reconnect, not the show.
 * Real processes: ffmpeg plays OBS, a node-media-server child plays the platform.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type IsolatedMediaServer, type MediaEvent, type TargetStatus } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { RtmpTargetServer, freePort } from '../fakes/rtmp-target.js';
import { TestPublisher, firstBytes } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'isolation-obs-key-0123456789';
const A_KEY = 'isolation-platform-key-111111';

describe('media in its own process', () => {
  const events: MediaEvent[] = [];
  const log = memoryLog();
  let platform: RtmpTargetServer;
  let media: IsolatedMediaServer;
  let rtmpPort: number;
  let httpPort: number;
  let obs: TestPublisher | undefined;
  const target = (): TargetStatus => media.status().targets[0]!;
  const publish = () => (obs = TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`));
  const showEvents = () => events.filter((e) => e.type === 'stream.live' || e.type === 'stream.offline').map((e) => e.type);
  const ingestActions = () => events.flatMap((e) => (e.type === 'media.ingest' ? [e.action] : []));

  beforeAll(async () => {
    platform = await RtmpTargetServer.start();
    [rtmpPort, httpPort] = [await freePort(), await freePort()];
    media = await startMedia({
      config: {
        rtmpPort,
        httpPort,
        app: 'live',
        streamKeyEnv: 'SHOWCART_STREAM_KEY',
        reconnectGrace: 20_000,
        targets: [{ name: 'a', url: platform.url(), keyEnv: 'A_KEY', enabled: true }],
      },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY, A_KEY }),
      log: log.log,
      onEvent: (e) => events.push(e),
      host: '127.0.0.1',
      hls: false,
      timing: { tickMs: 250, stallMs: 3000, retryBaseMs: 200, retryMaxMs: 800, restartBaseMs: 100, restartMaxMs: 400 },
    });
  });
  afterAll(async () => {
    await obs?.kill();
    await media?.stop();
    await platform?.stop();
  });

  it('GIVEN OBS is live and restreamed WHEN the media process is killed (SIGKILL) THEN a new one starts, and OBS reconnecting inside the grace continues the same show', async () => {
    publish();
    await waitFor(() => media.status().ingest.live && target().state === 'live', 20_000, 'live and restreamed');
    const killed = media.mediaProcess().pid!;
    process.kill(killed, 'SIGKILL');
    await waitFor(() => media.mediaProcess().restarts === 1 && media.mediaProcess().up, 15_000, 'a new media process');
    expect(media.mediaProcess().pid).not.toBe(killed);
    expect(media.status().ingest).toMatchObject({ state: 'reconnecting', live: true, publisher: null });
    expect(log.text()).toContain('the media process was killed (SIGKILL): starting a new one');
    // like OBS, ffmpeg loses its connection; OBS then reconnects on its own
    await obs!.exited;
    publish();
    await waitFor(() => media.status().ingest.state === 'live', 15_000, 'OBS back');
    expect(showEvents()).toEqual(['stream.live']);
    expect(ingestActions()).toEqual(['accepted', 'dropped', 'resumed']);
    const flv = await firstBytes(`http://127.0.0.1:${httpPort}${media.playback.flvPath}`, 4096);
    expect(flv.bytes.length).toBe(4096);
    await waitFor(() => target().state === 'live', 20_000, 'the platform restreamed to again');
    expect(log.text()).not.toContain(OBS_KEY);
    expect(log.text()).not.toContain(A_KEY);
  });

  it("GIVEN the media process WHEN its command line and environment are read THEN they hold no key, and none of showcart's other variables", () => {
    const pid = media.mediaProcess().pid!;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    for (const secret of [OBS_KEY, A_KEY]) {
      expect(cmdline).not.toContain(secret);
      expect(environ).not.toContain(secret);
    }
    // set in this process by the suite's setup: the media process gets a short list, not our environment
    expect(process.env.SHOWCART_TEST_LOG_DIR).toBeDefined();
    expect(environ).not.toContain('SHOWCART_TEST_LOG_DIR');
  });

  it('GIVEN a live show WHEN media stops THEN the show ends and the media process and its ffmpeg children are gone', async () => {
    const pids = [media.mediaProcess().pid!, ...media.children().map((c) => c.pid)];
    expect(pids.length).toBeGreaterThan(1);
    await media.stop();
    expect(showEvents()).toEqual(['stream.live', 'stream.offline']);
    for (const pid of pids) expect(() => process.kill(pid, 0), `process ${pid} survived stop()`).toThrow();
  });
});

describe('a media process that stops answering', () => {
  it('GIVEN the media process hangs (SIGSTOP) WHEN it sends nothing for hungMs THEN it is killed and a new one serves', async () => {
    const log = memoryLog();
    const media = await startMedia({
      config: { rtmpPort: await freePort(), httpPort: await freePort(), app: 'live', streamKeyEnv: 'SHOWCART_STREAM_KEY', reconnectGrace: 1000, targets: [] },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY }),
      log: log.log,
      onEvent: () => undefined,
      host: '127.0.0.1',
      hls: false,
      timing: { tickMs: 100, hungMs: 1000, restartBaseMs: 100, restartMaxMs: 400 },
    });
    try {
      const hung = media.mediaProcess().pid!;
      process.kill(hung, 'SIGSTOP');
      await waitFor(() => media.mediaProcess().restarts === 1 && media.mediaProcess().up, 15_000, 'a new media process');
      expect(log.text()).toContain('the media process sent nothing for 1 s: killing it');
      expect(() => process.kill(hung, 0)).toThrow();
      expect((await media.probe())?.pid).toBe(media.mediaProcess().pid);
    } finally {
      await media.stop();
    }
  });
});

describe('the stream key at start', () => {
  it('GIVEN a stream key under 16 characters WHEN media starts THEN it is refused with an error naming the variable', async () => {
    const start = startMedia({
      config: { rtmpPort: await freePort(), httpPort: await freePort(), app: 'live', streamKeyEnv: 'SHOWCART_STREAM_KEY', reconnectGrace: 1000, targets: [] },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: 'fifteen-chars-x' }),
      log: memoryLog().log,
      onEvent: () => undefined,
      host: '127.0.0.1',
    });
    await expect(start).rejects.toThrow('SHOWCART_STREAM_KEY: the stream key is too short: use 16 or more random characters');
  });
});
