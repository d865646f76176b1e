import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hlsArgs, parseProgress, restreamArgs } from '../../media/ffmpeg-args.js';
import { locateFfmpeg } from '../../media/ffmpeg-locate.js';

describe('ffmpeg command lines and output', () => {
  it('GIVEN a target WHEN building the restream command THEN it copies audio and video from stdin, never transcodes, and times out on a dead platform', () => {
    const args = restreamArgs('rtmps://host/app/key');
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 2)).toEqual(['-i', 'pipe:0']);
    expect(args).toEqual(expect.arrayContaining(['-c', 'copy', '-map', '0:v?', '-map', '0:a?', '-rw_timeout']));
    expect(args.some((a) => /^(libx264|aac|-b:v|-vf)$/.test(a))).toBe(false);
    expect(args.at(-1)).toBe('rtmps://host/app/key');
    expect(hlsArgs('/tmp/x').at(-1)).toBe('/tmp/x/index.m3u8');
  });

  it('GIVEN -progress output split across chunks WHEN parsed THEN the latest size and media time are read, and N/A is ignored', () => {
    expect(parseProgress('frame=1\ntotal_size=407\nout_time_us=1000\nprogress=continue\ntotal_size=93855\nout_time_us=2934000\n')).toEqual({
      bytes: 93855,
      mediaMs: 2934,
    });
    expect(parseProgress('total_size=N/A\nout_time_us=1556667\n')).toEqual({ mediaMs: 1556 });
    expect(parseProgress('bitrate=N/A\n')).toEqual({});
  });
});

describe('finding ffmpeg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-ffmpeg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN FFMPEG_PATH or PATH WHEN looking for ffmpeg THEN the binary that answers -version is used', async () => {
    const fake = join(dir, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\necho "ffmpeg version 9.9-test Copyright"\n');
    chmodSync(fake, 0o755);
    expect(await locateFfmpeg(undefined, { FFMPEG_PATH: fake })).toEqual({ found: true, path: fake, version: '9.9-test' });
    expect(await locateFfmpeg(undefined, { PATH: `/nonexistent:${dir}` })).toEqual({ found: true, path: fake, version: '9.9-test' });
  });

  it('GIVEN no ffmpeg, a broken one, or null WHEN looking THEN it is not found, with a reason', async () => {
    expect(await locateFfmpeg(undefined, { PATH: '/nonexistent' })).toMatchObject({ found: false, reason: expect.stringContaining('FFMPEG_PATH') });
    const broken = join(dir, 'broken');
    writeFileSync(broken, '#!/bin/sh\nexit 3\n');
    chmodSync(broken, 0o755);
    expect(await locateFfmpeg(broken, {})).toMatchObject({ found: false, reason: expect.stringContaining('does not run') });
    expect(await locateFfmpeg(null, { FFMPEG_PATH: broken })).toMatchObject({ found: false });
  });
});
