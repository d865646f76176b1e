import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HoldTimers, type HeldCart } from '../../orchestrator/features/orders/hold-timers.js';
import { memoryLog } from '../support/quiet-log.js';

const order = (id: number, expiresInMs: number, remindedAt?: number): HeldCart => ({
  id,
  publicId: `CART${id}`,
  holdExpiresAt: Date.now() + expiresInMs,
  ...(remindedAt !== undefined && { remindedAt }),
});

describe('hold timers', () => {
  const seen: string[] = [];
  let timers: HoldTimers;
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    seen.length = 0;
    timers = new HoldTimers(
      5 * 60_000,
      {
        remind: async (o) => void seen.push(`remind ${o.id} at ${Date.now() / 60_000}m`),
        expire: async (o) => void seen.push(`expire ${o.id} at ${Date.now() / 60_000}m`),
      },
      memoryLog().log,
    );
  });
  afterEach(() => vi.useRealTimers());

  it('GIVEN a 15 minute hold WHEN time passes THEN the buyer is reminded at 10 minutes and it expires at 15', async () => {
    timers.schedule(order(1, 15 * 60_000));
    await vi.advanceTimersByTimeAsync(16 * 60_000);
    expect(seen).toEqual(['remind 1 at 10m', 'expire 1 at 15m']);
    expect(timers.size).toBe(0);
  });

  it('GIVEN a hold shorter than the reminder lead WHEN scheduled THEN only the expiry runs', async () => {
    timers.schedule(order(2, 2 * 60_000));
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(seen).toEqual(['expire 2 at 2m']);
  });

  it('GIVEN a hold that was already reminded before a restart WHEN rescheduled THEN no second reminder', async () => {
    timers.schedule(order(3, 15 * 60_000, 10 * 60_000));
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(seen).toEqual(['expire 3 at 15m']);
  });

  it('GIVEN a reminded cart that got a new item WHEN rescheduled with a later end THEN it is reminded again before the new end', async () => {
    timers.schedule(order(6, 15 * 60_000));
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    timers.schedule(order(6, 15 * 60_000, 10 * 60_000));
    await vi.advanceTimersByTimeAsync(16 * 60_000);
    expect(seen).toEqual(['remind 6 at 10m', 'remind 6 at 21m', 'expire 6 at 26m']);
  });

  it('GIVEN the buyer cancels WHEN the timers are cancelled THEN nothing fires', async () => {
    timers.schedule(order(4, 15 * 60_000));
    timers.cancel(4);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(seen).toEqual([]);
  });

  it('GIVEN a hold that ended while the app was down WHEN rescheduled THEN it expires at once', async () => {
    timers.schedule(order(5, -1000));
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['expire 5 at 0m']);
  });
});
