/** What to do about the "starts in …" announcements of one show. */
export interface DueResult {
  /** The offset to announce now, if any. */
  announce: number | undefined;
  /** Offsets now dealt with: the one announced and any older ones it makes stale. */
  handled: number[];
}

/**
 * Which "before" announcement is due at `now` for a show starting at `start`. When several are
 * overdue (the app was down), only the one closest to the start is said, with the real time left,
 * so chat does not get "in 24 hours" and "in 1 hour" back to back.
 */
export function dueAnnouncement(start: number, before: readonly number[], now: number, handled: ReadonlySet<number>): DueResult {
  if (now >= start) return { announce: undefined, handled: [] };
  const due = before.filter((offset) => start - offset <= now && !handled.has(offset));
  if (due.length === 0) return { announce: undefined, handled: [] };
  return { announce: Math.min(...due), handled: due };
}

/** When to look again: the next announcement moment still ahead, else the show start (to move on to the next show). */
export function nextWake(start: number, before: readonly number[], now: number, handled: ReadonlySet<number>): number {
  const ahead = before.filter((offset) => !handled.has(offset) && start - offset > now).map((offset) => start - offset);
  return ahead.length > 0 ? Math.min(...ahead) : start;
}
