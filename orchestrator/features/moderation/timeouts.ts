/**
 * Timeouts moderation gave, per viewer: until when, and whether the viewer was told. A platform
 * enforces its own timeouts, but a line can still reach us while one runs (the web chat, a Twitch
 * bot that is not a moderator, a refused call): then the viewer is told once how long is left.
 */
export class Timeouts {
  private readonly byViewer = new Map<number, { until: number; told: boolean }>();

  /** A timeout of `ms` starts now (a later one replaces an earlier one). */
  start(viewerId: number, now: number, ms: number): void {
    this.byViewer.set(viewerId, { until: now + ms, told: false });
    // Forget timeouts that ran out, so the map stays as small as the number of viewers in one.
    if (this.byViewer.size > 1000) for (const [id, t] of this.byViewer) if (t.until <= now) this.byViewer.delete(id);
  }

  /** How long the viewer's timeout still runs, 0 when none does. */
  left(viewerId: number, now: number): number {
    const t = this.byViewer.get(viewerId);
    if (t === undefined) return 0;
    if (t.until > now) return t.until - now;
    this.byViewer.delete(viewerId);
    return 0;
  }

  /** True the first time it is asked during a running timeout: the one time the viewer is told. */
  firstTell(viewerId: number): boolean {
    const t = this.byViewer.get(viewerId);
    if (t === undefined || t.told) return false;
    t.told = true;
    return true;
  }
}
