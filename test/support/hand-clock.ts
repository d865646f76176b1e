import type { Cancel } from '../../orchestrator/shared/cron.js';

/**
 * Time moved by hand for services that take a clock (auctions): `advanceTo` runs every timer that
 * falls due on the way, in order, at its own moment. Nothing runs by itself.
 */
export class HandClock {
  private timers: Array<{ at: number; run: () => void }> = [];

  constructor(private t: number) {}

  readonly now = (): number => this.t;

  readonly after = (ms: number, run: () => void): Cancel => {
    const timer = { at: this.t + Math.max(0, ms), run };
    this.timers.push(timer);
    return { stop: () => void (this.timers = this.timers.filter((x) => x !== timer)) };
  };

  /** Sets the time without running timers (a line that arrives at this moment). */
  set(at: number): void {
    this.t = at;
  }

  advanceTo(to: number): void {
    for (;;) {
      const due = this.timers.filter((x) => x.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.run();
    }
    this.t = Math.max(this.t, to);
  }

  get pending(): number {
    return this.timers.length;
  }
}
