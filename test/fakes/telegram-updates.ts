/**
 * Pending updates and the getUpdates long-poll of the fake Telegram.
 * A real long-poll matters: answering at once with [] makes telegraf busy-loop.
 */
import type { ServerResponse } from 'node:http';
import { decodeNested, sendJson } from './http-util.js';

/** A Bot API Update: its id plus one payload field (message, callback_query, ...). */
export interface TgUpdate {
  update_id: number;
  [kind: string]: unknown;
}

// Telegram leaves these out unless allowed_updates names them.
const OPT_IN = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

interface Waiter {
  res: ServerResponse;
  limit: number;
  timer: NodeJS.Timeout;
}

/** Updates not yet confirmed by an offset, and at most one held getUpdates. */
export class UpdateQueue {
  private pending: TgUpdate[] = [];
  private waiter: Waiter | undefined;
  private allowed: Set<string> | undefined;

  constructor(private readonly capMs: number) {}

  /** Queues an update and wakes a held getUpdates. */
  push(update: TgUpdate): void {
    if (!this.isAllowed(update)) return;
    this.pending.push(update);
    const waiter = this.waiter;
    if (waiter !== undefined) this.answer(waiter.res, waiter.limit);
  }

  /** Serves getUpdates: drops confirmed updates, answers now or holds the request. */
  poll(params: Record<string, unknown>, res: ServerResponse): void {
    const offset = Number(params.offset ?? 0);
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
    const allowed = decodeNested(params.allowed_updates);
    if (Array.isArray(allowed)) {
      // Telegram remembers the last list; an empty one means "the defaults"
      this.allowed = allowed.length > 0 ? new Set(allowed.map(String)) : undefined;
      this.pending = this.pending.filter((u) => this.isAllowed(u));
    }
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100) || 100));
    const timeoutMs = Math.min(Number(params.timeout ?? 0) * 1000, this.capMs);
    const previous = this.waiter;
    if (previous !== undefined) {
      this.clearWaiter();
      sendJson(previous.res, 409, {
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    if (this.pending.length > 0 || !(timeoutMs > 0)) {
      this.answer(res, limit);
      return;
    }
    const timer = setTimeout(() => this.answer(res, limit), timeoutMs);
    this.waiter = { res, limit, timer };
    // a client abort (telegraf's bot.stop()) must not leave a timer behind
    res.on('close', () => {
      if (this.waiter?.res === res) this.clearWaiter();
    });
  }

  /** Forgets a held getUpdates without answering: its connection is about to be cut. */
  abandon(): void {
    this.clearWaiter();
  }

  /** Answers a held getUpdates with what is pending. */
  releaseAll(): void {
    const waiter = this.waiter;
    if (waiter !== undefined) this.answer(waiter.res, waiter.limit);
  }

  private answer(res: ServerResponse, limit: number): void {
    if (this.waiter?.res === res) this.clearWaiter();
    if (res.writableEnded || res.destroyed) return;
    sendJson(res, 200, { ok: true, result: this.pending.slice(0, limit) });
  }

  private clearWaiter(): void {
    if (this.waiter !== undefined) clearTimeout(this.waiter.timer);
    this.waiter = undefined;
  }

  private isAllowed(update: TgUpdate): boolean {
    const kind = Object.keys(update).find((k) => k !== 'update_id') ?? '';
    return this.allowed === undefined ? !OPT_IN.has(kind) : this.allowed.has(kind);
  }
}
