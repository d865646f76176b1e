/**
 * deploy/nginx/showcart-hls.conf in front of showcart's HLS file handler: real nginx (Debian's,
 * skipped when it is not installed), files written here as ffmpeg would write them.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HlsCache, nginxBinary } from '../support/hls-cache.js';
import { serveHlsFile } from '../../media/hls-files.js';
import { freePort } from '../fakes/rtmp-target.js';
import { waitFor } from '../support/wait-for.js';

describe.skipIf(!nginxBinary())('HLS through the nginx cache of deploy/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-hls-cache-'));
  const asked: string[] = [];
  let origin: Server;
  let cache: HlsCache;
  let base: string;

  beforeAll(async () => {
    origin = createServer((req, res) => {
      const file = (req.url ?? '').split('/').pop()!;
      asked.push(file);
      // a slow origin, so the viewers' requests for a new segment all arrive while the first is being answered
      const delay = file.endsWith('.ts') ? 300 : 0;
      setTimeout(() => void serveHlsFile(req, res, dir, file), delay);
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const listen = await freePort();
    cache = await HlsCache.start({ listen, app: await freePort(), media: (origin.address() as AddressInfo).port });
    base = `http://127.0.0.1:${listen}/hls/show`;
  });
  afterAll(async () => {
    await cache?.stop();
    await new Promise((resolve) => origin?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN 20 viewers WHEN they ask for the same new segment at once THEN the origin is asked once and all get its bytes', async () => {
    const bytes = Buffer.alloc(188 * 1000, 0x47);
    writeFileSync(join(dir, 'abc-100.ts'), bytes);
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${base}/abc-100.ts`)));
    const bodies = await Promise.all(answers.map(async (r) => [r.status, r.headers.get('content-type'), Buffer.from(await r.arrayBuffer()).equals(bytes)]));
    expect(new Set(bodies.map((b) => JSON.stringify(b)))).toEqual(new Set([JSON.stringify([200, 'video/mp2t', true])]));
    expect(asked.filter((f) => f === 'abc-100.ts')).toEqual(['abc-100.ts']);
    expect((await fetch(`${base}/abc-100.ts?bust=${Math.random()}`)).headers.get('x-cache-status')).toBe('HIT');
    expect(asked.filter((f) => f === 'abc-100.ts')).toHaveLength(1);
  });

  it('GIVEN a playlist WHEN viewers reload it THEN the cache answers within its second and fetches the new one after', async () => {
    const write = (text: string) => {
      writeFileSync(join(dir, 'index.m3u8.tmp'), text);
      renameSync(join(dir, 'index.m3u8.tmp'), join(dir, 'index.m3u8'));
    };
    write('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:100\nabc-100.ts\n');
    const first = await Promise.all(Array.from({ length: 10 }, () => fetch(`${base}/index.m3u8`).then((r) => r.text())));
    expect(new Set(first)).toEqual(new Set(['#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:100\nabc-100.ts\n']));
    expect(asked.filter((f) => f === 'index.m3u8')).toHaveLength(1);
    write('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:101\nabc-101.ts\n');
    await waitFor(async () => (await (await fetch(`${base}/index.m3u8`)).text()).includes('abc-101.ts'), 5000, 'the new playlist through the cache');
  });

  it('GIVEN a segment not written yet WHEN asked for THEN the 404 is not kept, and once written it is served', async () => {
    expect((await fetch(`${base}/abc-200.ts`)).status).toBe(404);
    writeFileSync(join(dir, 'abc-200.ts'), Buffer.alloc(188, 0x47));
    expect((await fetch(`${base}/abc-200.ts`)).status).toBe(200);
  });
});
