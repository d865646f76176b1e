import type { Logger } from 'pino';
import type { Telegram } from 'telegraf';
import type { Opts, Telegram as Methods } from 'telegraf/types';
import { classifyTelegramError, toSendError, type TelegramFailure } from './telegram-errors.js';

/**
 * How long one Bot API call may take. telegraf's own limit is 500 s: a Bot API that accepts the
 * request and never answers would hold that chat's outbox for minutes; past this deadline the
 * call is aborted and the outbox retries it with backoff.
 */
export const REQUEST_DEADLINE_MS = 20_000;

/** A Bot API method name, as telegraf types it. */
export type BotApiMethod = keyof Methods;
/** What a Bot API method answers on success. */
export type BotApiResult<M extends BotApiMethod> = ReturnType<Methods[M]>;

/** The one method of telegraf's client the wrapper uses; a test may hand in a stub. */
export type BotApiClient = Pick<Telegram, 'callApi'>;
/** telegraf types the signal as the old abort-controller shim; its node-fetch takes Node's own. */
type ShimSignal = NonNullable<Parameters<Telegram['callApi']>[2]>['signal'];

/** What {@link TelegramCalls} needs from the adapter. */
export interface TelegramCallsOptions {
  /** The client of the current connection; undefined while there is none. */
  client: () => BotApiClient | undefined;
  log: Logger;
  /** The bot token, masked wherever an error quotes it. */
  secret: string;
  /** Default {@link REQUEST_DEADLINE_MS}. */
  deadlineMs?: number;
  /** A call was answered 401: the token was revoked while connected. Told once per such call. */
  unauthorized: (reason: string) => void;
}

/** What went through the wrapper since the adapter was created. */
export interface TelegramCallStats {
  calls: number;
  failed: Record<TelegramFailure['kind'], number>;
  /** Calls aborted at the deadline (counted in `failed.transient` too). */
  timedOut: number;
  /**
   * Best-effort calls given up on, by method: what this adapter drops itself. A message whose
   * send fails is thrown to the outbox, which retries it or counts it as dropped there.
   */
  dropped: Partial<Record<BotApiMethod, number>>;
}

type Outcome<M extends BotApiMethod> = { ok: true; value: BotApiResult<M> } | { ok: false; failure: TelegramFailure; error: unknown };

/**
 * The one way out to the Bot API (like grammY's API transformer): every call the adapter makes
 * passes here and gets the deadline (an AbortSignal telegraf hands to its fetch), its failure
 * classified once, a revoked token reported, and what is dropped counted.
 */
export class TelegramCalls {
  private readonly counts: TelegramCallStats = {
    calls: 0,
    failed: { 'rate-limited': 0, 'reply-target-missing': 0, forbidden: 0, unauthorized: 0, permanent: 0, transient: 0 },
    timedOut: 0,
    dropped: {},
  };
  private readonly deadlineMs: number;

  constructor(private readonly options: TelegramCallsOptions) {
    this.deadlineMs = options.deadlineMs ?? REQUEST_DEADLINE_MS;
  }

  /**
   * Calls `method` and returns its result. A failure is thrown as the outbox understands it
   * (RateLimitError, PermanentSendError, or a plain Error it retries) with Telegram's answer in
   * `failureOf(err)`; `fail` turns it into another error instead (getMe's for the supervisor).
   */
  async call<M extends BotApiMethod>(method: M, payload: Opts<M>, fail?: (err: unknown) => Error): Promise<BotApiResult<M>> {
    const outcome = await this.run(method, payload);
    if (outcome.ok) return outcome.value;
    throw fail ? fail(outcome.error) : toSendError(outcome.failure);
  }

  /** A call whose failure changes nothing (acknowledging a button, stopping a poll): logged, counted as dropped. */
  async tryCall<M extends BotApiMethod>(method: M, payload: Opts<M>, what: string, level: 'debug' | 'warn' = 'debug'): Promise<BotApiResult<M> | undefined> {
    const outcome = await this.run(method, payload);
    if (outcome.ok) return outcome.value;
    const dropped = (this.counts.dropped[method] ?? 0) + 1;
    this.counts.dropped[method] = dropped;
    this.options.log[level]({ method, chat: chatOf(payload), error: outcome.failure.reason, dropped }, what);
    return undefined;
  }

  stats(): TelegramCallStats {
    return { ...this.counts, failed: { ...this.counts.failed }, dropped: { ...this.counts.dropped } };
  }

  private async run<M extends BotApiMethod>(method: M, payload: Opts<M>): Promise<Outcome<M>> {
    this.counts.calls++;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Also settles a client that ignores the signal: the outbox is never held past the deadline.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(controller.signal.reason instanceof Error ? controller.signal.reason : new Error(`no answer to ${method} in time`));
      }, this.deadlineMs);
    });
    try {
      const client = this.options.client();
      if (client === undefined) throw new Error('Telegram is not connected');
      const answer = client.callApi(method, payload, { signal: controller.signal as unknown as ShimSignal });
      // When the deadline wins the race, the aborted request's rejection has no other listener.
      answer.catch(() => undefined);
      return { ok: true, value: await Promise.race([answer, deadline]) };
    } catch (caught) {
      const timedOut = controller.signal.aborted;
      const error = timedOut ? new Error(`no answer to ${method} within ${this.deadlineMs} ms`) : caught;
      const failure = classifyTelegramError(error, this.options.secret);
      this.counts.failed[failure.kind]++;
      if (timedOut) this.counts.timedOut++;
      if (failure.kind === 'unauthorized') this.options.unauthorized(failure.reason);
      return { ok: false, failure, error };
    } finally {
      clearTimeout(timer);
    }
  }
}

function chatOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && 'chat_id' in payload ? payload.chat_id : undefined;
}
