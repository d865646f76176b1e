import { isIPv6 } from 'node:net';

/** How many wrong stream keys an address may try, and for how long it is refused after that. */
export interface GuessLimits {
  max: number;
  windowMs: number;
  lockMs: number;
}

/** 10 wrong keys within a minute: refused for 5 minutes. OBS with the right key never comes close. */
export const GUESS_LIMITS: GuessLimits = { max: 10, windowMs: 60_000, lockMs: 5 * 60_000 };

/** Addresses tracked at most (each map), so a flood from many addresses cannot grow memory without bound. */
const MAX_TRACKED = 10_000;

/**
 * Stream-key guesses per address, with a lockout. An IPv6 client gets a whole /64 from its
 * provider, so its /64 counts as one address. Pure bookkeeping: the clock is injected.
 */
export class GuessLimiter {
  private readonly misses = new Map<string, number[]>();
  private readonly locks = new Map<string, number>();

  constructor(
    private readonly limits: GuessLimits = GUESS_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get lockMs(): number {
    return this.limits.lockMs;
  }

  /** Whether this address is refused now. */
  locked(address: string): boolean {
    const key = addressKey(address);
    const until = this.locks.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.locks.delete(key);
    return false;
  }

  /** A wrong key from this address; returns when its lockout ends if this miss starts one, else null. */
  miss(address: string): number | null {
    const key = addressKey(address);
    const now = this.now();
    const recent = (this.misses.get(key) ?? []).filter((at) => now - at < this.limits.windowMs);
    recent.push(now);
    this.misses.delete(key);
    if (recent.length >= this.limits.max) {
      const until = now + this.limits.lockMs;
      this.lock(key, until);
      return until;
    }
    this.misses.set(key, recent);
    trim(this.misses);
    return null;
  }

  /** Restores a lockout (the media process restarted; the parent kept the list). */
  lock(address: string, until: number): void {
    const key = addressKey(address);
    this.locks.delete(key);
    this.locks.set(key, until);
    trim(this.locks);
  }

  /** The lockouts still running, for the next media process. */
  list(): Array<[string, number]> {
    const now = this.now();
    return [...this.locks].filter(([, until]) => until > now);
  }
}

function trim(map: Map<string, unknown>): void {
  while (map.size > MAX_TRACKED) map.delete(map.keys().next().value!);
}

/** The unit an address is counted in: IPv4 as is (also when IPv4-mapped), IPv6 by its /64. */
export function addressKey(address: string): string {
  const plain = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '').replace(/%.*$/, '');
  if (!isIPv6(plain)) return plain;
  const [head = '', tail] = plain.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
