import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attempt } from '../../media/attempt.js';
import { TargetSupervisor, type SupervisorOptions } from '../../media/target-supervisor.js';
import { DEFAULT_TIMING, type TargetStatus } from '../../media/types.js';

/** A restream attempt the test drives: it moves bytes, fails or stalls on command. */
class FakeAttempt implements Attempt {
  bytes = 0;
  stopped = false;
  private end!: (reason: string) => void;
  readonly ended = new Promise<string>((resolve) => (this.end = resolve));
  bytesOut(): number {
    return this.bytes;
  }
  fail(reason: string): void {
    this.end(reason);
  }
  async stop(): Promise<void> {
    this.stopped = true;
    this.end('stopped');
  }
}

const timing = { ...DEFAULT_TIMING, retryBaseMs: 1000, retryMaxMs: 8000, stallMs: 3000 };

describe('one restream target under supervision', () => {
  let attempts: FakeAttempt[];
  let changes: TargetStatus[];
  let ingestMoving: boolean;
  let sup: TargetSupervisor;
  const make = (over: Partial<SupervisorOptions> = {}) =>
    new TargetSupervisor({
      name: 'twitch',
      displayUrl: 'rtmp://live.twitch.tv/app/li****ef',
      enabled: true,
      transport: 'ffmpeg',
      unavailable: null,
      start: () => {
        const a = new FakeAttempt();
        attempts.push(a);
        return a;
      },
      timing,
      ingestMoving: () => ingestMoving,
      onChange: (s) => changes.push(s),
      random: () => 0.5, // no jitter: delays are exactly base·2^n
      now: () => Date.now(),
      ...over,
    });
  const flush = () => vi.advanceTimersByTimeAsync(0);
  const states = () => changes.map((c) => c.state);

  beforeEach(() => {
    vi.useFakeTimers();
    attempts = [];
    changes = [];
    ingestMoving = true;
    sup = make();
  });
  afterEach(() => vi.useRealTimers());

  it('GIVEN an enabled target WHEN the show goes live and bytes flow THEN it is starting, then live with uptime and bitrate', async () => {
    expect(sup.status().state).toBe('idle');
    await sup.setShowLive(true);
    expect(attempts).toHaveLength(1);
    attempts[0]!.bytes = 10_000;
    await sup.tick(1000);
    vi.advanceTimersByTime(1000);
    attempts[0]!.bytes = 135_000;
    await sup.tick(1000);
    expect(sup.status()).toMatchObject({ state: 'live', uptimeMs: 1000, bitrateKbps: 1000, restarts: 0, lastError: null });
    expect(states()).toEqual(['starting', 'live']);
  });

  it('GIVEN a live target WHEN its attempt ends THEN it retries with growing backoff and counts restarts', async () => {
    await sup.setShowLive(true);
    attempts[0]!.fail('Connection refused');
    await flush();
    expect(sup.status()).toMatchObject({ state: 'retrying', lastError: 'Connection refused' });
    await vi.advanceTimersByTimeAsync(999);
    expect(attempts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toHaveLength(2);
    attempts[1]!.fail('Connection refused');
    await flush();
    await vi.advanceTimersByTimeAsync(1999);
    expect(attempts).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toHaveLength(3);
    expect(sup.status().restarts).toBe(2);
  });

  it('GIVEN a target moving no bytes WHEN the ingest moves for the stall time THEN the attempt is stopped and restarted', async () => {
    await sup.setShowLive(true);
    attempts[0]!.bytes = 5000;
    await sup.tick(1000);
    for (let i = 0; i < 3; i++) await sup.tick(1000);
    expect(attempts[0]!.stopped).toBe(true);
    expect(sup.status()).toMatchObject({ state: 'retrying', lastError: 'no data reached the platform for 3 s (0 kbps): restarting' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toHaveLength(2);
    expect(sup.status().restarts).toBe(1);
  });

  it('GIVEN OBS dropped (the ingest is quiet) WHEN a target moves nothing THEN it is left alone', async () => {
    await sup.setShowLive(true);
    attempts[0]!.bytes = 5000;
    await sup.tick(1000);
    ingestMoving = false;
    for (let i = 0; i < 20; i++) await sup.tick(1000);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.stopped).toBe(false);
  });

  it('GIVEN a live target WHEN disabled and enabled THEN its attempt stops, and a fresh one starts (not counted as a restart)', async () => {
    await sup.setShowLive(true);
    await sup.setEnabled(false);
    expect(attempts[0]!.stopped).toBe(true);
    expect(sup.status()).toMatchObject({ state: 'disabled', enabled: false });
    await sup.setEnabled(true);
    expect(attempts).toHaveLength(2);
    expect(sup.status()).toMatchObject({ state: 'starting', restarts: 0 });
  });

  it('GIVEN a target retrying WHEN the show ends THEN nothing runs or retries any more', async () => {
    await sup.setShowLive(true);
    attempts[0]!.fail('boom');
    await flush();
    await sup.setShowLive(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toHaveLength(1);
    expect(sup.status().state).toBe('idle');
  });

  it('GIVEN a target that cannot run WHEN the show goes live THEN it stays unavailable with the reason', async () => {
    const broken = make({ start: null, transport: null, unavailable: 'RTMPS targets need ffmpeg: install ffmpeg or set FFMPEG_PATH' });
    await broken.setShowLive(true);
    expect(broken.status()).toMatchObject({ state: 'unavailable', lastError: 'RTMPS targets need ffmpeg: install ffmpeg or set FFMPEG_PATH' });
    expect(attempts).toHaveLength(0);
  });

  it('GIVEN attempts still stopping WHEN stop() is called THEN it resolves only after every attempt has stopped', async () => {
    let release!: () => void;
    const slow = new FakeAttempt();
    slow.stop = () => new Promise<void>((resolve) => (release = resolve));
    const s = make({ start: () => slow });
    await s.setShowLive(true);
    void s.setEnabled(false);
    let done = false;
    const stopped = s.stop().then(() => (done = true));
    await flush();
    expect(done).toBe(false);
    release();
    await stopped;
    expect(done).toBe(true);
  });
});
