import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { LiveEvent } from '../../orchestrator/events/live-rows.js';
import { SseClient } from '../support/sse-client.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const TOKEN = 'live-feeds-admin-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };

/** The dashboard's and the overlay's live feeds over HTTP, with an in-memory Twitch channel. */
describe('live feeds for the dashboard and the overlay', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let t: TestApp;
  const streams: SseClient[] = [];
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const s = await SseClient.open(`${t.app.url}${path}`, headers);
    streams.push(s);
    return s;
  };
  /**
   * The first `event` the stream has read that `predicate` accepts. The server has written it by the
   * time this is called (on connect, or once the app is idle); the reader gets it over its own socket.
   */
  const received = <T>(stream: SseClient, event: string, predicate: (data: T) => boolean = () => true) =>
    waitFor(() => (stream.of(event) as T[]).find(predicate), 1_000, `a ${event} event`);

  beforeAll(async () => {
    const config = testConfig(`  - { sku: LAMP, title: Lamp, price: 30, stock: 5 }
featured: MUG
checkout: { linkTemplate: "https://pay.example/c?o={order}" }
alerts: { on: placed, names: first, mergeWithin: 0s }
channels: { web: { enabled: false } }
overlay: { position: top-left, colors: { accent: "#123456" } }`);
    t = await startTestApp(config, [twitch], { env: { SHOWCART_ADMIN_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t.app.stop();
  });

  it('GIVEN no admin token WHEN the admin feeds are asked for THEN each answers 401 and no stream opens', async () => {
    for (const path of ['/api/admin/live', '/api/admin/engagement', '/api/admin/controls']) {
      const res = await fetch(`${t.app.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 401, expect.stringContaining('application/json')]);
    }
  });

  it('GIVEN the admin stream WHEN a Twitch viewer writes THEN it gets the state first, then the chat line as it is logged', async () => {
    const live = await open('/api/admin/live', bearer);
    expect([live.status, live.contentType]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const state = await received<{ show: { featured: string }; channels: Array<{ platform: string }> }>(live, 'state');
    expect(state.show.featured).toBe('MUG');
    expect(state.channels.map((c) => c.platform)).toEqual(['twitch']);

    await twitch.say({ id: 't1', name: 'Tom' }, 'hello dashboard');
    await t.app.idle();
    const line = await received<LiveEvent>(live, 'log', (e) => e.type === 'chat.message');
    expect(line).toMatchObject({ type: 'chat.message', platform: 'twitch', data: { channelId: 'shop', user: 'Tom', text: 'hello dashboard' } });
    expect(typeof line.data.messageId).toBe('string');
  });

  it('GIVEN the public overlay stream WHEN a viewer buys THEN it gets the purchase alert, and nothing it sends names a viewer id or chat text', async () => {
    const overlay = await open('/api/overlay/live');
    const first = await received<{ featured: { sku: string }; theme: { position: string; colors: { accent: string } } }>(overlay, 'state');
    expect(first.featured.sku).toBe('MUG');
    expect(first.theme).toMatchObject({ position: 'top-left', colors: { accent: '#123456' } });

    await twitch.say({ id: 't2', name: 'Ann' }, '!buy LAMP');
    await t.app.idle();
    // The alert waits out its merge window (0 s here, a timer of its own) before it is said.
    const alert = await received<{ text: string; title: string; buyers: string[] }>(overlay, 'alert');
    expect(alert).toMatchObject({ text: expect.stringContaining('Ann just bought the Lamp'), title: 'Lamp', buyers: ['Ann'] });

    const everything = JSON.stringify(overlay.messages);
    expect(everything).not.toMatch(/viewerId|userId|"t2"|hello dashboard|!buy/);
    const state = (await (await fetch(`${t.app.url}/api/overlay/state`)).json()) as { alerts: unknown[] };
    expect(state.alerts).toEqual([expect.objectContaining({ title: 'Lamp' })]);
  });

  it('GIVEN chat lines, a buy and a featured product WHEN the engagement chart loads THEN the store counts them per 10 s bucket with the featured moment', async () => {
    const featured = await fetch(`${t.app.url}/api/admin/featured`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/json' },
      body: '{"sku":"LAMP"}',
    });
    expect(featured.status).toBe(200);
    await twitch.say({ id: 't3', name: 'Bo' }, 'nice lamp');
    await t.app.idle();

    type Chart = { bucketMs: number; buckets: Array<{ at: number; chat: number; buys: number }>; featured: Array<{ sku: string }> };
    const sum = (chart: Chart, k: 'chat' | 'buys') => chart.buckets.reduce((n, b) => n + b[k], 0);
    const load = async () => (await (await fetch(`${t.app.url}/api/admin/engagement?bucket=10`, { headers: bearer })).json()) as Chart;
    // Commands are chat lines too: hello dashboard, !buy LAMP, nice lamp.
    const chart = await load();
    expect(sum(chart, 'chat')).toBe(3);
    expect(chart.bucketMs).toBe(10_000);
    expect(chart.buckets.every((b) => b.at % 10_000 === 0)).toBe(true);
    expect(sum(chart, 'buys')).toBe(1);
    expect(chart.featured.map((f) => f.sku)).toEqual(['LAMP']);

    const bad = await fetch(`${t.app.url}/api/admin/engagement?bucket=0`, { headers: bearer });
    expect(bad.status).toBe(400);
  });

  it('GIVEN the dashboard WHEN it asks what its buttons can start THEN it gets the products of the show file', async () => {
    const res = await fetch(`${t.app.url}/api/admin/controls`, { headers: bearer });
    const controls = (await res.json()) as { products: Array<{ sku: string }>; polls: unknown[] };
    expect(controls.products.map((p) => p.sku)).toEqual(['MUG', 'LAMP']);
    expect(controls.polls).toEqual([]);
  });

  it('GIVEN the pages WHEN opened THEN the dashboard and the overlay are served with their scripts as files', async () => {
    for (const [path, script] of [
      ['/dashboard', '/dashboard/dashboard.js'],
      ['/overlay', '/overlay/overlay.js'],
    ] as const) {
      const res = await fetch(`${t.app.url}${path}`);
      const html = await res.text();
      expect([res.status, html.includes(`<script src="${script}" type="module"></script>`)]).toEqual([200, true]);
      expect((await fetch(`${t.app.url}${script}`)).headers.get('content-type')).toContain('javascript');
    }
  });
});
