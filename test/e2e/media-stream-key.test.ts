/**
 * The stream key is the show: it is written nowhere, and guessing it is cut short. Real
 * node-media-server (in the media process), ffmpeg as OBS, hand-built RTMP for the guesses.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMedia, type IsolatedMediaServer, type MediaEvent } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { exchange, publishBytes } from '../fakes/rtmp-raw.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'lockout-obs-key-0123456789';
/** Every guess starts with this, so the suite's secret scan finds any guess in any log line. */
const GUESS_KEY = 'guessed-stream-key-000000';

/** Every file under a directory, with its content. */
function filesUnder(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });
}

describe('the stream key: nowhere on disk, and not to be guessed', () => {
  const events: MediaEvent[] = [];
  const log = memoryLog();
  let dataDir: string;
  let media: IsolatedMediaServer;
  let rtmpPort: number;
  const refusals = () => events.filter((e) => e.type === 'media.ingest' && e.action === 'refused').length;
  const guessingLines = () =>
    log
      .text()
      .split('\n')
      .filter((l) => l.includes('stream key guessing'));

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'showcart-media-key-'));
    // what node-media-server's store wrote under an earlier version: every publisher's stream name
    writeFileSync(join(dataDir, 'stream_history.json'), JSON.stringify([{ name: OBS_KEY }]));
    rtmpPort = await freePort();
    media = await startMedia({
      config: { rtmpPort, httpPort: await freePort(), app: 'live', streamKeyEnv: 'SHOWCART_STREAM_KEY', reconnectGrace: 500, targets: [] },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY }),
      log: log.log,
      onEvent: (e) => events.push(e),
      host: '127.0.0.1',
      dataDir,
      hls: false,
      timing: { tickMs: 250, restartBaseMs: 100, restartMaxMs: 400 },
    });
  });
  afterAll(async () => {
    await media?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN an earlier version left stream_history.json WHEN media starts THEN it is removed, saying why', () => {
    expect(readdirSync(dataDir)).toEqual([]);
    expect(log.text()).toContain('an earlier version let node-media-server record stream keys there');
  });

  it('GIVEN OBS published once WHEN one address tries 10 wrong keys THEN it is refused for 5 minutes, even with the right key, across a restart, logged once without a key', async () => {
    const obs = TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
    await waitFor(() => media.status().ingest.live, 15_000, 'live');
    await obs.kill();
    await waitFor(() => !media.status().ingest.live, 10_000, 'offline after the grace');

    for (let i = 0; i < 10; i++) await exchange(rtmpPort, publishBytes(rtmpPort, 'live', `${GUESS_KEY}${i}`));
    expect(refusals()).toBe(10);
    expect(guessingLines()).toHaveLength(1);
    expect(guessingLines()[0]).toContain('it is refused for 5 minutes');

    // the right key from the same address: the connection is closed before the library answers a byte
    const locked = await exchange(rtmpPort, publishBytes(rtmpPort, 'live', OBS_KEY));
    expect(locked.received.length).toBe(0);
    expect(await TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`).exited).not.toBe(0);
    expect(events.filter((e) => e.type === 'media.ingest' && e.action === 'accepted')).toHaveLength(1);

    // the lockout is kept by showcart, not by the media process alone
    process.kill(media.mediaProcess().pid!, 'SIGKILL');
    await waitFor(() => media.mediaProcess().restarts === 1 && media.mediaProcess().up, 15_000, 'a new media process');
    expect((await exchange(rtmpPort, publishBytes(rtmpPort, 'live', OBS_KEY))).received.length).toBe(0);
    expect(guessingLines()).toHaveLength(1);
    expect(refusals()).toBe(10);
    expect(log.text()).not.toContain(GUESS_KEY);
    expect(log.text()).not.toContain(OBS_KEY);
  });

  it('GIVEN a publish and wrong guesses WHEN the data dir is read THEN no file there holds the key or a guess', () => {
    const files = filesUnder(dataDir);
    expect(files.filter((f) => f.text.includes(OBS_KEY) || f.text.includes(GUESS_KEY)).map((f) => f.path)).toEqual([]);
    expect(files).toEqual([]);
  });
});
