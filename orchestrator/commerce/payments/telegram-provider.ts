import { INVOICE_LIMITS, InvoiceNotSent, type Invoice, type InvoicePrice, type PaymentDesk } from '../../payment-desk.js';
import { textsFor, type Texts } from '../../i18n/texts.js';
import type { CartView } from '../carts/cart-types.js';
import { BuyerMustAct, ProviderUnavailable, type PaymentProvider, type StartResult } from './provider.js';

const english = textsFor('en');

/** What a buyer is told when Telegram will not let the bot write to them first (in English; the show's language when it has one). */
export const PRESS_START = english.t('checkout.pressStart');

export interface TelegramProviderOptions {
  /** The variable the payment provider token is read from (for the "missing" list). */
  tokenEnv: string;
  /** The token @BotFather gave for Payments; undefined when the variable is unset. */
  token: string | undefined;
  /** The running Telegram bot's payments, once it has started (channels start after providers are made). */
  desk: () => PaymentDesk | undefined;
  /** The shop's name, for the invoice's description. */
  shopName: () => string;
  /** The show's texts in force, for the invoice and what the buyer is told; English where none are given. */
  texts?: () => Texts;
}

/**
 * Telegram Bot Payments: a native invoice in the buyer's private chat with the bot. Telegram
 * takes the money through the seller's provider and reports it to the bot, which lands in
 * `Payments.apply` (see telegram-invoices.ts); nothing is returned to the checkout page but "sent".
 */
export function telegramProvider(options: TelegramProviderOptions): PaymentProvider {
  const texts = options.texts ?? (() => english);
  return {
    name: 'telegram',
    missing: options.token === undefined ? [options.tokenEnv] : [],
    label: 'Pay in Telegram',
    start: async (cart): Promise<StartResult> => {
      const token = options.token;
      if (token === undefined) throw new Error(`${options.tokenEnv} is not set`);
      if (cart.buyer.platform !== 'telegram') throw new Error('Telegram invoices go to Telegram buyers only');
      const desk = options.desk();
      if (desk === undefined) throw new ProviderUnavailable('telegram', 'the Telegram bot is not running');
      try {
        await desk.sendInvoice(cart.buyer.userId, invoiceFor(cart, options.shopName(), token, texts()));
      } catch (err) {
        if (!(err instanceof InvoiceNotSent)) throw err;
        if (err.failure === 'chat-closed') {
          throw new BuyerMustAct('telegram', texts().t('checkout.pressStart'), `the buyer has not started the bot (${err.message})`);
        }
        if (err.failure === 'unavailable') throw new ProviderUnavailable('telegram', err.message);
        throw new Error(`Telegram refused the invoice: ${err.message}`, { cause: err });
      }
      return { kind: 'sent' };
    },
  };
}

/**
 * The invoice for a checked-out cart: one price per line (after its discount) and shipping as a
 * line of its own, in the cart's minor units, summing to the cart's total; the payload is the
 * cart's public id, which is all the pre-checkout check and the payment need to find it.
 */
export function invoiceFor(cart: CartView, shopName: string, providerToken: string, texts: Texts = english): Invoice {
  const total = cart.totalCents ?? cart.itemsCents;
  if (total <= 0) throw new Error('nothing to pay in this cart');
  const line = (l: CartView['lines'][number]) => texts.t('checkout.invoiceLine', { qty: l.order.qty, title: l.order.title });
  const lines: InvoicePrice[] = cart.lines.map((l) => ({ label: line(l), amount: l.subtotalCents - l.discountCents }));
  if ((cart.shippingCents ?? 0) > 0) lines.push({ label: texts.t('checkout.invoiceShipping'), amount: cart.shippingCents ?? 0 });
  const listed = lines.filter((p) => p.amount !== 0);
  // Telegram charges the sum of the prices: if the lines ever disagree with the total, the total wins.
  const sum = listed.reduce((s, p) => s + p.amount, 0);
  const title = texts.t('checkout.invoiceTitle', { id: cart.publicId });
  const prices = sum === total && listed.every((p) => p.amount > 0) ? listed : [{ label: title, amount: total }];
  const items = cart.lines.map(line).join(', ');
  return {
    title: clip(title, INVOICE_LIMITS.title),
    description: clip(texts.t('checkout.invoiceDescription', { shop: shopName, items }), INVOICE_LIMITS.description),
    payload: cart.publicId,
    currency: cart.currency.toUpperCase(),
    prices,
    providerToken,
  };
}

/**
 * At most `max` characters with an ellipsis when cut. Counted in UTF-16 units, the stricter of the
 * ways Telegram may count, and cut between code points so an emoji is never split in half.
 */
function clip(text: string, max: number): string {
  const whole = text.trim() || 'Order';
  if (whole.length <= max) return whole;
  let out = '';
  for (const ch of whole) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}
