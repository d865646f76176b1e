import type { Telegraf } from 'telegraf';

/** How `watchPolling` reports back to the adapter. */
export interface PollingHooks {
  /** False once the adapter has given this bot up (dropped, reconnected, stopped). */
  isCurrent(): boolean;
  /** A getUpdates call failed; telegraf itself would silently wait 5 s and try again. */
  failed(err: unknown): void;
}

/** The error name telegraf's polling loop treats as "stop quietly". */
const ABORT = 'AbortError';

/**
 * Watches the getUpdates calls of one Telegraf instance, so the adapter learns of an outage that
 * telegraf would otherwise ride out silently (it retries 5xx and network errors every 5 s and
 * never rejects `launch()` for them), and so a retired instance stops polling for good.
 *
 * A retired instance must not poll again: even its final offset sync would answer the new
 * instance's long-poll with 409 Conflict. Its calls fail as an abort, which telegraf's loop
 * (4.16, `core/network/polling.js`) takes as the signal to end without waiting or syncing.
 */
export function watchPolling(bot: Telegraf, hooks: PollingHooks): void {
  const telegram = bot.telegram;
  const call = telegram.callApi.bind(telegram);
  telegram.callApi = async (method, payload, options) => {
    if (method !== 'getUpdates') return call(method, payload, options);
    if (!hooks.isCurrent()) {
      const retired = new Error('this Telegram connection was retired');
      retired.name = ABORT;
      throw retired;
    }
    try {
      return await call(method, payload, options);
    } catch (err) {
      if (!(err instanceof Error && err.name === ABORT)) hooks.failed(err);
      throw err;
    }
  };
}
