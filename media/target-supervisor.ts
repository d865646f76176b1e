import { Backoff } from '../orchestrator/shared/backoff.js';
import type { Attempt, StartAttempt } from './attempt.js';
import { RateMeter, stallStep, type StallClock } from './rates.js';
import type { MediaTiming, TargetState, TargetStatus, Transport } from './types.js';

/** A target counts as live once this much has reached it: FLV header, metadata, codec headers and a first frame. */
export const LIVE_BYTES = 4096;

/** One target as planned, and the hooks its supervisor reports through. */
export interface SupervisorOptions {
  name: string;
  displayUrl: string;
  enabled: boolean;
  transport: Transport | null;
  /** Why it cannot run; null when `start` is set. */
  unavailable: string | null;
  start: StartAttempt | null;
  timing: MediaTiming;
  /** Progress (Attempt.bytesOut) at which an attempt counts as live; LIVE_BYTES by default. */
  liveAt?: number;
  /** Whether the ingest moved bytes lately: a quiet target is only a stalled one when there was something to send. */
  ingestMoving: () => boolean;
  onChange: (status: TargetStatus) => void;
  random?: () => number;
  now?: () => number;
}

/**
 * Keeps one restream target going while the show is live and it is enabled: one attempt at a
 * time, retried with backoff and jitter when it ends, restarted when it moves no bytes while the
 * ingest does. Targets never share anything, so one dead platform cannot stall another.
 */
export class TargetSupervisor {
  private state: TargetState;
  private attempt: Attempt | null = null;
  private generation = 0;
  private showLive = false;
  private enabled: boolean;
  private restarts = 0;
  private attemptsThisShow = 0;
  private liveSince: number | null = null;
  private lastError: string | null;
  private retryTimer: NodeJS.Timeout | undefined;
  private halting: Promise<void> = Promise.resolve();
  private readonly backoff: Backoff;
  private readonly rate: RateMeter;
  private stall: StallClock = { stalledMs: 0, lastBytes: 0 };
  private readonly now: () => number;

  constructor(private readonly o: SupervisorOptions) {
    this.enabled = o.enabled;
    this.lastError = o.unavailable;
    this.now = o.now ?? Date.now;
    this.rate = new RateMeter(3 * o.timing.tickMs);
    this.backoff = new Backoff({ baseMs: o.timing.retryBaseMs, maxMs: o.timing.retryMaxMs, ...(o.random && { random: o.random }) });
    this.state = this.restingState();
  }

  get name(): string {
    return this.o.name;
  }

  get pid(): number | undefined {
    return this.attempt?.pid;
  }

  status(): TargetStatus {
    const o = this.o;
    const moving = this.state === 'live' || this.state === 'starting';
    return {
      name: o.name,
      url: o.displayUrl,
      enabled: this.enabled,
      state: this.state,
      transport: o.transport,
      uptimeMs: this.liveSince === null ? 0 : this.now() - this.liveSince,
      bitrateKbps: moving ? this.rate.kbps : 0,
      restarts: this.restarts,
      lastError: this.lastError,
    };
  }

  async setShowLive(live: boolean): Promise<void> {
    this.showLive = live;
    this.attemptsThisShow = 0;
    this.backoff.reset();
    await this.sync();
  }

  async setEnabled(enabled: boolean): Promise<void> {
    // switching a target back on is a fresh start, not a restart after a failure
    if (enabled && !this.enabled) this.attemptsThisShow = 0;
    this.enabled = enabled;
    await this.sync();
  }

  /** One sampling step: bitrate, starting → live, and the 0 kbps check. */
  async tick(elapsedMs: number): Promise<void> {
    const attempt = this.attempt;
    if (!attempt) return;
    const now = this.now();
    const bytes = attempt.bytesOut();
    this.rate.sample(now, bytes);
    if (this.state === 'starting' && bytes >= (this.o.liveAt ?? LIVE_BYTES)) {
      this.liveSince = now;
      this.setState('live');
    }
    if (this.liveSince !== null && now - this.liveSince >= Math.min(10_000, this.o.timing.stallMs)) this.backoff.reset();
    this.stall = stallStep(this.stall, elapsedMs, bytes, this.o.ingestMoving());
    if (this.stall.stalledMs < this.o.timing.stallMs) return;
    const seconds = Math.round(this.stall.stalledMs / 1000);
    await this.halt(true);
    if (this.attempt || this.retryTimer) return; // switched off and on again meanwhile
    this.retryLater(`no data reached the platform for ${seconds} s (0 kbps): restarting`);
  }

  async stop(): Promise<void> {
    this.showLive = false;
    await this.sync();
  }

  private wanted(): boolean {
    return this.showLive && this.enabled && this.o.start !== null;
  }

  private restingState(): TargetState {
    if (!this.enabled) return 'disabled';
    if (this.o.start === null) return 'unavailable';
    return 'idle';
  }

  private async sync(): Promise<void> {
    if (this.wanted()) {
      if (!this.attempt && !this.retryTimer) this.launch();
      return;
    }
    const halted = this.halt();
    this.setState(this.restingState());
    await halted;
  }

  private launch(): void {
    const generation = ++this.generation;
    if (this.attemptsThisShow++ > 0) this.restarts++;
    this.stall = { stalledMs: 0, lastBytes: 0 };
    this.rate.reset();
    const attempt = this.o.start!();
    this.attempt = attempt;
    this.setState('starting');
    void attempt.ended.then((reason) => {
      if (generation !== this.generation) return; // stopped on purpose, or already replaced
      this.attempt = null;
      this.liveSince = null;
      this.retryLater(reason);
    });
  }

  private retryLater(reason: string): void {
    this.lastError = reason;
    if (!this.wanted()) return this.setState(this.restingState());
    const delay = this.backoff.next();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.sync();
    }, delay);
    this.setState('retrying', true);
  }

  private async halt(now = false): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.generation++;
    this.liveSince = null;
    const attempt = this.attempt;
    this.attempt = null;
    // Every caller waits for every attempt still stopping, so stop() never returns with a child alive.
    if (attempt) this.halting = Promise.all([this.halting, attempt.stop(now)]).then(() => undefined);
    await this.halting;
  }

  private setState(state: TargetState, always = false): void {
    if (state === this.state && !always) return;
    this.state = state;
    this.o.onChange(this.status());
  }
}
