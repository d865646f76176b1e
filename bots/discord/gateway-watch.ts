import type { ChannelState } from '../../orchestrator/channel.js';

/** discord.js tries the gateway again this long after a close (its own, fixed delay). */
const LIBRARY_RETRY_MS = 500;

interface Outage {
  since: number;
  lastCloseAt: number;
  attempts: number;
  lastError: string;
}

/**
 * Follows discord.js's own gateway reconnects (shardReconnecting … shardResume/shardReady) so
 * that `state()` says "retrying" while it works on it. It only reports: discord.js resumes or
 * re-identifies by itself, and fighting that loop would cost sessions.
 */
export class GatewayWatch {
  private outage: Outage | undefined;

  /**
   * The socket closed and discord.js is reconnecting (fires again on each failed attempt).
   * Returns true when this starts an outage, so it is logged once rather than every 500 ms.
   */
  closed(now: number, reason = 'gateway connection lost; discord.js is reconnecting'): boolean {
    const first = this.outage === undefined;
    const attempts = (this.outage?.attempts ?? 0) + 1;
    this.outage = { since: this.outage?.since ?? now, lastCloseAt: now, attempts, lastError: reason };
    return first;
  }

  /** A resume or a fresh READY: the gateway is back. Returns how long it was away, if it was. */
  up(now: number): number | undefined {
    const since = this.outage?.since;
    this.outage = undefined;
    return since === undefined ? undefined : now - since;
  }

  get down(): boolean {
    return this.outage !== undefined;
  }

  /** The supervisor's view, overridden by a gateway outage while the client itself is alive. */
  overlay(state: ChannelState, now: number): ChannelState {
    const o = this.outage;
    if (state.state !== 'connected' || o === undefined) return state;
    return { state: 'retrying', nextAttemptAt: Math.max(now, o.lastCloseAt + LIBRARY_RETRY_MS), attempts: o.attempts, lastError: o.lastError };
  }
}
