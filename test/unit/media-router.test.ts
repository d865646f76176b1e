import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownTargetError, createMediaRouter, type MediaServer, type MediaStatus, type TargetStatus } from '../../media/index.js';

const twitch: TargetStatus = {
  name: 'twitch',
  url: 'rtmp://live.twitch.tv/app/li****ef',
  enabled: true,
  state: 'live',
  transport: 'ffmpeg',
  uptimeMs: 5000,
  bitrateKbps: 6000,
  restarts: 0,
  lastError: null,
};

/** A media server that only answers: what the router does with the answers is under test. */
class FakeMedia implements MediaServer {
  readonly calls: Array<[string, boolean]> = [];
  readonly playback = { flvPath: '/live/show.flv', hlsPath: '/hls/show/index.m3u8', httpPort: 8000 };
  status(): MediaStatus {
    return {
      ingest: {
        accepting: true,
        state: 'live',
        live: true,
        since: 1,
        publisher: '10.0.0.2:50000',
        bitrateKbps: 6000,
        fps: 30,
        keyframeIntervalMs: 2000,
        video: null,
        audio: null,
      },
      targets: [twitch],
      playback: { ...this.playback, hlsState: 'live' },
      ffmpeg: '/usr/bin/ffmpeg',
    };
  }
  async setTargetEnabled(name: string, enabled: boolean): Promise<TargetStatus> {
    if (name !== 'twitch') throw new UnknownTargetError(name);
    this.calls.push([name, enabled]);
    return { ...twitch, enabled, state: enabled ? 'starting' : 'disabled' };
  }
  children() {
    return [];
  }
  async stop() {}
}

describe('the media API', () => {
  const media = new FakeMedia();
  const guarded: string[] = [];
  const admin: RequestHandler = (req, res, next) => {
    guarded.push(`${req.method} ${req.path}`);
    if (req.headers.authorization === 'Bearer admin') return next();
    res.status(401).json({ error: 'admin only' });
  };
  let server: Server;
  let base: string;
  const asAdmin = { authorization: 'Bearer admin', 'content-type': 'application/json' };

  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      const s = express()
        .use(createMediaRouter(media, { admin }))
        .listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('GIVEN an admin hook WHEN status is read THEN the hook runs first and the status comes back as JSON', async () => {
    expect((await fetch(`${base}/api/media`)).status).toBe(401);
    const res = await fetch(`${base}/api/media`, { headers: asAdmin });
    expect(res.status).toBe(200);
    expect(((await res.json()) as MediaStatus).targets[0]).toEqual(twitch);
    expect(guarded).toContain('GET /api/media');
  });

  it('GIVEN a viewer page WHEN it asks how to play THEN it gets the media port and paths, without admin, and no Host it sent is written back', async () => {
    const res = await fetch(`${base}/api/media/playback`, { headers: { 'X-Forwarded-Host': 'evil.example' } });
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ live: true, port: 8000, flv: '/live/show.flv', hls: '/hls/show/index.m3u8', player: 'auto' });
    expect(body).not.toContain('evil.example');
  });

  it('GIVEN a POST to a target WHEN the body is right THEN the target is switched; WHEN not THEN 400, and an unknown target 404', async () => {
    const post = (name: string, body: string) => fetch(`${base}/api/media/targets/${name}`, { method: 'POST', headers: asAdmin, body });
    const off = await post('twitch', '{"enabled":false}');
    expect(off.status).toBe(200);
    expect(((await off.json()) as TargetStatus).state).toBe('disabled');
    expect(media.calls).toEqual([['twitch', false]]);
    expect((await post('twitch', '{"enabled":"no"}')).status).toBe(400);
    expect((await post('twitch', 'not json')).status).toBe(400);
    expect((await post('youtube', '{"enabled":true}')).status).toBe(404);
    expect((await fetch(`${base}/api/media/targets/twitch`, { method: 'POST', body: '{"enabled":true}' })).status).toBe(401);
  });
});
