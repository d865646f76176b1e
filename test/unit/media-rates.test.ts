import { describe, expect, it } from 'vitest';
import { RateMeter, stallStep } from '../../media/rates.js';

describe('bitrate and the 0 kbps check', () => {
  it('GIVEN byte totals sampled over time WHEN asked THEN the rate is kbit/s over the last window', () => {
    const rate = new RateMeter(3000);
    expect(rate.kbps).toBe(0);
    for (let s = 0; s <= 10; s++) rate.sample(s * 1000, s * 125_000); // 1 Mbit/s
    expect(rate.kbps).toBe(1000);
    rate.sample(11_000, 10 * 125_000);
    rate.sample(12_000, 10 * 125_000);
    rate.sample(13_000, 10 * 125_000);
    expect(rate.kbps).toBe(0);
  });

  it('GIVEN a target that moves no bytes WHEN the ingest moves THEN the stalled time grows, and any byte resets it', () => {
    let clock = { stalledMs: 0, lastBytes: 100 };
    clock = stallStep(clock, 1000, 100, true);
    clock = stallStep(clock, 1000, 100, true);
    expect(clock.stalledMs).toBe(2000);
    clock = stallStep(clock, 1000, 101, true);
    expect(clock).toEqual({ stalledMs: 0, lastBytes: 101 });
  });

  it('GIVEN the ingest itself is quiet (OBS dropped) WHEN a target moves nothing THEN that is not a stall', () => {
    const clock = stallStep({ stalledMs: 500, lastBytes: 100 }, 1000, 100, false);
    expect(clock.stalledMs).toBe(500);
  });
});
