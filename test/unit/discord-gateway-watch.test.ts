import { describe, expect, it } from 'vitest';
import { GatewayWatch } from '../../bots/discord/gateway-watch.js';

const connected = { state: 'connected' as const, since: 1 };

describe('Discord gateway watch', () => {
  it('GIVEN a live client WHEN the gateway closes THEN state is retrying with the next library attempt ~500 ms later', () => {
    const watch = new GatewayWatch();
    expect(watch.closed(10_000)).toBe(true);
    expect(watch.overlay(connected, 10_100)).toEqual({
      state: 'retrying',
      nextAttemptAt: 10_500,
      attempts: 1,
      lastError: 'gateway connection lost; discord.js is reconnecting',
    });
  });

  it('GIVEN repeated failed attempts WHEN counted THEN the outage is reported once AND attempts add up', () => {
    const watch = new GatewayWatch();
    watch.closed(0);
    expect(watch.closed(600)).toBe(false);
    // discord.js waits ~5 s before re-identifying: the next attempt is then "now", never in the past.
    expect(watch.overlay(connected, 7_000)).toMatchObject({ attempts: 2, nextAttemptAt: 7_000 });
  });

  it('GIVEN a resume or a new READY WHEN the gateway is back THEN connected again AND the outage length is known', () => {
    const watch = new GatewayWatch();
    watch.closed(1_000);
    expect(watch.up(4_000)).toBe(3_000);
    expect(watch.overlay(connected, 4_000)).toBe(connected);
    expect(watch.up(5_000)).toBeUndefined();
  });

  it('GIVEN the supervisor is not connected (logging in, disabled) WHEN overlaid THEN its state wins', () => {
    const watch = new GatewayWatch();
    watch.closed(0);
    const disabled = { state: 'disabled' as const, reason: 'token rejected' };
    expect(watch.overlay(disabled, 1)).toBe(disabled);
  });
});
