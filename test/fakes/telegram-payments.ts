/**
 * Telegram Bot Payments in the fake Bot API: `sendInvoice` checked as Telegram checks it,
 * `answerPreCheckoutQuery` (known query, answered once, within 10 s, a reason when refusing), and
 * what a buyer's Telegram app makes happen: a pre_checkout_query update when they press Pay, and
 * the message with `successful_payment` once the bot said yes.
 */
import { decodeNested, paramText } from './http-util.js';
import { Recorder } from './recorder.js';
import { TgApiError, type TgMessage, type TgUser } from './telegram-methods.js';
import type { TgUpdate } from './telegram-updates.js';

/** One price component of an invoice, in the currency's smallest units. */
export interface TgLabeledPrice {
  label: string;
  amount: number;
}

/** An invoice the bot sent, as the fake accepted it. */
export interface TgInvoice {
  chatId: number;
  messageId: number;
  title: string;
  description: string;
  payload: string;
  currency: string;
  prices: TgLabeledPrice[];
  totalAmount: number;
  providerToken: string;
}

/** How the bot answered one pre-checkout query. */
export interface TgPreCheckoutAnswer {
  queryId: string;
  ok: boolean;
  errorMessage?: string;
  /** ms from the query's delivery to the answer. */
  afterMs: number;
}

/** What a buyer pays: an invoice (or any made-up payload, to play a hostile client). */
export interface TgPayment {
  from: TgUser;
  payload: string;
  currency: string;
  totalAmount: number;
}

/** Telegram fails a payment whose pre-checkout query is not answered within this. */
export const PRE_CHECKOUT_TIMEOUT_MS = 10_000;

const bad = (what: string): TgApiError => new TgApiError(400, `Bad Request: ${what}`);
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** What {@link FakePayments} needs of the fake around it. */
export interface PaymentsHost {
  /** Queues an update for getUpdates; returns its id. */
  push(update: Omit<TgUpdate, 'update_id'>): number;
  nextId(): number;
}

/** The payments side of {@link FakeTelegram} (its `payments`). */
export class FakePayments {
  /** Every invoice accepted, oldest first. */
  readonly invoices: TgInvoice[];
  /** Every accepted answerPreCheckoutQuery, oldest first. */
  readonly answers: TgPreCheckoutAnswer[];
  private readonly invoiceLog = new Recorder<TgInvoice>('FakeTelegram invoices');
  private readonly answerLog = new Recorder<TgPreCheckoutAnswer>('FakeTelegram pre-checkout answers');
  /** Queries waiting for an answer, with when they were delivered. */
  private readonly open = new Map<string, number>();

  constructor(private readonly host: PaymentsHost) {
    this.invoices = this.invoiceLog.items;
    this.answers = this.answerLog.items;
  }

  /** `sendInvoice`: the invoice message, or the 400 Telegram answers for a malformed invoice. */
  sendInvoice(p: Record<string, unknown>, message: TgMessage): TgMessage {
    const title = paramText(p.title);
    const description = paramText(p.description);
    const payload = paramText(p.payload);
    const currency = paramText(p.currency);
    const providerToken = paramText(p.provider_token);
    if (title.length < 1 || title.length > 32) throw bad('TITLE_INVALID: title must be 1-32 characters');
    if (description.length < 1 || description.length > 255) throw bad('DESCRIPTION_INVALID: description must be 1-255 characters');
    const payloadBytes = Buffer.byteLength(payload, 'utf8');
    if (payloadBytes < 1 || payloadBytes > 128) throw bad('INVOICE_PAYLOAD_INVALID');
    if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency)) throw bad('CURRENCY_INVALID');
    // Telegram Stars (XTR) take no provider token; every real currency needs the seller's.
    if (currency !== 'XTR' && providerToken === '') throw bad('PAYMENT_PROVIDER_INVALID');
    const prices = checkPrices(decodeNested(p.prices));
    const totalAmount = prices.reduce((s, x) => s + x.amount, 0);
    if (totalAmount <= 0) throw bad('CURRENCY_TOTAL_AMOUNT_INVALID');
    const invoice: TgInvoice = {
      chatId: message.chat.id,
      messageId: message.message_id,
      title,
      description,
      payload,
      currency,
      prices,
      totalAmount,
      providerToken,
    };
    this.invoiceLog.push(invoice);
    return { ...message, invoice: { title, description, start_parameter: '', currency, total_amount: totalAmount } } as TgMessage;
  }

  /** `answerPreCheckoutQuery`: once per query, within 10 s of it, with a reason when refusing. */
  answer(p: Record<string, unknown>): true {
    const queryId = paramText(p.pre_checkout_query_id);
    const askedAt = this.open.get(queryId);
    if (askedAt === undefined) throw bad('QUERY_ID_INVALID');
    const afterMs = Date.now() - askedAt;
    if (afterMs > PRE_CHECKOUT_TIMEOUT_MS) {
      this.open.delete(queryId);
      throw bad('query is too old and response timeout expired or query ID is invalid');
    }
    const ok = p.ok === true || p.ok === 'true';
    const errorMessage = p.error_message === undefined ? undefined : paramText(p.error_message);
    if (!ok && (errorMessage === undefined || errorMessage.trim() === '')) throw bad('error_message is required when ok is false');
    this.open.delete(queryId);
    this.answerLog.push({ queryId, ok, afterMs, ...(errorMessage !== undefined && { errorMessage }) });
    return true;
  }

  /** The buyer pressed Pay on an invoice: Telegram asks the bot first. Returns the query id. */
  injectPreCheckout(payment: TgPayment): string {
    const id = `pcq-${this.host.nextId()}`;
    this.open.set(id, Date.now());
    this.host.push({
      pre_checkout_query: {
        id,
        from: { is_bot: false, ...payment.from },
        currency: payment.currency,
        total_amount: payment.totalAmount,
        invoice_payload: payment.payload,
      },
    });
    return id;
  }

  /** The provider charged the buyer: the message Telegram puts in the private chat. Returns the charge id. */
  injectSuccessfulPayment(payment: TgPayment, chargeId = `tg-charge-${this.host.nextId()}`): string {
    const from = { is_bot: false, ...payment.from };
    this.host.push({
      message: {
        message_id: this.host.nextId(),
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from,
        successful_payment: {
          currency: payment.currency,
          total_amount: payment.totalAmount,
          invoice_payload: payment.payload,
          telegram_payment_charge_id: chargeId,
          provider_payment_charge_id: `provider-${chargeId}`,
        },
      },
    });
    return chargeId;
  }

  /** Resolves with the answer to a query, however long the bot takes (up to `timeoutMs`). */
  answerTo(queryId: string, timeoutMs?: number): Promise<TgPreCheckoutAnswer> {
    return this.answerLog.waitFor((a) => a.queryId === queryId, timeoutMs);
  }

  /** Resolves with the first invoice, sent or to come, to `chatId`. */
  invoiceTo(chatId: number, timeoutMs?: number): Promise<TgInvoice> {
    return this.invoiceLog.waitFor((i) => i.chatId === chatId, timeoutMs);
  }

  /**
   * What a Telegram app does when the buyer pays: asks, and only on "yes" is the money taken and
   * the successful_payment message sent. Resolves with the answer and, when paid, the charge id.
   */
  async pay(payment: TgPayment): Promise<{ answer: TgPreCheckoutAnswer; chargeId?: string }> {
    const answer = await this.answerTo(this.injectPreCheckout(payment), PRE_CHECKOUT_TIMEOUT_MS);
    if (!answer.ok) return { answer };
    return { answer, chargeId: this.injectSuccessfulPayment(payment) };
  }
}

/** `prices` as Telegram takes it: a non-empty list of labelled integer amounts. */
function checkPrices(raw: unknown): TgLabeledPrice[] {
  if (!Array.isArray(raw) || raw.length === 0) throw bad('prices must be a non-empty array of LabeledPrice');
  return raw.map((x: unknown) => {
    const { label, amount } = (typeof x === 'object' && x !== null ? x : {}) as { label?: unknown; amount?: unknown };
    if (typeof label !== 'string' || label.trim() === '') throw bad('LabeledPrice label must be a non-empty string');
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw bad('LabeledPrice amount must be an integer in the smallest units of the currency');
    return { label, amount };
  });
}
