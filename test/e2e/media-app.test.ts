import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { freePort } from '../fakes/rtmp-target.js';
import { TestPublisher } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const KEY = 'obs-key-0123456789abcdef';

const ADMIN_TOKEN = 'media-admin-token-123';
/** The media part inside the whole app: OBS going live starts the show clock; the viewer page finds the stream. */
describe('streaming inside showcart', () => {
  let app: Showcart;
  let publisher: TestPublisher | undefined;

  beforeAll(async () => {
    const config = testConfig();
    config.media.rtmpPort = await freePort();
    config.media.httpPort = await freePort();
    app = await startShowcart({
      config,
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: KEY, SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }),
      log: memoryLog().log,
      media: { enabled: true },
    });
  });
  afterAll(async () => {
    await publisher?.kill();
    await app?.stop();
  });

  it('GIVEN the app WHEN the viewer page loads THEN the player script, mpegts.js and the playback info are served', async () => {
    for (const path of ['/media-player.js', '/vendor/mpegts.js']) {
      const res = await fetch(`${app.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/javascript; charset=utf-8']);
    }
    expect(await (await fetch(`${app.url}/api/media/playback`)).json()).toMatchObject({ live: false });
    expect(await (await fetch(`${app.url}/`)).text()).toContain('<video id="show"');
  });

  it('GIVEN OBS publishes with the right key WHEN the stream arrives THEN the show goes live on the bus, in show_runs and the event log', async () => {
    publisher = TestPublisher.start(`rtmp://127.0.0.1:${app.show.config.media.rtmpPort}/live/${KEY}`);
    await waitFor(() => app.show.state === 'live', 20_000, 'the show to go live');
    const playback = (await (await fetch(`${app.url}/api/media/playback`)).json()) as { live: boolean; flv: string };
    expect(playback.live).toBe(true);
    expect(playback.flv).not.toContain(KEY);
    expect(await app.store.models.ShowRun.count()).toBe(1);
    await app.events.flush();
    const live = await app.store.models.LoggedEvent.findOne({ where: { type: 'stream.live' } });
    expect(live?.runId).not.toBeNull();
    // The media status is admin-only; without the token it is refused.
    expect((await fetch(`${app.url}/api/media`)).status).toBe(401);
    const status = (await (await fetch(`${app.url}/api/media`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
      ingest: { live: boolean };
    };
    expect(status.ingest.live).toBe(true);
  });

  it('GIVEN OBS sends 15 fps with a keyframe every 15 frames WHEN the dashboard reads the state THEN it shows about 15 fps and a keyframe every 1 s', async () => {
    // TestPublisher: testsrc rate=15, -g 15; measured from the video tags, so a few seconds of them are needed
    const auth = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
    const ingest = await waitFor(
      async () => {
        const state = (await (await fetch(`${app.url}/api/admin/state`, auth)).json()) as {
          media: { ingest: { bitrateKbps: number; fps: number | null; keyframeIntervalMs: number | null } };
        };
        const i = state.media.ingest;
        return i.fps !== null && i.keyframeIntervalMs !== null && i.bitrateKbps > 0 ? i : null;
      },
      20_000,
      'stream health in the admin state',
    );
    expect(ingest.fps).toBeGreaterThan(13.5);
    expect(ingest.fps).toBeLessThan(16.5);
    expect(ingest.keyframeIntervalMs).toBeGreaterThan(900);
    expect(ingest.keyframeIntervalMs).toBeLessThan(1100);
  });
});
