import { describe, expect, it } from 'vitest';
import { VideoCadence } from '../../media/video-cadence.js';

/** Feeds `seconds` of frames at `fps` with a keyframe every `gop` frames, timestamps starting at `from` ms. */
function feed(c: VideoCadence, o: { fps: number; gop: number; seconds: number; from?: number }): number {
  const frames = Math.round(o.fps * o.seconds);
  let dts = o.from ?? 0;
  for (let i = 0; i < frames; i++) {
    dts = (o.from ?? 0) + Math.round((i * 1000) / o.fps);
    c.frame(dts, i % o.gop === 0);
  }
  return dts;
}

describe('video cadence measured from tag timestamps', () => {
  it('GIVEN nothing or a single frame THEN nothing is claimed', () => {
    const c = new VideoCadence();
    expect(c.reading()).toEqual({ fps: null, keyframeIntervalMs: null });
    c.frame(0, true);
    expect(c.reading()).toEqual({ fps: null, keyframeIntervalMs: null });
  });

  it('GIVEN 30 fps with a keyframe every 60 frames WHEN read THEN 30 fps and a keyframe every 2000 ms', () => {
    const c = new VideoCadence();
    feed(c, { fps: 30, gop: 60, seconds: 10 });
    expect(c.reading()).toEqual({ fps: 30, keyframeIntervalMs: 2000 });
  });

  it('GIVEN 29.97 fps (NTSC timestamps rounded to ms) THEN about 30 fps', () => {
    const c = new VideoCadence();
    feed(c, { fps: 30000 / 1001, gop: 60, seconds: 10 });
    expect(c.reading().fps).toBeCloseTo(29.97, 0);
    expect(c.reading().keyframeIntervalMs).toBeCloseTo(2002, -1);
  });

  it('GIVEN the frame rate drops from 60 to 15 THEN the reading follows within the averaging window', () => {
    const c = new VideoCadence();
    const end = feed(c, { fps: 60, gop: 120, seconds: 5 });
    feed(c, { fps: 15, gop: 30, seconds: 5, from: end + 67 });
    expect(c.reading().fps).toBe(15);
  });

  it('GIVEN a 10 s keyframe interval THEN 10000 ms is reported (above the 4 s the platforms accept)', () => {
    const c = new VideoCadence();
    feed(c, { fps: 30, gop: 300, seconds: 31 });
    expect(c.reading().keyframeIntervalMs).toBe(10000);
  });

  it('GIVEN only one keyframe so far WHEN 5 s pass without another THEN the open gap is reported; before 4 s nothing', () => {
    const c = new VideoCadence();
    feed(c, { fps: 30, gop: 10_000, seconds: 3 });
    expect(c.reading().keyframeIntervalMs).toBeNull();
    feed(c, { fps: 30, gop: 10_000, seconds: 5 });
    expect(c.reading().keyframeIntervalMs).toBeGreaterThanOrEqual(4900);
  });

  it('GIVEN keyframes every 2 s WHEN they stop coming THEN the interval grows instead of keeping the last good figure', () => {
    const c = new VideoCadence();
    const end = feed(c, { fps: 30, gop: 60, seconds: 6 });
    for (let t = end + 33; t < end + 6000; t += 33) c.frame(t, false);
    expect(c.reading().keyframeIntervalMs).toBeGreaterThan(6000);
  });

  it('GIVEN a new publisher session whose timestamps restart near 0 THEN the old timeline is forgotten', () => {
    const c = new VideoCadence();
    feed(c, { fps: 30, gop: 60, seconds: 60, from: 100_000 });
    feed(c, { fps: 25, gop: 25, seconds: 4 });
    expect(c.reading()).toEqual({ fps: 25, keyframeIntervalMs: 1000 });
  });
});
