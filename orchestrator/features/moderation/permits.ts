import type { Platform } from '../../chat-types.js';

/** How long a `!permit` waits for its one link. */
export const PERMIT_MS = 5 * 60_000;

/**
 * One-link permits a moderator grants with `!permit user`. A permit names a viewer on the
 * moderator's own platform by display name or login (case-insensitive, "@" optional), because
 * that is what a moderator sees and types in chat.
 */
export class Permits {
  private readonly granted = new Map<string, number>();

  constructor(private readonly forMs = PERMIT_MS) {}

  grant(platform: Platform, who: string, now: number): void {
    this.granted.set(key(platform, who), now + this.forMs);
  }

  /** Uses up the permit of a viewer known by any of `names`; true when there was a live one. */
  take(platform: Platform, names: readonly string[], now: number): boolean {
    for (const name of names) {
      const k = key(platform, name);
      const until = this.granted.get(k);
      if (until === undefined) continue;
      this.granted.delete(k);
      if (now <= until) return true;
    }
    return false;
  }
}

function key(platform: Platform, who: string): string {
  return `${platform}:${who.trim().replace(/^@/, '').toLocaleLowerCase()}`;
}
