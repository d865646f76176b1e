import type { ShowConfig } from '../config/schema/index.js';
import type { ShowRunLog } from './store/show-runs.js';
import type { ShowClockReading } from './store/event-log.js';

export type ShowState = 'off-air' | 'live';

/** The running show: its file, what is featured, and the show clock that starts when the stream goes live. */
export class RunningShow {
  featured: string | undefined;
  private run: { id: number; startedAt: number } | undefined;

  constructor(
    public config: ShowConfig,
    private readonly runs: ShowRunLog,
  ) {
    this.featured = config.featured;
  }

  get id(): string {
    return this.config.show.id;
  }

  get state(): ShowState {
    return this.run ? 'live' : 'off-air';
  }

  /** Where `at` falls on the show clock; null while off air. */
  clock(at: number = Date.now()): ShowClockReading {
    if (!this.run) return { runId: null, showMs: null };
    return { runId: this.run.id, showMs: Math.max(0, at - this.run.startedAt) };
  }

  async goLive(at: number): Promise<void> {
    if (this.run) return;
    this.run = { id: await this.runs.open(this.id, at), startedAt: at };
  }

  async goOffAir(at: number): Promise<void> {
    if (!this.run) return;
    await this.runs.close(this.run.id, at);
    this.run = undefined;
  }

  /** A public summary for viewer pages and the health endpoint. */
  summary(): { id: string; name: string; state: ShowState; featured: string | null; startedAt: number | null } {
    return { id: this.id, name: this.config.show.name, state: this.state, featured: this.featured ?? null, startedAt: this.run?.startedAt ?? null };
  }
}
