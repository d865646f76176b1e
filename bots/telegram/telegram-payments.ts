import type { Logger } from 'pino';
import {
  InvoiceNotSent,
  type Invoice,
  type InvoiceFailure,
  type PaymentDesk,
  type PaymentDeskHandlers,
  type PreCheckoutAnswer,
} from '../../orchestrator/channel.js';
import type { TelegramCalls } from './telegram-calls.js';
import { failureOf, type TelegramFailure } from './telegram-errors.js';

/**
 * Telegram answers a payment as failed when the bot has not answered the pre-checkout query
 * within 10 s; past this the buyer is asked to try again instead, while there is still time to say so.
 */
export const PRE_CHECKOUT_DEADLINE_MS = 7_000;

const CHECK_FAILED = 'The shop could not check your order just now. Nothing was charged; please try again in a moment.';
const NOT_READY = 'The shop is not taking payments right now. Nothing was charged.';
/** Telegram shows the reason in a small box; a long one is cut. */
const MAX_REASON = 200;

/** The fields of `pre_checkout_query` the desk reads; everything is checked, as any update may be forged or malformed. */
interface PreCheckoutQueryLike {
  id?: unknown;
  from?: { id?: unknown };
  currency?: unknown;
  total_amount?: unknown;
  invoice_payload?: unknown;
}

interface SuccessfulPaymentLike {
  currency?: unknown;
  total_amount?: unknown;
  invoice_payload?: unknown;
  telegram_payment_charge_id?: unknown;
}

/** An update as it may carry a payment: the desk takes it before the chat-line normalizer. */
export interface TgPaymentUpdateLike {
  pre_checkout_query?: PreCheckoutQueryLike;
  message?: { from?: { id?: unknown }; successful_payment?: SuccessfulPaymentLike };
}

/**
 * Telegram Bot Payments for the adapter: sends invoices through the adapter's one call wrapper and
 * hands pre-checkout queries and successful payments to whatever the core serves. It decides
 * nothing about carts: an unserved or failing question is answered "no", never left to time out.
 */
export class TelegramPaymentDesk implements PaymentDesk {
  private handlers: PaymentDeskHandlers | undefined;

  constructor(
    private readonly calls: TelegramCalls,
    private readonly log: Logger,
    private readonly deadlineMs = PRE_CHECKOUT_DEADLINE_MS,
  ) {}

  serve(handlers: PaymentDeskHandlers): void {
    this.handlers = handlers;
  }

  async sendInvoice(userId: string, invoice: Invoice): Promise<void> {
    const chatId = Number(userId);
    // Invoices go to a person's private chat, whose id is their user id; anything else is not a buyer.
    if (!Number.isSafeInteger(chatId) || chatId <= 0) throw new InvoiceNotSent('refused', `not a Telegram user id: ${userId.slice(0, 40)}`);
    try {
      await this.calls.call('sendInvoice', {
        chat_id: chatId,
        title: invoice.title,
        description: invoice.description,
        payload: invoice.payload,
        provider_token: invoice.providerToken,
        currency: invoice.currency,
        prices: invoice.prices,
      });
    } catch (err) {
      const failure = failureOf(err);
      throw new InvoiceNotSent(invoiceFailure(failure), failure?.reason ?? (err instanceof Error ? err.message : String(err)));
    }
  }

  /** Takes the update when it is about a payment (true), so it never becomes a chat line. */
  received(update: TgPaymentUpdateLike): boolean {
    const query = update.pre_checkout_query;
    if (query !== undefined) {
      void this.answer(query);
      return true;
    }
    const paid = update.message?.successful_payment;
    if (paid !== undefined) {
      void this.paid(paid, update.message?.from?.id);
      return true;
    }
    return false;
  }

  private async answer(query: PreCheckoutQueryLike): Promise<void> {
    if (typeof query.id !== 'string' || query.id === '') return;
    const verdict = await this.decide(query);
    const answer = verdict.ok ? { ok: true } : { ok: false, error_message: verdict.reason.slice(0, MAX_REASON) };
    await this.calls.tryCall('answerPreCheckoutQuery', { pre_checkout_query_id: query.id, ...answer }, 'a pre-checkout query could not be answered', 'warn');
  }

  private async decide(query: PreCheckoutQueryLike): Promise<PreCheckoutAnswer> {
    const handlers = this.handlers;
    if (handlers === undefined) return { ok: false, reason: NOT_READY };
    const amount = query.total_amount;
    const fields = [query.invoice_payload, query.currency];
    if (!fields.every((f) => typeof f === 'string') || typeof amount !== 'number' || !Number.isSafeInteger(amount)) {
      return { ok: false, reason: CHECK_FAILED };
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<PreCheckoutAnswer>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, reason: CHECK_FAILED }), this.deadlineMs);
    });
    try {
      const asked = handlers.preCheckout({
        userId: idText(query.from?.id),
        payload: query.invoice_payload as string,
        currency: query.currency as string,
        totalAmount: amount,
      });
      return await Promise.race([asked, late]);
    } catch (err) {
      this.log.error({ err }, 'a pre-checkout query could not be checked');
      return { ok: false, reason: CHECK_FAILED };
    } finally {
      clearTimeout(timer);
    }
  }

  private async paid(payment: SuccessfulPaymentLike, from: unknown): Promise<void> {
    const { currency, total_amount: amount, invoice_payload: payload, telegram_payment_charge_id: chargeId } = payment;
    if (typeof currency !== 'string' || typeof payload !== 'string' || typeof chargeId !== 'string' || typeof amount !== 'number') {
      this.log.warn(
        { chargeId: typeof chargeId === 'string' ? chargeId : undefined },
        'a Telegram payment message without the fields of a payment was ignored',
      );
      return;
    }
    try {
      if (this.handlers === undefined) throw new Error('nothing serves Telegram payments');
      await this.handlers.paid({ userId: idText(from), payload, currency, totalAmount: amount, chargeId });
    } catch (err) {
      // The buyer has paid: whoever settles it by hand needs the charge id.
      this.log.error({ err, chargeId, payload }, 'a Telegram payment could not be recorded');
    }
  }
}

function invoiceFailure(failure: TelegramFailure | undefined): InvoiceFailure {
  switch (failure?.kind) {
    case 'forbidden':
      return 'chat-closed';
    case 'permanent':
    case 'reply-target-missing':
      return 'refused';
    default:
      return 'unavailable';
  }
}

/** A user id as the core keys people: Telegram's number as text, or '' for something forged. */
function idText(id: unknown): string {
  return typeof id === 'number' && Number.isSafeInteger(id) ? String(id) : '';
}
