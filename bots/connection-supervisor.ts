import type { Logger } from 'pino';
import type { ChannelState } from '../orchestrator/channel.js';
import { Backoff } from '../orchestrator/shared/backoff.js';

export interface SupervisorOptions {
  name: string;
  log: Logger;
  /** Connects once; resolves when connected, rejects when it could not. */
  connect: () => Promise<void>;
  /** Tears down whatever a failed or dropped connection left behind. */
  disconnect: () => Promise<void>;
  /** Errors after which retrying is pointless (a revoked token); the channel becomes disabled. */
  isFatal?: (err: unknown) => boolean;
  backoff?: Backoff;
}

/**
 * Keeps one platform connection up: connects, and after a failure or a drop reconnects with
 * exponential backoff and jitter, reporting its state for /api/health. Other platforms never wait on it.
 */
export class ConnectionSupervisor {
  private current: ChannelState = { state: 'stopped' };
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly backoff: Backoff;
  private connecting: Promise<void> | undefined;

  constructor(private readonly options: SupervisorOptions) {
    this.backoff = options.backoff ?? new Backoff();
  }

  state(): ChannelState {
    return this.current;
  }

  /** Starts connecting; resolves after the first attempt, whether it worked or a retry is scheduled. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.attempt();
  }

  /** The adapter calls this when the live connection drops; a reconnect is scheduled. */
  dropped(reason: unknown): void {
    if (this.stopped || this.connecting || this.current.state !== 'connected') return;
    this.options.log.warn({ err: reason }, `${this.options.name} connection lost`);
    void this.options.disconnect().catch(() => undefined);
    this.scheduleRetry(reason);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.connecting?.catch(() => undefined);
    await this.options.disconnect().catch((err: unknown) => this.options.log.debug({ err }, 'disconnect failed'));
    this.current = { state: 'stopped' };
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    this.current = { state: 'connecting' };
    this.connecting = this.options.connect();
    try {
      await this.connecting;
      this.connecting = undefined;
      if (this.stopped) return;
      this.backoff.reset();
      this.current = { state: 'connected', since: Date.now() };
      this.options.log.info(`${this.options.name} connected`);
    } catch (err) {
      this.connecting = undefined;
      await this.options.disconnect().catch(() => undefined);
      if (this.stopped) return;
      if (this.options.isFatal?.(err)) {
        const reason = err instanceof Error ? err.message : String(err);
        this.current = { state: 'disabled', reason };
        this.options.log.error({ err }, `${this.options.name} disabled: retrying cannot help`);
        return;
      }
      this.scheduleRetry(err);
    }
  }

  private scheduleRetry(err: unknown): void {
    const delay = this.backoff.next();
    const lastError = err instanceof Error ? err.message : String(err);
    this.current = { state: 'retrying', nextAttemptAt: Date.now() + delay, attempts: this.backoff.attempts, lastError };
    this.options.log.warn({ err, retryInMs: delay, attempts: this.backoff.attempts }, `${this.options.name} unavailable, retrying`);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(), delay);
  }
}
