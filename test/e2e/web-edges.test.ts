import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEdge, type Edge } from '../../orchestrator/http/edge/start-edge.js';
import { DISCORD_CHANNEL, GROUP, startThreePlatforms, type ThreePlatforms } from '../support/three-platforms.js';
import { NatsServer, natsServerBinary } from '../support/nats-server.js';
import { waitFor } from '../support/wait-for.js';
import { WebChatClient } from '../support/web-chat-client.js';

const SECRET = 'web-session-key-shared-by-core-and-edges-0123456789';
const ADMIN = 'admin-token-for-the-web-edges-test-0123456789';

/**
 * The web chat served by two edges (each with its own HTTP server and NATS connection) in front of
 * one core whose Telegram, Twitch and Discord bots are the real clients talking to their fakes,
 * over a real nats-server: what a viewer writes on one edge reaches viewers on the other and
 * every platform once.
 */
describe.skipIf(!natsServerBinary())('web edges over NATS', () => {
  let nats: NatsServer;
  let p: ThreePlatforms;
  let edges: Edge[];

  beforeAll(async () => {
    nats = await NatsServer.start();
    p = await startThreePlatforms(
      `products:
  - { sku: MUG, title: Studio mug, price: 12, stock: 3 }
checkout: { provider: builtin, builtin: { mode: test } }
scale: { nats: "${nats.url}" }`,
      { SHOWCART_WEB_SECRET: SECRET, SHOWCART_ADMIN_TOKEN: ADMIN },
      { web: { enabled: true } },
    );
    // The core does not wait for NATS to start the show; the test waits until its web channel hears the edges.
    const web = p.app.channels.find((c) => c.platform === 'web')!;
    await waitFor(() => web.state().state === 'connected', 10_000, 'the core on NATS');
    const log = pino({ level: 'silent' });
    const config = p.app.show.config;
    edges = await Promise.all(['a', 'b'].map((id) => startEdge({ config, natsUrl: nats.url, host: '127.0.0.1', port: 0, sessionSecret: SECRET, log, id })));
  }, 30_000);
  afterAll(async () => {
    for (const e of edges ?? []) await e.stop();
    await p?.stop();
    await nats?.stop();
  });

  it('GIVEN viewers on edge A and edge B WHEN one writes on A THEN the viewer on B sees it once, under the same id, and Twitch and Telegram get it once', async () => {
    const [a, b] = edges;
    const ann = await WebChatClient.join(a!.url, 'Ann');
    const bob = await WebChatClient.join(b!.url, 'Bob');
    ann.say('hello from edge A');
    const seen = await bob.waitForLine((l) => l.text === 'hello from edge A', 'Ann’s line on edge B');
    await p.app.idle();
    expect(seen).toMatchObject({ kind: 'viewer', author: 'Ann' });
    const onA = ann.lines.filter((l) => l.text === 'hello from edge A');
    expect(onA).toHaveLength(1);
    expect(seen.id).toBe(onA[0]!.id);
    expect(bob.lines.filter((l) => l.text === 'hello from edge A')).toHaveLength(1);
    await waitFor(() => p.discord.sent(DISCORD_CHANNEL).some((x) => x.includes('hello from edge A')), 10_000, 'the line on Discord');
    await waitFor(() => p.telegram.sent(GROUP).some((x) => x.includes('hello from edge A')), 10_000, 'the line on Telegram');
    await waitFor(() => p.twitch.received('candleshop').some((x) => x.includes('hello from edge A')), 10_000, 'the line on Twitch');
    expect(p.telegram.sent(GROUP).filter((x) => x.includes('hello from edge A'))).toHaveLength(1);
    expect(p.discord.sent(DISCORD_CHANNEL).filter((x) => x.includes('hello from edge A'))).toHaveLength(1);
    expect(p.twitch.received('candleshop').filter((x) => x.includes('hello from edge A'))).toHaveLength(1);

    // The core deletes by the id edge A gave the line; edge B shows it under that id, so it goes there too.
    const deleted = bob.messages.length;
    const res = await fetch(`${p.app.url}/api/admin/moderate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'web', channelId: 'page', messageId: seen.id, action: 'delete' }),
    });
    expect(res.status).toBe(202);
    await expect.poll(() => bob.messages.slice(deleted).some((m) => m.type === 'delete' && m.id === seen.id)).toBe(true);
    await expect.poll(() => ann.messages.some((m) => m.type === 'delete' && m.id === seen.id)).toBe(true);
    await Promise.all([ann.close(), bob.close()]);
  });

  it('GIVEN a viewer who joined on edge A WHEN they come back on edge B with their session THEN they are the same viewer, and a platform line reaches both edges', async () => {
    const [a, b] = edges;
    const first = await WebChatClient.join(a!.url, 'Cleo');
    const { session, userId } = first.welcome!;
    await first.close();
    const again = await WebChatClient.join(b!.url, 'Cleo', session);
    expect(again.welcome!.userId).toBe(userId);
    const watcherOnA = await WebChatClient.join(a!.url, 'Dan');
    p.twitch.say({ channel: 'candleshop', user: { id: '4243', login: 'twitchfan', displayName: 'twitchfan' }, text: 'hi from twitch' });
    await p.app.idle();
    for (const c of [again, watcherOnA])
      await c.waitForLine((l) => l.kind === 'relay' && (l.lines ?? []).some((x) => x.text === 'hi from twitch'), 'the Twitch line');
    expect(await (await fetch(`${b!.url}/api/health`)).json()).toMatchObject({ role: 'edge', id: 'b', show: 'over-the-wire', nats: 'connected', core: 'live' });
    await Promise.all([again.close(), watcherOnA.close()]);
  });
});
