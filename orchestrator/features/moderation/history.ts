/** One earlier line of a viewer, as the repeat and flood rules need it. */
export interface PastLine {
  at: number;
  /** The line's {@link sameness} key. */
  key: string;
}

/** Lines kept per viewer at most: enough for any sensible flood or repeat limit, bounded for a bot storm. */
const MAX_PER_VIEWER = 200;

/**
 * Recent lines per viewer within a sliding window. Keyed by viewer id, so a viewer's linked
 * accounts on several platforms share one history (flooding across platforms is still flooding).
 */
export class LineHistory {
  private readonly byViewer = new Map<number, PastLine[]>();
  private lastSweep = 0;

  constructor(private readonly keepMs: number) {}

  /** Adds a line and returns the viewer's lines within the window, this one included (oldest first). */
  record(viewerId: number, line: PastLine): readonly PastLine[] {
    const lines = this.recent(viewerId, line.at);
    lines.push(line);
    if (lines.length > MAX_PER_VIEWER) lines.splice(0, lines.length - MAX_PER_VIEWER);
    this.byViewer.set(viewerId, lines);
    this.sweep(line.at);
    return lines;
  }

  /** Viewers tracked now (for tests and the memory bound). */
  get size(): number {
    return this.byViewer.size;
  }

  private recent(viewerId: number, now: number): PastLine[] {
    return (this.byViewer.get(viewerId) ?? []).filter((l) => now - l.at < this.keepMs);
  }

  // Viewers who went quiet are forgotten now and then, so a long show does not keep every chatter.
  private sweep(now: number): void {
    if (now - this.lastSweep < this.keepMs) return;
    this.lastSweep = now;
    for (const [id, lines] of this.byViewer) {
      const last = lines.at(-1);
      if (!last || now - last.at >= this.keepMs) this.byViewer.delete(id);
    }
  }
}
