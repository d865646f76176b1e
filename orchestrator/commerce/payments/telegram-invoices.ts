import type { Logger } from 'pino';
import type { InvoicePaid, PaymentDesk, PreCheckout, PreCheckoutAnswer } from '../../payment-desk.js';
import type { MessageKey } from '../../i18n/messages/index.js';
import { textsFor, type Texts } from '../../i18n/texts.js';
import type { CartPaymentResult, CartView, PaymentReport } from '../carts/cart-types.js';

/**
 * Telegram takes the money moments after the pre-checkout "yes"; a hold that ends in between
 * would leave a payment for stock already given back (owed to the buyer), so a hold this close
 * to its end is refused like one that has ended.
 */
export const HOLD_MARGIN_MS = 10_000;

/** Why Telegram may not charge, as the buyer reads it in Telegram's payment sheet. */
type RefusalReason = 'unknown' | 'ended' | 'paid' | 'changed' | 'elsewhere';

const REASON_KEYS = {
  unknown: 'checkout.refuse.unknown',
  ended: 'checkout.refuse.ended',
  paid: 'checkout.refuse.paid',
  changed: 'checkout.refuse.changed',
  elsewhere: 'checkout.refuse.elsewhere',
} as const satisfies Record<RefusalReason, MessageKey>;

const english = textsFor('en');

/** The refusals in English (a show without a language of its own, and tests). */
export const REASONS: Record<RefusalReason, string> = {
  unknown: english.t(REASON_KEYS.unknown),
  ended: english.t(REASON_KEYS.ended),
  paid: english.t(REASON_KEYS.paid),
  changed: english.t(REASON_KEYS.changed),
  elsewhere: english.t(REASON_KEYS.elsewhere),
};

export interface TelegramInvoicesDeps {
  carts: { view(ref: string): Promise<CartView | undefined> };
  /** `Payments.apply`: where every provider's payment lands. */
  apply: (report: PaymentReport) => Promise<CartPaymentResult>;
  log: Logger;
  now?: () => number;
  /** The show's texts in force, for the refusals the buyer reads; English where none are given. */
  texts?: () => Texts;
}

/**
 * The core's side of Telegram Bot Payments: holds the running bot's payment desk for the
 * provider, answers its pre-checkout questions from the cart as it is now, and turns its
 * successful payments into payment reports. Process-lived, like the channels.
 */
export class TelegramInvoices {
  private current: PaymentDesk | undefined;

  constructor(private readonly deps: TelegramInvoicesDeps) {}

  /** The desk invoices are sent through; undefined until the Telegram channel is attached. */
  get desk(): PaymentDesk | undefined {
    return this.current;
  }

  /** The Telegram channel's desk: from now on invoices go out through it and its questions come here. */
  attach(desk: PaymentDesk): void {
    this.current = desk;
    desk.serve({ preCheckout: (q) => this.preCheckout(q), paid: (p) => this.paid(p) });
  }

  async preCheckout(query: PreCheckout): Promise<PreCheckoutAnswer> {
    const cart = await this.deps.carts.view(query.payload);
    const answer = preCheckoutAnswer(cart, query, (this.deps.now ?? Date.now)(), this.deps.texts?.() ?? english);
    if (!answer.ok) this.deps.log.info({ cart: cart?.publicId, reason: answer.reason }, 'a Telegram payment was refused before the charge');
    return answer;
  }

  async paid(payment: InvoicePaid): Promise<void> {
    const result = await this.deps.apply({
      provider: 'telegram',
      eventId: payment.chargeId,
      cartRef: payment.payload,
      amountCents: payment.totalAmount,
      currency: payment.currency,
    });
    if (result.kind !== 'paid' && result.kind !== 'duplicate') {
      // Telegram has charged the buyer: what came of it must be found by whoever settles it.
      this.deps.log.warn({ result: result.kind, chargeId: payment.chargeId, cart: payment.payload }, 'a Telegram payment did not pay its cart');
    }
  }
}

/** Whether Telegram may charge for this cart now: it is being paid through Telegram, still held, and the total is the invoice's. */
export function preCheckoutAnswer(cart: CartView | undefined, query: PreCheckout, now: number, texts: Texts = english): PreCheckoutAnswer {
  const no = (reason: RefusalReason): PreCheckoutAnswer => ({ ok: false, reason: texts.t(REASON_KEYS[reason]) });
  if (cart === undefined) return no('unknown');
  if (cart.status === 'paid') return no('paid');
  if (cart.status === 'expired' || cart.status === 'cancelled' || cart.lines.length === 0) return no('ended');
  if (cart.holdExpiresAt !== undefined && cart.holdExpiresAt - now < HOLD_MARGIN_MS) return no('ended');
  if (cart.status !== 'checkout') return no('changed');
  if (cart.provider !== 'telegram') return no('elsewhere');
  const total = cart.totalCents ?? cart.itemsCents;
  if (query.totalAmount !== total || query.currency.toUpperCase() !== cart.currency.toUpperCase()) return no('changed');
  return { ok: true };
}
