import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTwitchChannel } from '../../bots/twitch/index.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import type { ShowEvents } from '../../orchestrator/bus.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeTwitch } from '../fakes/index.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';

const ADMIN_TOKEN = 'audience-admin-token-4d1c';

/** Retention from the platform's own viewer counts: Twitch Helix `streams`, sampled while live. */
describe('viewer counts from Twitch', () => {
  const twitch = new FakeTwitch();
  let app: Showcart;
  const counts = async () => {
    await app.events.flush();
    return (await app.store.models.LoggedEvent.findAll({ where: { type: 'audience.count' }, order: [['id', 'ASC']] })).map((e) => ({
      platform: e.platform,
      data: e.data,
    }));
  };

  beforeAll(async () => {
    await twitch.start();
    app = await startShowcart({
      config: testConfig(`channels:
  web: { enabled: false }
  twitch: { username: showcartbot, server: 127.0.0.1, port: ${twitch.port}, secure: false, api: "${twitch.helixRoot}", authApi: "${twitch.authRoot}", channels: [candleshop, soapshop] }`),
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({ TWITCH_OAUTH_TOKEN: 'oauth:faketoken', SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN }),
      log: memoryLog().log,
      factories: { twitch: createTwitchChannel },
      audienceEveryMs: 200,
    });
    // The app starts its channels before it resolves: Twitch is connected by now.
    expect(app.channels[0]?.state().state).toBe('connected');
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    await app?.stop();
    await twitch.stop();
  });

  /** The next viewer count the sampler reports. */
  const nextSample = () =>
    new Promise<ShowEvents['audience.count']>((resolve) => {
      const off = app.bus.on('audience.count', (sample) => {
        off();
        resolve(sample);
      });
    });

  it('GIVEN one of two channels live on Twitch WHEN the show is live THEN its viewers are logged per minute-ish sample, and none once the show is off air', async () => {
    // Only the sampler's interval runs on fake time (sockets and their timeouts stay real): the test says when a period has passed.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const asked = vi.spyOn(app.channels[0]!, 'audience');
    twitch.setViewers('candleshop', 42);
    const first = nextSample();
    await app.show.goLive(Date.now());
    await first;
    expect((await counts())[0]).toEqual({ platform: 'twitch', data: { count: 42, rooms: { candleshop: 42 } } });

    twitch.setViewers('soapshop', 8);
    const second = nextSample();
    await vi.advanceTimersByTimeAsync(200);
    await second;
    expect((await counts()).some((c) => c.data.count === 50)).toBe(true);

    await app.show.goOffAir(Date.now());
    await app.idle();
    const [after, askedBefore] = [(await counts()).length, asked.mock.calls.length];
    await vi.advanceTimersByTimeAsync(600);
    await app.idle();
    // Three periods later the platform was not asked again, so nothing more can be logged.
    expect(asked).toHaveBeenCalledTimes(askedBefore);
    expect((await counts()).length).toBe(after);
  });

  it('GIVEN logged viewer counts WHEN the show report is read THEN retention comes from them, not from chat presence', async () => {
    const res = await fetch(`${app.url}/api/analytics/${app.show.id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const report = (await res.json()) as { retention: { source: string; peak: { viewers: number } | null } };
    expect(report.retention.source).toBe('audience.count');
    expect(report.retention.peak?.viewers).toBe(50);
  });
});
