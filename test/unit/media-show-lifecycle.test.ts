import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShowLifecycle } from '../../media/show-lifecycle.js';

describe('the show lifecycle seen from the ingest', () => {
  let calls: string[];
  let show: ShowLifecycle;
  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    show = new ShowLifecycle(30_000, { onLive: (at) => calls.push(`live@${at}`), onOffline: (at) => calls.push(`offline@${at}`) }, () => Date.now());
  });
  afterEach(() => vi.useRealTimers());

  it('GIVEN offline WHEN a publish is accepted THEN the show goes live once', () => {
    expect(show.published(1000)).toBe('started');
    expect(show.state).toBe('live');
    expect(show.since).toBe(1000);
    expect(calls).toEqual(['live@1000']);
  });

  it('GIVEN a live show WHEN OBS drops and returns within the grace THEN nothing is announced and the show goes on', () => {
    show.published(1000);
    show.dropped();
    expect(show.state).toBe('reconnecting');
    vi.advanceTimersByTime(29_000);
    expect(show.published(2000)).toBe('resumed');
    vi.advanceTimersByTime(60_000);
    expect(show.state).toBe('live');
    expect(show.since).toBe(1000);
    expect(calls).toEqual(['live@1000']);
  });

  it('GIVEN a live show WHEN OBS drops and the grace runs out THEN the show goes offline once', () => {
    show.published(1000);
    show.dropped();
    vi.advanceTimersByTime(30_000);
    expect(show.state).toBe('offline');
    expect(show.since).toBeNull();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatch(/^offline@/);
    show.end(Date.now());
    expect(calls).toHaveLength(2);
  });

  it('GIVEN a grace of 0 WHEN OBS drops THEN the show ends at once', () => {
    const now = new ShowLifecycle(0, { onLive: () => calls.push('live'), onOffline: () => calls.push('offline') });
    now.published(1);
    now.dropped();
    expect(calls).toEqual(['live', 'offline']);
  });
});
