/**
 * The public media ports under hostile input: malformed RTMP and bad HTTP-FLV / WebSocket paths
 * sent at a running media server (this test process is showcart's side of it). With the guards,
 * every case closes only its own connection and the media process never restarts; with the
 * library bare, the cases that crash it each cost one restart of the media process and nothing
 * more. Either way OBS can publish afterwards and a viewer receives the show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type IsolatedMediaServer, type MediaEvent } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { HTTP_CASES, RTMP_CASES, type HostileCase } from '../fakes/rtmp-hostile.js';
import { exchange } from '../fakes/rtmp-raw.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher, firstBytes } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'fuzz-obs-key-0123456789abcdef';
const CASES: HostileCase[] = [...RTMP_CASES, ...HTTP_CASES];

interface Rig {
  media: IsolatedMediaServer;
  rtmpPort: number;
  httpPort: number;
  events: MediaEvent[];
  log: ReturnType<typeof memoryLog>;
}

async function rig(libraryGuards: boolean): Promise<Rig> {
  const [rtmpPort, httpPort] = [await freePort(), await freePort()];
  const events: MediaEvent[] = [];
  const log = memoryLog();
  const media = await startMedia({
    config: { rtmpPort, httpPort, app: 'live', streamKeyEnv: 'SHOWCART_STREAM_KEY', reconnectGrace: 2000, targets: [] },
    secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY }),
    log: log.log,
    onEvent: (e) => events.push(e),
    host: '127.0.0.1',
    hls: false,
    libraryGuards,
    // the bare library crashes often: restart it at once, so the suite stays well under a minute
    timing: { tickMs: 250, restartBaseMs: 20, restartMaxMs: 50 },
  });
  return { media, rtmpPort, httpPort, events, log };
}

/**
 * Sends one case and waits until the media process has closed that connection (the process then
 * answering with no connection open), or until a new process answers (the case crashed the last one).
 */
async function send(r: Rig, c: HostileCase): Promise<{ crashed: boolean }> {
  const before = (await r.media.probe())!.pid;
  await exchange(c.port === 'rtmp' ? r.rtmpPort : r.httpPort, c.bytes(r.rtmpPort));
  const after = await waitFor(
    async () => {
      const p = await r.media.probe();
      return p && (p.pid !== before || p.connections === 0) ? p : null;
    },
    20_000,
    `the media process to settle after "${c.name}"`,
  );
  return { crashed: after.pid !== before };
}

/** OBS publishes with the key; the show goes live and a viewer of the public stream gets video. */
async function publishAndWatch(r: Rig): Promise<void> {
  const obs = TestPublisher.start(`rtmp://127.0.0.1:${r.rtmpPort}/live/${OBS_KEY}`);
  try {
    await waitFor(() => r.media.status().ingest.live, 15_000, 'the show to go live');
    const flv = await firstBytes(`http://127.0.0.1:${r.httpPort}${r.media.playback.flvPath}`, 4096);
    expect(flv.bytes.subarray(0, 3).toString()).toBe('FLV');
    expect(flv.bytes.length).toBe(4096);
  } finally {
    await obs.kill();
  }
}

describe('the media ports under hostile input, guarded', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig(true);
  });
  afterAll(async () => {
    await r?.media.stop();
  });

  it(`GIVEN ${RTMP_CASES.length} malformed RTMP and ${HTTP_CASES.length} bad FLV/WebSocket requests WHEN each is sent THEN each closes only its own connection and the media process never restarts`, async () => {
    const pid = r.media.mediaProcess().pid;
    const crashed: string[] = [];
    for (const c of CASES) if ((await send(r, c)).crashed) crashed.push(c.name);
    expect(crashed).toEqual([]);
    expect(r.media.mediaProcess()).toMatchObject({ pid, restarts: 0, up: true });
    // garbage is not guessing: the few key-shaped names above stay under the lockout
    expect(r.log.text()).not.toContain('stream key guessing');
    expect(r.events.some((e) => e.type === 'stream.live')).toBe(false);
  }, 60_000);

  it('GIVEN the hostile requests are over WHEN OBS publishes THEN the show goes live and a viewer receives it', async () => {
    await publishAndWatch(r);
    expect(r.media.mediaProcess().restarts).toBe(0);
    expect(r.log.text()).not.toContain(OBS_KEY);
  });
});

describe('the media ports under hostile input, library bare: the process boundary alone', () => {
  let r: Rig;
  beforeAll(async () => {
    r = await rig(false);
  });
  afterAll(async () => {
    await r?.media.stop();
  });

  it('GIVEN the same requests WHEN some crash the bare library THEN each crash is one restart of the media process and showcart goes on', async () => {
    const crashed: string[] = [];
    for (const c of CASES) if ((await send(r, c)).crashed) crashed.push(c.name);
    // what the guards are for: these end node-media-server's process when nothing contains them
    expect(crashed).toEqual(
      expect.arrayContaining(['connect whose command object is null', 'publish with a numeric stream name', 'GET /live/a%20b.flv', 'WebSocket to /']),
    );
    expect(r.media.mediaProcess()).toMatchObject({ restarts: crashed.length, up: true });
    expect(r.log.text()).toContain('the media process crashed: starting a new one');
  }, 90_000);

  it('GIVEN the crashes are over WHEN OBS publishes THEN the show goes live and a viewer receives it', async () => {
    await publishAndWatch(r);
  });
});
