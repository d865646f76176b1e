/**
 * The media part end to end with real processes: ffmpeg plays OBS, node-media-server is our
 * ingest, two more node-media-servers (child processes) play the platforms, and ffprobe checks
 * what they received. Restreams go through supervised ffmpeg children (the default transport).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaRouter, startMedia, type MediaEvent, type MediaServer, type MediaStatus, type TargetStatus } from '../../media/index.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { RtmpTargetServer, freePort } from '../fakes/rtmp-target.js';
import { TestPublisher, firstBytes, probe } from '../fakes/rtmp-tools.js';
import { memoryLog } from '../support/quiet-log.js';
import { waitFor } from '../support/wait-for.js';

const OBS_KEY = 'obs-e2e-key-0123456789';
const KEYS = { A_KEY: 'platform-a-key-111111', B_KEY: 'platform-b-key-222222' };
const GRACE_MS = 3000;

describe('media: RTMP ingest restreamed to two platforms through ffmpeg', () => {
  const events: MediaEvent[] = [];
  const log = memoryLog();
  let dataDir: string;
  let a: RtmpTargetServer;
  let b: RtmpTargetServer;
  let media: MediaServer;
  let api: Server;
  let apiUrl: string;
  let rtmpPort: number;
  let httpPort: number;
  let publisher: TestPublisher | undefined;

  const target = (name: string): TargetStatus => media.status().targets.find((t) => t.name === name)!;
  const count = (type: MediaEvent['type']) => events.filter((e) => e.type === type).length;
  const publish = () => TestPublisher.start(`rtmp://127.0.0.1:${rtmpPort}/live/${OBS_KEY}`);
  const bothLive = () => waitFor(() => target('a').state === 'live' && target('b').state === 'live', 15_000, 'both targets live');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'showcart-media-e2e-'));
    [a, b] = await Promise.all([RtmpTargetServer.start(), RtmpTargetServer.start()]);
    rtmpPort = await freePort();
    httpPort = await freePort();
    media = await startMedia({
      config: {
        rtmpPort,
        httpPort,
        app: 'live',
        streamKeyEnv: 'SHOWCART_STREAM_KEY',
        reconnectGrace: GRACE_MS,
        targets: [
          { name: 'a', url: a.url(), keyEnv: 'A_KEY', enabled: true },
          { name: 'b', url: b.url(), keyEnv: 'B_KEY', enabled: true },
        ],
      },
      secrets: new Secrets({ SHOWCART_STREAM_KEY: OBS_KEY, ...KEYS }),
      log: log.log,
      onEvent: (e) => events.push(e),
      host: '127.0.0.1',
      dataDir,
      hls: false,
      timing: { tickMs: 250, stallMs: 1500, retryBaseMs: 200, retryMaxMs: 800, publisherIdleMs: 3000 },
    });
    const app = express().use(createMediaRouter(media));
    api = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await publisher?.kill();
    const pids = (media?.children() ?? []).map((c) => c.pid);
    await media?.stop();
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    await Promise.all([a?.stop(), b?.stop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    for (const pid of pids) expect(() => process.kill(pid, 0), `ffmpeg ${pid} survived stop()`).toThrow();
  });

  it('GIVEN OBS publishes with the stream key WHEN the show goes live THEN both platforms receive video and audio', async () => {
    publisher = publish();
    await bothLive();
    const [gotA, gotB] = await Promise.all([probe(a.flvUrl('app', KEYS.A_KEY)), probe(b.flvUrl('app', KEYS.B_KEY))]);
    expect(gotA).toEqual(expect.arrayContaining(['video', 'audio']));
    expect(gotB).toEqual(expect.arrayContaining(['video', 'audio']));
    expect(count('stream.live')).toBe(1);
    expect(log.text()).not.toContain(OBS_KEY);
    for (const key of Object.values(KEYS)) expect(log.text()).not.toContain(key);
  });

  it('GIVEN the show is live WHEN /api/media is read THEN it shows the ingest and each target live with masked keys', async () => {
    const status = (await (await fetch(`${apiUrl}/api/media`)).json()) as MediaStatus;
    expect(status.ingest).toMatchObject({ live: true, state: 'live', accepting: true });
    expect(status.ingest.publisher).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(status.targets.map((t) => [t.name, t.state, t.transport])).toEqual([
      ['a', 'live', 'ffmpeg'],
      ['b', 'live', 'ffmpeg'],
    ]);
    expect(status.targets[0]!.url).toBe(`${a.url()}/pl****11`);
    expect(JSON.stringify(status)).not.toContain(KEYS.A_KEY);
    const playback = (await (await fetch(`${apiUrl}/api/media/playback`)).json()) as { live: boolean; port: number; flv: string };
    expect(playback).toMatchObject({ live: true, port: httpPort, flv: '/live/show.flv' });
  });

  it('GIVEN the show is live WHEN a viewer opens the HTTP-FLV URL THEN it gets FLV bytes, and the key-named path plays nothing', async () => {
    const flv = await firstBytes(`http://127.0.0.1:${httpPort}${media.playback.flvPath}`, 4096);
    expect(flv.bytes.subarray(0, 3).toString()).toBe('FLV');
    expect(flv.bytes.length).toBe(4096);
    const keyed = await firstBytes(`http://127.0.0.1:${httpPort}/live/${OBS_KEY}.flv`, 64);
    expect(keyed.bytes.length).toBe(0);
  });

  it('GIVEN one platform dies WHEN it comes back THEN the other never stopped and the dead one is restreamed to again', async () => {
    const bPublishes = b.publishCount(`/app/${KEYS.B_KEY}`);
    // Counted from here: on a loaded machine the tests' short 1.5 s stall window may already have restarted b once.
    const bRestarts = target('b').restarts;
    const from = events.length;
    await a.kill();
    await waitFor(() => target('a').state === 'retrying', 10_000, 'a retrying');
    expect(target('a').lastError).not.toContain(KEYS.A_KEY);
    await a.restart();
    await waitFor(() => target('a').state === 'live', 15_000, 'a live again');
    expect(await probe(a.flvUrl('app', KEYS.A_KEY))).toEqual(expect.arrayContaining(['video', 'audio']));
    expect(target('a').restarts).toBeGreaterThanOrEqual(1);
    // b never changed state meanwhile, kept one connection to its platform, and is still moving bytes
    expect(events.slice(from).filter((e) => e.type === 'media.target' && e.target === 'b')).toEqual([]);
    expect(b.publishCount(`/app/${KEYS.B_KEY}`)).toBe(bPublishes);
    expect(target('b')).toMatchObject({ state: 'live', restarts: bRestarts });
    expect(target('b').bitrateKbps).toBeGreaterThan(0);
  });

  it('GIVEN a restream that stops moving bytes WHEN the ingest still flows THEN it is detected at 0 kbps and restarted', async () => {
    await bothLive();
    const before = target('b').restarts;
    const pid = media.children().find((c) => c.name === 'b')!.pid;
    process.kill(pid, 'SIGSTOP');
    await waitFor(() => target('b').restarts > before, 15_000, 'b restarted');
    expect(target('b').lastError).toMatch(/0 kbps/);
    await waitFor(() => target('b').state === 'live', 15_000, 'b live again');
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('GIVEN the show is live WHEN a target is disabled and enabled from the API THEN it stops and starts while the other goes on', async () => {
    const off = await fetch(`${apiUrl}/api/media/targets/a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"enabled":false}' });
    expect(off.status).toBe(200);
    expect(target('a')).toMatchObject({ state: 'disabled', enabled: false });
    const on = await fetch(`${apiUrl}/api/media/targets/a`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"enabled":true}' });
    expect(((await on.json()) as TargetStatus).enabled).toBe(true);
    await bothLive();
    const unknown = await fetch(`${apiUrl}/api/media/targets/nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"enabled":true}',
    });
    expect(unknown.status).toBe(404);
  });

  it('GIVEN OBS drops WHEN it returns within the grace THEN it is one show with one set of restreams', async () => {
    await bothLive();
    const restarts = media.status().targets.map((t) => t.restarts);
    const publishes = [a.publishCount(`/app/${KEYS.A_KEY}`), b.publishCount(`/app/${KEYS.B_KEY}`)];
    await publisher!.kill();
    await waitFor(() => media.status().ingest.state === 'reconnecting', 5000, 'ingest reconnecting');
    publisher = publish();
    await waitFor(() => media.status().ingest.state === 'live', 10_000, 'ingest live again');
    const back = Date.now();
    // bitrate is measured over three ticks (750 ms here): past that, a rate above 0 is bytes sent since the return
    await waitFor(() => Date.now() - back > 1000 && target('a').bitrateKbps > 0 && target('b').bitrateKbps > 0, 15_000, 'bytes flowing again');
    expect(await probe(b.flvUrl('app', KEYS.B_KEY))).toEqual(expect.arrayContaining(['video', 'audio']));
    expect(count('stream.live')).toBe(1);
    expect(count('stream.offline')).toBe(0);
    expect(media.status().targets.map((t) => t.restarts)).toEqual(restarts);
    expect([a.publishCount(`/app/${KEYS.A_KEY}`), b.publishCount(`/app/${KEYS.B_KEY}`)]).toEqual(publishes);
  });

  it('GIVEN OBS drops WHEN it does not return within the grace THEN the show goes offline once and the restreams stop', async () => {
    await publisher!.kill();
    publisher = undefined;
    await waitFor(() => count('stream.offline') === 1, GRACE_MS + 5000, 'stream.offline');
    expect(media.status().ingest).toMatchObject({ live: false, state: 'offline', publisher: null });
    await waitFor(() => media.status().targets.every((t) => t.state === 'idle'), 5000, 'targets idle');
    expect(media.children()).toEqual([]);
    expect(count('stream.live')).toBe(1);
  });
});
