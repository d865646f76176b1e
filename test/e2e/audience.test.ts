import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwitchChannel } from '../../bots/twitch/index.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeTwitch } from '../fakes/index.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'audience-admin-token-4d1c';

/** Retention from the platform's own viewer counts: Twitch Helix `streams`, sampled while live. */
describe('viewer counts from Twitch', () => {
  const twitch = new FakeTwitch();
  let app: Showcart;
  const counts = async () => {
    await app.events.flush();
    return (await app.store.models.LoggedEvent.findAll({ where: { type: 'audience.count' }, order: [['id', 'ASC']] })).map((e) => ({ platform: e.platform, data: e.data }));
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
    await waitFor(() => app.channels[0]?.state().state === 'connected', 15_000, 'Twitch connected');
  });
  afterAll(async () => {
    await app?.stop();
    await twitch.stop();
  });

  it('GIVEN one of two channels live on Twitch WHEN the show is live THEN its viewers are logged per minute-ish sample, and none once the show is off air', async () => {
    twitch.setViewers('candleshop', 42);
    await app.show.goLive(Date.now());
    await waitFor(async () => (await counts()).length >= 1, 10_000, 'a first sample');
    expect((await counts())[0]).toEqual({ platform: 'twitch', data: { count: 42, rooms: { candleshop: 42 } } });

    twitch.setViewers('soapshop', 8);
    await waitFor(async () => (await counts()).some((c) => c.data.count === 50), 10_000, 'both channels summed');

    await app.show.goOffAir(Date.now());
    const after = (await counts()).length;
    await new Promise((r) => setTimeout(r, 600));
    expect((await counts()).length).toBe(after);
  });

  it('GIVEN logged viewer counts WHEN the show report is read THEN retention comes from them, not from chat presence', async () => {
    const res = await fetch(`${app.url}/api/analytics/${app.show.id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const report = (await res.json()) as { retention: { source: string; peak: { viewers: number } | null } };
    expect(report.retention.source).toBe('audience.count');
    expect(report.retention.peak?.viewers).toBe(50);
  });
});
