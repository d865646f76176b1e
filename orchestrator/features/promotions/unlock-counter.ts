/**
 * How many different viewers asked within the last `windowMs`. Each viewer keeps only their
 * latest ask, so asking again refreshes their place instead of counting twice; linked identities
 * share one viewer id and so count once.
 */
export class DistinctWindow {
  // Insertion order is kept oldest-ask-first (a repeat ask is moved to the end), so expiry only
  // ever looks at the front: O(1) per ask however many thousand viewers take part.
  private readonly latest = new Map<number, number>();

  constructor(private readonly windowMs: number) {}

  /** Records an ask and returns how many distinct viewers asked within the window ending at `at`. */
  add(viewerId: number, at: number): number {
    this.latest.delete(viewerId);
    this.latest.set(viewerId, at);
    return this.count(at);
  }

  count(at: number): number {
    for (const [viewerId, asked] of this.latest) {
      if (asked > at - this.windowMs) break;
      this.latest.delete(viewerId);
    }
    return this.latest.size;
  }

  clear(): void {
    this.latest.clear();
  }
}

/** How many viewers a milestone percentage of the goal means (at least one). */
export function milestoneThreshold(goal: number, percent: number): number {
  return Math.max(1, Math.ceil((goal * percent) / 100));
}

/**
 * The milestones `count` has newly passed, lowest first. Milestones that round up to the goal are
 * left out: reaching the goal has its own announcement.
 */
export function passedMilestones(goal: number, milestones: readonly number[], count: number, done: ReadonlySet<number>): number[] {
  return [...new Set(milestones)]
    .filter((p) => !done.has(p) && milestoneThreshold(goal, p) < goal && count >= milestoneThreshold(goal, p))
    .sort((a, b) => a - b);
}

export type AskOutcome = { kind: 'none'; count: number } | { kind: 'milestone'; percent: number; count: number } | { kind: 'reached'; count: number };

/**
 * One unlock during one show run: counts distinct askers in the window, says which milestone to
 * announce (each once; when several pass at once only the highest is worth a line) and reports
 * the goal once. Pure: time comes in as an argument.
 */
export class UnlockTracker {
  private readonly window: DistinctWindow;
  private readonly announced = new Set<number>();
  private reached = false;

  constructor(
    private readonly goal: number,
    private readonly milestones: readonly number[],
    windowMs: number,
  ) {
    this.window = new DistinctWindow(windowMs);
  }

  ask(viewerId: number, at: number): AskOutcome {
    if (this.reached) return { kind: 'none', count: this.goal };
    const count = this.window.add(viewerId, at);
    if (count >= this.goal) {
      this.reached = true;
      return { kind: 'reached', count };
    }
    const passed = passedMilestones(this.goal, this.milestones, count, this.announced);
    for (const p of passed) this.announced.add(p);
    const highest = passed.at(-1);
    return highest === undefined ? { kind: 'none', count } : { kind: 'milestone', percent: highest, count };
  }

  get done(): boolean {
    return this.reached;
  }

  /** Distinct askers within the window ending at `at` (the goal once reached), for the dashboard. */
  count(at: number): number {
    return this.reached ? Math.max(this.goal, this.window.count(at)) : this.window.count(at);
  }

  /** The seller reached it by hand; false when it was already reached in this run. */
  force(): boolean {
    if (this.reached) return false;
    this.reached = true;
    return true;
  }

  /** The code could not be issued: let the next ask try again. */
  reopen(): void {
    this.reached = false;
  }

  /** A new show run starts from zero. */
  reset(): void {
    this.window.clear();
    this.announced.clear();
    this.reached = false;
  }
}
