/**
 * Native payments inside a chat platform (Telegram Bot Payments): the platform shows an invoice,
 * takes the money through the seller's payment provider and tells the bot. The adapter only
 * carries invoices there and questions and payments back; which cart an invoice is for and
 * whether it may still be paid is the core's to decide. Adapters reach this through channel.ts.
 */

/** One line of an invoice, in minor units of the invoice's currency (Telegram counts them so too). */
export interface InvoicePrice {
  label: string;
  amount: number;
}

/** What the buyer sees in their chat and pays. */
export interface Invoice {
  /** At most {@link INVOICE_LIMITS}.title characters. */
  title: string;
  /** At most {@link INVOICE_LIMITS}.description characters. */
  description: string;
  /** Handed back with the pre-checkout question and the payment; at most {@link INVOICE_LIMITS}.payloadBytes bytes. */
  payload: string;
  /** ISO 4217, upper case. */
  currency: string;
  prices: InvoicePrice[];
  /** The seller's payment provider token: a secret, never logged. */
  providerToken: string;
}

/** Telegram's limits on an invoice (Bot API `sendInvoice`). */
export const INVOICE_LIMITS = { title: 32, description: 255, payloadBytes: 128, priceLabel: 32 } as const;

/** The platform asks whether the buyer, who pressed Pay, may be charged. */
export interface PreCheckout {
  /** The platform's id of the person paying. */
  userId: string;
  payload: string;
  currency: string;
  totalAmount: number;
}

/** `reason` is shown to the buyer as is: plain words, what to do next. */
export type PreCheckoutAnswer = { ok: true } | { ok: false; reason: string };

/** The platform says an invoice was paid. */
export interface InvoicePaid {
  userId: string;
  payload: string;
  currency: string;
  totalAmount: number;
  /** The platform's id of this charge: the same id again is the same payment. */
  chargeId: string;
}

/** What the core does with what comes back from an invoice. */
export interface PaymentDeskHandlers {
  /** Must settle quickly: Telegram waits 10 s for the answer, then fails the payment. */
  preCheckout(query: PreCheckout): Promise<PreCheckoutAnswer>;
  paid(payment: InvoicePaid): Promise<void>;
}

/** Why an invoice did not reach the buyer. */
export type InvoiceFailure =
  /** The buyer never opened a private chat with the bot (or blocked it): they must press Start first. */
  | 'chat-closed'
  /** The platform refused this invoice (a bad provider token, an unsupported currency): trying again will not help. */
  | 'refused'
  /** The platform did not answer or failed: worth another try. */
  | 'unavailable';

/** Thrown by {@link PaymentDesk.sendInvoice}. */
export class InvoiceNotSent extends Error {
  override name = 'InvoiceNotSent';
  constructor(
    readonly failure: InvoiceFailure,
    detail: string,
  ) {
    super(detail);
  }
}

/** A channel that can take payments in its own chat (see `Channel.payments`). */
export interface PaymentDesk {
  /** Sends the invoice to the person's private chat with the bot; throws {@link InvoiceNotSent}. */
  sendInvoice(userId: string, invoice: Invoice): Promise<void>;
  /** Where questions and payments go from now on; until then pre-checkout questions are refused. */
  serve(handlers: PaymentDeskHandlers): void;
}
