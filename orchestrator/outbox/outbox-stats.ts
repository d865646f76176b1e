import type { Platform } from '../chat-types.js';

export type DropReason = 'overflow' | 'stale' | 'failed' | 'disabled' | 'shutdown';

/** What happened to outbound messages on one platform; every line that did not go out is counted. */
export interface PlatformStats {
  sent: number;
  /** Relay lines that went out merged into digests. */
  coalesced: number;
  /** Answers that went out merged into notices naming several people (a burst of buyers). */
  mergedAnswers: number;
  /** Moderation actions that added nothing (a timeout of a viewer already timed out). */
  collapsed: number;
  /** Private messages the platform refused that went to the room instead. */
  redirected: number;
  dropped: Record<DropReason, number>;
  queued: number;
  retries: number;
  rateLimited: number;
}

export function emptyStats(): PlatformStats {
  return {
    sent: 0,
    coalesced: 0,
    mergedAnswers: 0,
    collapsed: 0,
    redirected: 0,
    dropped: { overflow: 0, stale: 0, failed: 0, disabled: 0, shutdown: 0 },
    queued: 0,
    retries: 0,
    rateLimited: 0,
  };
}

export type OutboxStats = Partial<Record<Platform, PlatformStats>>;
