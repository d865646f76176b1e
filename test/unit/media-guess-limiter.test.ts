import { describe, expect, it } from 'vitest';
import { GUESS_LIMITS, GuessLimiter, addressKey } from '../../media/guess-limiter.js';

function limiter() {
  const clock = { now: 1_000_000 };
  return { clock, guesses: new GuessLimiter(GUESS_LIMITS, () => clock.now) };
}

describe('stream-key guesses per address', () => {
  it('GIVEN 9 wrong keys within a minute WHEN the 10th comes THEN the address is locked for 5 minutes, then free again', () => {
    const { clock, guesses } = limiter();
    for (let i = 0; i < 9; i++) expect(guesses.miss('203.0.113.7')).toBeNull();
    expect(guesses.locked('203.0.113.7')).toBe(false);
    expect(guesses.miss('203.0.113.7')).toBe(clock.now + 5 * 60_000);
    expect(guesses.locked('203.0.113.7')).toBe(true);
    expect(guesses.locked('203.0.113.8')).toBe(false);
    clock.now += 5 * 60_000 - 1;
    expect(guesses.locked('203.0.113.7')).toBe(true);
    clock.now += 1;
    expect(guesses.locked('203.0.113.7')).toBe(false);
  });

  it('GIVEN wrong keys spread out WHEN no 10 fall within one minute THEN nobody is locked', () => {
    const { clock, guesses } = limiter();
    for (let i = 0; i < 30; i++) {
      expect(guesses.miss('198.51.100.1')).toBeNull();
      clock.now += 7_000;
    }
    expect(guesses.locked('198.51.100.1')).toBe(false);
  });

  it('GIVEN a lockout restored from the list WHEN asked THEN it holds until its end, and the list keeps only running ones', () => {
    const { clock, guesses } = limiter();
    guesses.lock('192.0.2.1', clock.now + 1000);
    guesses.lock('192.0.2.2', clock.now - 1);
    expect(guesses.locked('192.0.2.1')).toBe(true);
    expect(guesses.list()).toEqual([['192.0.2.1', clock.now + 1000]]);
  });

  it('GIVEN IPv6 and IPv4-mapped addresses WHEN counted THEN one /64 is one address and a mapped IPv4 is the IPv4', () => {
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::7')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    const { guesses } = limiter();
    for (let i = 0; i < 10; i++) guesses.miss(`2001:db8:1:2::${i + 1}`);
    expect(guesses.locked('2001:db8:1:2:ffff::9')).toBe(true);
    expect(guesses.locked('2001:db8:1:3::1')).toBe(false);
  });
});
