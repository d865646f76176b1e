import { readFileSync } from 'node:fs';
import type { WebLimitsConfig } from '../../config/schema/channels.js';
import type { RateWindow } from '../../orchestrator/channel.js';
import { SlidingWindow } from '../../orchestrator/shared/sliding-window.js';
import { addressKey } from './web-address.js';

/** Why an upgrade was refused: the chat is full, or this address has its share. */
export type Refusal = 'full' | 'address';

interface Tracked {
  window: SlidingWindow;
  /** When it last counted something: an idle one is forgotten once its window has passed. */
  lastAt: number;
  windowMs: number;
}

interface AddressRates {
  sessions: Tracked;
  lines: Tracked;
}

/**
 * Who may connect and who may speak, kept per address and per viewer outside any one socket, so
 * neither a reconnect nor a new hello starts a sender afresh. Per-address caps skip the shared
 * addresses (a local proxy); the total cap and the per-viewer limits hold for everyone.
 */
export class WebAdmission {
  readonly maxConnections: number;
  private open = 0;
  /** Open sockets per limited address; an address with none is not kept. */
  private readonly perAddress = new Map<string, number>();
  /** Made on a hello or a line only, so sockets that connect and go leave nothing behind. */
  private readonly rates = new Map<string, AddressRates>();
  private readonly viewers = new Map<string, Tracked>();
  private readonly shared: Set<string>;

  constructor(
    private readonly limits: WebLimitsConfig,
    fileLimit: number | undefined = openFileLimit(),
  ) {
    this.shared = new Set(limits.sharedAddresses.map(addressKey));
    this.maxConnections = Math.max(1, Math.min(limits.maxConnections, socketBudget(fileLimit)));
  }

  get connections(): number {
    return this.open;
  }

  /** Counts a new socket in, or says why not; every admitted socket must be `disconnect`ed once. */
  connect(address: string): Refusal | undefined {
    if (this.open >= this.maxConnections) return 'full';
    if (this.shared.has(address)) {
      this.open++;
      return undefined;
    }
    const count = this.perAddress.get(address) ?? 0;
    if (count >= this.limits.perAddress.connections) return 'address';
    this.open++;
    this.perAddress.set(address, count + 1);
    return undefined;
  }

  disconnect(address: string): void {
    this.open--;
    const count = this.perAddress.get(address);
    if (count === undefined) return;
    if (count <= 1) this.perAddress.delete(address);
    else this.perAddress.set(address, count - 1);
  }

  /** Whether this address may be given one more viewer id now (and counts it if so). */
  newSession(address: string, now = Date.now()): boolean {
    const state = this.address(address, now);
    return !state || take(state.sessions, now);
  }

  /** 0 if the viewer may send a line now (and counts it), else how many ms until they may. */
  line(address: string, userId: string, now = Date.now()): number {
    const viewer = tracked(this.viewers, userId, this.limits.perViewer.lines, now);
    const state = this.address(address, now);
    const at = Math.max(viewer.window.nextAllowed(now), state ? state.lines.window.nextAllowed(now) : now);
    if (at > now) return at - now;
    viewer.window.record(now);
    viewer.lastAt = now;
    if (state) {
      state.lines.window.record(now);
      state.lines.lastAt = now;
    }
    return 0;
  }

  /** Forgets addresses and viewers with nothing left in their windows. */
  sweep(now = Date.now()): void {
    for (const [key, s] of this.rates) if (idle(s.sessions, now) && idle(s.lines, now)) this.rates.delete(key);
    for (const [key, v] of this.viewers) if (idle(v, now)) this.viewers.delete(key);
  }

  /** An address many viewers share (a proxy in front, the loopback): nothing is limited per address there. */
  isShared(address: string): boolean {
    return this.shared.has(address);
  }

  /** The rates of a limited address, made on first use; undefined for a shared one. */
  private address(address: string, now: number): AddressRates | undefined {
    if (this.shared.has(address)) return undefined;
    let state = this.rates.get(address);
    if (!state) {
      const { newSessions, lines } = this.limits.perAddress;
      state = { sessions: fresh(newSessions, now), lines: fresh(lines, now) };
      this.rates.set(address, state);
    }
    return state;
  }
}

function fresh(rate: { count: number; per: number }, now: number): Tracked {
  const window: RateWindow = { limit: rate.count, windowMs: rate.per };
  return { window: new SlidingWindow([window]), lastAt: now, windowMs: rate.per };
}

function tracked(map: Map<string, Tracked>, key: string, rate: { count: number; per: number }, now: number): Tracked {
  let t = map.get(key);
  if (!t) map.set(key, (t = fresh(rate, now)));
  return t;
}

function take(t: Tracked, now: number): boolean {
  if (t.window.nextAllowed(now) > now) return false;
  t.window.record(now);
  t.lastAt = now;
  return true;
}

function idle(t: Tracked, now: number): boolean {
  return now - t.lastAt >= t.windowMs;
}

/**
 * Sockets the chat may hold under the open-file limit: a quarter of the descriptors (at least
 * 64) stay free for the database, the bots, /api/health and the admin.
 */
export function socketBudget(fileLimit: number | undefined): number {
  if (fileLimit === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(1, fileLimit - Math.max(64, Math.ceil(fileLimit / 4)));
}

/** The process's soft limit on open files (Linux); undefined where it cannot be read. */
export function openFileLimit(): number | undefined {
  try {
    const line = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    return line && line[1] !== 'unlimited' ? Number(line[1]) : undefined;
  } catch {
    return undefined;
  }
}
