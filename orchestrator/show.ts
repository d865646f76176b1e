import type { ShowConfig } from '../config/schema/index.js';
import type { Bus } from './bus.js';
import { Catalog } from './commerce/catalog.js';
import { textsFor, type Texts } from './i18n/texts.js';
import type { ShowRunLog } from './store/show-runs.js';

export type ShowState = 'off-air' | 'live';

/** Where a moment falls on the show clock: the run it belongs to and ms since that run began. */
export interface ShowClockReading {
  runId: number | null;
  showMs: number | null;
}

/**
 * The running show: the show file in force, what is featured, and the show clock that starts when
 * the stream goes live. Process-lived: a reload swaps `config`, nothing else. `show.live` is
 * emitted only once the clock has started, so whoever hears it reads a running clock.
 */
export class RunningShow {
  featured: string | undefined;
  private run: { id: number; startedAt: number } | undefined;
  private current: ShowConfig;
  private catalogOf: { config: ShowConfig; catalog: Catalog };
  // One transition at a time: a stream that flaps never opens two runs or closes one twice.
  private transition: Promise<void> = Promise.resolve();

  constructor(
    config: ShowConfig,
    private readonly runs: ShowRunLog,
    private readonly bus: Bus,
  ) {
    this.current = config;
    this.catalogOf = { config, catalog: new Catalog(config) };
    this.featured = config.featured;
  }

  get config(): ShowConfig {
    return this.current;
  }

  /** A reload: the new show file is in force from now on; a featured product it dropped falls back to its own `featured`. */
  set config(config: ShowConfig) {
    this.current = config;
    if (this.featured !== undefined && !config.products.some((p) => p.sku === this.featured)) this.featured = config.featured;
  }

  /** The products of the show file in force. */
  get catalog(): Catalog {
    if (this.catalogOf.config !== this.current) this.catalogOf = { config: this.current, catalog: new Catalog(this.current) };
    return this.catalogOf.catalog;
  }

  /** What showcart says, in the show file's `language` (its messages, money, dates). */
  get texts(): Texts {
    return textsFor(this.current.show.language);
  }

  get id(): string {
    return this.current.show.id;
  }

  get state(): ShowState {
    return this.run ? 'live' : 'off-air';
  }

  /** When the running show run began, or undefined while off air. */
  get startedAt(): number | undefined {
    return this.run?.startedAt;
  }

  /** Where `at` falls on the show clock; null while off air. */
  clock(at: number = Date.now()): ShowClockReading {
    if (!this.run) return { runId: null, showMs: null };
    return { runId: this.run.id, showMs: Math.max(0, at - this.run.startedAt) };
  }

  /** The stream went live at `at`: a run opens, the clock starts, then `show.live` (and the product on screen) are told. */
  goLive(at: number, data: Record<string, unknown> = {}): Promise<void> {
    return this.serially(async () => {
      if (this.run) return;
      this.run = { id: await this.runs.open(this.id, at), startedAt: at };
      await this.bus.emit('show.live', { at, data });
      // Analytics reads segments from show.featured rows: the product on screen at the start opens the first one.
      if (this.featured) await this.bus.emit('show.featured', { at, sku: this.featured, by: 'show start' });
    });
  }

  /** The stream ended at `at`: the clock stops, `show.offline` is told, and the run is closed. */
  goOffAir(at: number, data: Record<string, unknown> = {}): Promise<void> {
    return this.serially(async () => {
      if (!this.run) return;
      const { id } = this.run;
      this.run = undefined;
      // Told before the run is closed in the store, so nothing scheduled on the clock starts in between.
      await this.bus.emit('show.offline', { at, data });
      await this.runs.close(id, at);
    });
  }

  /** Puts a product on screen (a moderator's `!featured`, the dashboard, a poll's winner). */
  async feature(sku: string, by: { name: string; platform?: string }): Promise<void> {
    this.featured = sku;
    await this.bus.emit('show.featured', { sku, by: by.name, ...(by.platform !== undefined && { platform: by.platform }) });
  }

  /** A public summary for viewer pages and the health endpoint. */
  summary(): { id: string; name: string; state: ShowState; featured: string | null; startedAt: number | null } {
    return { id: this.id, name: this.current.show.name, state: this.state, featured: this.featured ?? null, startedAt: this.run?.startedAt ?? null };
  }

  private serially(step: () => Promise<void>): Promise<void> {
    const next = this.transition.then(step);
    this.transition = next.catch(() => undefined);
    return next;
  }
}
