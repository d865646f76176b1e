import type { Bus } from './bus.js';
import type { RunningShow } from './show.js';
import { after } from './shared/after.js';
import { nextCronRun, type Cancel, type CronScheduler } from './shared/cron.js';

/**
 * What a show file's wiring schedules on the show clock. Everything registered here runs only
 * while the show is live and is called off when the wiring is replaced; keys say which plan an
 * entry is, so a replaced wiring that registers the same key never runs it twice in one run.
 */
export interface ShowTimetable {
  /** Once per show run at `showMs`. Registered mid-run (a reload) after its moment: runs at once while within `slackMs`, else never. */
  at(key: string, showMs: number, run: () => void, options?: { slackMs?: number }): void;
  /** At every multiple of `everyMs` of show time while live (a reload keeps the phase). */
  every(key: string, everyMs: number, run: () => void): void;
  /** Once per run at a random moment of a window of the show clock, chosen once per run; `chosen` hears it when picked. */
  randomlyWithin(key: string, window: readonly [number, number], run: () => void, chosen?: (showMs: number) => void): void;
  /** While live, on a cron expression read in `timeZone`. */
  cron(key: string, expression: string, timeZone: string, run: () => void): void;
}

interface Entry {
  key: string;
  arm(startedAt: number, joined: boolean): Cancel | undefined;
  armed?: Cancel | undefined;
}

export interface ShowScheduleDeps {
  cron: CronScheduler;
  random: () => number;
}

/**
 * The one place that knows when the show is on air and what was already done in this run. The
 * wiring of a show file registers its plan in a scope; the schedule arms it when the show goes
 * live (or at once, when registered mid-run), disarms it off air, and drops it with the scope.
 */
export class ShowSchedule {
  private readonly scopes = new Set<Set<Entry>>();
  /** Keys that ran in this run, and random moments chosen in it: a reload keeps both. */
  private fired = new Set<string>();
  private chosen = new Map<string, number | undefined>();
  /** The last period each repeating plan ran in, and the last moment each cron plan ran (or was armed): a re-arm runs one it missed. */
  private periodRan = new Map<string, number>();
  private lastRan = new Map<string, number>();

  constructor(
    bus: Bus,
    private readonly show: Pick<RunningShow, 'startedAt'>,
    private readonly deps: ShowScheduleDeps,
  ) {
    bus.on('show.live', ({ at }) => this.live(at));
    bus.on('show.offline', () => this.offline());
  }

  /** A timetable whose entries all end with `close()` (the wiring of one show file). */
  scope(): ShowTimetable & { close(): void } {
    const entries = new Set<Entry>();
    this.scopes.add(entries);
    const add = (entry: Entry) => {
      entries.add(entry);
      const startedAt = this.show.startedAt;
      if (startedAt !== undefined) entry.armed = entry.arm(startedAt, true);
    };
    return {
      at: (key, showMs, run, options) => add(this.once(key, () => showMs, run, options?.slackMs ?? 0)),
      every: (key, everyMs, run) => add(this.repeating(key, everyMs, run)),
      randomlyWithin: (key, window, run, chosen) => add(this.randomOnce(key, window, run, chosen)),
      cron: (key, expression, timeZone, run) => add(this.cronEntry(key, expression, timeZone, run)),
      close: () => {
        for (const e of entries) e.armed?.stop();
        entries.clear();
        this.scopes.delete(entries);
      },
    };
  }

  private live(startedAt: number): void {
    this.fired = new Set();
    this.chosen = new Map();
    this.periodRan = new Map();
    this.lastRan = new Map();
    for (const entries of this.scopes) for (const e of entries) e.armed = e.arm(startedAt, false);
  }

  /** Off air nothing new starts; what is already running (a poll, a sale) ends on its own. */
  private offline(): void {
    for (const entries of this.scopes) {
      for (const e of entries) {
        e.armed?.stop();
        e.armed = undefined;
      }
    }
  }

  private once(key: string, moment: (joinedAtMs: number, joined: boolean) => number | undefined, run: () => void, slackMs: number): Entry {
    return {
      key,
      arm: (startedAt, joined) => {
        if (this.fired.has(key)) return undefined;
        const now = Date.now();
        const showMs = moment(now - startedAt, joined);
        if (showMs === undefined) return undefined;
        // Registered mid-run after its moment and its slot: that moment belongs to a plan this run never had.
        if (joined && now - startedAt >= showMs + slackMs && !this.chosen.has(key)) return undefined;
        return after(startedAt + showMs - now, () => {
          if (this.fired.has(key)) return;
          this.fired.add(key);
          run();
        });
      },
    };
  }

  private randomOnce(key: string, window: readonly [number, number], run: () => void, chosen?: (showMs: number) => void): Entry {
    const pick = (elapsed: number, joined: boolean): number | undefined => {
      if (!this.chosen.has(key)) {
        const moment = randomMoment(window, this.deps.random, joined ? elapsed : 0);
        this.chosen.set(key, moment);
        if (moment !== undefined) chosen?.(moment);
      }
      return this.chosen.get(key);
    };
    return this.once(key, pick, run, 0);
  }

  private repeating(key: string, everyMs: number, run: () => void): Entry {
    const ran = (period: number) => {
      this.periodRan.set(key, period);
      run();
    };
    return {
      key,
      arm: (startedAt) => {
        const current = Math.floor((Date.now() - startedAt) / everyMs);
        const last = this.periodRan.get(key);
        // Re-armed (a reload) just as a period came round, before it ran: it runs now, once. A plan
        // new to this run owes nothing for the periods before it existed.
        if (last === current - 1 && current >= 1) ran(current);
        else if (last === undefined || last < current) this.periodRan.set(key, current);
        let timer: Cancel | undefined;
        const next = () => {
          const elapsed = Date.now() - startedAt;
          const due = Math.floor(elapsed / everyMs) + 1;
          timer = after(due * everyMs - elapsed, () => {
            ran(due);
            next();
          });
        };
        next();
        return { stop: () => timer?.stop() };
      },
    };
  }

  private cronEntry(key: string, expression: string, timeZone: string, run: () => void): Entry {
    const ran = () => {
      this.lastRan.set(key, Date.now());
      run();
    };
    return {
      key,
      arm: () => {
        const now = Date.now();
        const since = this.lastRan.get(key);
        // Re-armed (a reload) after a cron moment came but before its job ran: it runs now, once.
        if (since !== undefined) {
          const missed = nextCronRun(expression, timeZone, since);
          if (missed !== undefined && missed <= now) ran();
        } else {
          this.lastRan.set(key, now);
        }
        return this.deps.cron(expression, timeZone, ran, key);
      },
    };
  }
}

/**
 * One moment in `[from, to]` (either order) from a random number in [0, 1); a window that has
 * already begun by `notBefore` is narrowed to what is left of it, and undefined once it is over.
 */
export function randomMoment(window: readonly [number, number], random: () => number, notBefore = 0): number | undefined {
  const lo = Math.max(Math.min(window[0], window[1]), notBefore);
  const hi = Math.max(window[0], window[1]);
  if (lo > hi) return undefined;
  return Math.min(hi, lo + Math.floor(random() * (hi - lo + 1)));
}
