import { createHash } from 'node:crypto';
import type { CheckoutConfig } from '../../../config/schema/checkout.js';
import type { ShowConfig } from '../../../config/schema/index.js';
import type { Secrets } from '../../shared/secrets.js';
import type { CartView } from '../carts/cart-types.js';
import { toMajor } from '../money.js';
import type { PaymentProvider, ReturnLinks, StartResult } from './provider.js';
import { amountMinor, PAYMENT_ID, YooKassaApi, yooKassaCredentials, type YooKassaPayment } from './yookassa-api.js';

/** YooKassa limits a payment's description to 128 characters. */
const DESCRIPTION_MAX = 128;

/**
 * YooKassa (API v3): one payment per checkout attempt with a redirect confirmation, paid in one
 * step (`capture: true`). What the buyer paid arrives as a notification that the webhook checks
 * against the API (`http/yookassa-webhook.ts`).
 *
 * There is no `abandon`: YooKassa cannot cancel a payment that is still `pending` (cancel applies
 * only to `waiting_for_capture`, which `capture: true` never reaches), and it cancels unpaid ones
 * itself later. A buyer who pays after the hold ended is recorded by `carts.pay` as a late payment
 * with a refund owed, so nothing is sold twice.
 */
export function yookassaProvider(config: ShowConfig, secrets: Secrets, checkout: () => CheckoutConfig | undefined): PaymentProvider {
  // Read once at start, like a bot token: a changed secret needs a restart.
  const credentials = yooKassaCredentials(config.checkout, secrets);
  const api = new YooKassaApi({ credentials, api: () => checkout()?.yookassa.api ?? 'https://api.yookassa.ru/v3' });
  return {
    name: 'yookassa',
    missing: credentials.missing,
    label: 'Pay by card or wallet (YooKassa)',
    start: (cart, links) => startPayment(api, config.show.name, cart, links),
  };
}

async function startPayment(api: YooKassaApi, shopName: string, cart: CartView, links: ReturnLinks): Promise<StartResult> {
  const amountCents = cart.totalCents ?? cart.itemsCents;
  const previous = cart.providerRef !== null && PAYMENT_ID.test(cart.providerRef) ? await api.get(cart.providerRef) : undefined;
  // Pay pressed again (the buyer came back from YooKassa's page): the payment made for this total is still payable.
  if (previous && isFor(previous, cart, amountCents)) {
    if (previous.status === 'pending' && previous.confirmationUrl) return { kind: 'redirect', url: previous.confirmationUrl, ref: previous.id };
    // Already paid: its notification settles the cart; the checkout page shows the outcome.
    if (previous.status !== 'canceled') return { kind: 'redirect', url: links.page, ref: previous.id };
  }
  const request = {
    amount: { value: toMajor(amountCents, cart.currency), currency: cart.currency },
    capture: true,
    confirmation: { type: 'redirect', return_url: links.page },
    description: describe(shopName, cart),
    metadata: { cart: cart.publicId },
  };
  const payment = await api.create(request, idempotenceKey(cart, request));
  if (!payment.confirmationUrl) throw new Error('YooKassa made a payment without a confirmation URL');
  return { kind: 'redirect', url: payment.confirmationUrl, ref: payment.id };
}

function isFor(payment: YooKassaPayment, cart: CartView, amountCents: number): boolean {
  return (
    payment.metadata.cart === cart.publicId &&
    payment.amount.currency === cart.currency &&
    amountMinor(payment.amount.value, payment.amount.currency) === amountCents
  );
}

/**
 * One key per attempt: the cart (its token, unique across shows), the request itself, and the
 * payment the previous attempt made. A retry after a timeout sends the same request for the same
 * cart and gets back the payment the lost answer was about; a changed cart or address is a new
 * request (YooKassa refuses a key reused with other parameters); once a payment is cancelled (the
 * cart keeps its id as `providerRef`) the next attempt gets a fresh key and so a fresh payment.
 * YooKassa allows 64 characters.
 */
export function idempotenceKey(cart: Pick<CartView, 'token' | 'providerRef'>, request: object): string {
  const attempt = [cart.token, cart.providerRef ?? 'first', JSON.stringify(request)].join('|');
  return `showcart-${createHash('sha256').update(attempt).digest('base64url').slice(0, 43)}`;
}

function describe(shopName: string, cart: CartView): string {
  const count = cart.lines.reduce((n, l) => n + l.order.qty, 0);
  const text = `${shopName}: order ${cart.publicId}, ${count} ${count === 1 ? 'item' : 'items'}`;
  // By code point, so a shop name with emoji is never cut inside one.
  const chars = [...text];
  return chars.length <= DESCRIPTION_MAX ? text : `${chars.slice(0, DESCRIPTION_MAX - 1).join('')}…`;
}
