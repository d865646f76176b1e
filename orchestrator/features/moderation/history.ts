/** One earlier line of a viewer, as the repeat and flood rules need it. */
export interface PastLine {
  at: number;
  /** The line's {@link sameness} key. */
  key: string;
  /** A hash of `key` ({@link fingerprint}): lines with different ones are not the same, without comparing text. */
  hash?: number;
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

  /** `keepMs` is the window until a call names another (the rules of a reloaded show file). */
  constructor(private keepMs: number) {}

  /**
   * Adds a line and returns the viewer's lines within the window, this one included (oldest first).
   * The array is the history itself, trimmed in place (no copy per chat line): read it before the next call.
   */
  record(viewerId: number, line: PastLine, keepMs: number = this.keepMs): readonly PastLine[] {
    this.keepMs = keepMs;
    let lines = this.byViewer.get(viewerId);
    if (lines) expire(lines, line.at, this.keepMs);
    else this.byViewer.set(viewerId, (lines = []));
    lines.push(line);
    if (lines.length > MAX_PER_VIEWER) lines.splice(0, lines.length - MAX_PER_VIEWER);
    this.sweep(line.at);
    return lines;
  }

  /** Forgets a viewer's lines: after a strike the next flood or repeat has to be a new one. */
  forget(viewerId: number): void {
    this.byViewer.delete(viewerId);
  }

  /** Viewers tracked now (for tests and the memory bound). */
  get size(): number {
    return this.byViewer.size;
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

/** Drops the lines that left the window, keeping the order of the others (any order of `at`, as a filter would). */
function expire(lines: PastLine[], now: number, keepMs: number): void {
  let kept = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (now - l.at < keepMs) {
      if (kept !== i) lines[kept] = l;
      kept++;
    }
  }
  lines.length = kept;
}
