import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import type { CheckoutConfig } from '../../../config/schema/checkout.js';
import type { Secrets } from '../../shared/secrets.js';
import type { CartView } from '../carts/cart-types.js';
import { ProviderUnavailable, type PaymentProvider, type ReturnLinks, type StartResult } from './provider.js';

type SessionParams = Stripe.Checkout.SessionCreateParams;

/** Stripe refuses a session that ends sooner than 30 minutes after it is made, or later than 24 hours. */
const MIN_SESSION_MS = 30 * 60_000;
const MAX_SESSION_MS = 24 * 3_600_000;
/** Our clock and Stripe's differ a little: asking for exactly the limit could be refused. */
const CLOCK_MARGIN_MS = 60_000;

export interface StripeProviderOptions {
  /** Per request; the buyer waits on the checkout page meanwhile (default 5 s). */
  timeoutMs?: number;
  /** The SDK's own retries on timeouts, connection errors and 5xx, with the same idempotency key (default 2). */
  retries?: number;
  now?: () => number;
}

/** The official SDK pointed at `api` (Stripe's, or a local fake in tests). */
export function stripeClient(secretKey: string, api: string, options: StripeProviderOptions = {}): Stripe {
  const url = new URL(api);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return new Stripe(secretKey, {
    host: url.hostname,
    port: url.port !== '' ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
    timeout: options.timeoutMs ?? 5_000,
    maxNetworkRetries: options.retries ?? 2,
    telemetry: false,
    appInfo: { name: 'showcart' },
  });
}

/**
 * When the session stops taking payments: with the hold, but inside Stripe's 30 min – 24 h window.
 * A hold shorter than 30 min is ended by `abandon` when it runs out.
 */
export function sessionExpiry(holdExpiresAt: number | undefined, now: number): number {
  const earliest = now + MIN_SESSION_MS + CLOCK_MARGIN_MS;
  const latest = now + MAX_SESSION_MS - CLOCK_MARGIN_MS;
  const wanted = holdExpiresAt ?? latest;
  return Math.floor(Math.min(latest, Math.max(earliest, wanted)) / 1000);
}

/** The Checkout Session for a cart whose details and total are fixed: one line per cart line, shipping once. */
export function sessionParams(cart: CartView, links: ReturnLinks, now: number): SessionParams {
  const currency = cart.currency.toLowerCase();
  const line_items = cart.lines.map(({ order }): Stripe.Checkout.SessionCreateParams.LineItem => {
    // A discount can leave a line total that does not split evenly into units: then the line is one item "2× Mug".
    const even = order.totalCents % order.qty === 0;
    const name = even ? order.title : `${order.qty}× ${order.title}`;
    return {
      quantity: even ? order.qty : 1,
      price_data: {
        currency,
        unit_amount: even ? order.totalCents / order.qty : order.totalCents,
        product_data: { name: order.variant ? `${name} (${order.variant})` : name, metadata: { sku: order.sku, order: order.publicId } },
      },
    };
  });
  const shipping = cart.shippingCents ?? 0;
  return {
    mode: 'payment',
    line_items,
    ...(shipping > 0 && {
      shipping_options: [{ shipping_rate_data: { type: 'fixed_amount', display_name: 'Shipping', fixed_amount: { amount: shipping, currency } } }],
    }),
    metadata: { cart: cart.publicId },
    client_reference_id: cart.publicId,
    ...(cart.contact?.email !== undefined && { customer_email: cart.contact.email }),
    success_url: links.page,
    cancel_url: links.page,
    expires_at: sessionExpiry(cart.holdExpiresAt, now),
  };
}

/**
 * One key per cart and attempt: the same request retried (by the SDK, or by the buyer after a
 * timeout) gets the session Stripe may already have made, and a changed cart gets a new one
 * instead of Stripe's "same key, other parameters" error.
 */
export function idempotencyKey(cart: CartView, params: SessionParams): string {
  return `showcart-${cart.publicId}-${createHash('sha256').update(JSON.stringify(params)).digest('base64url').slice(0, 22)}`;
}

/** Timeouts, dropped connections, rate limits and 5xx are Stripe being away; anything else is a refusal of our request. */
function unavailable(err: unknown): ProviderUnavailable | undefined {
  if (!(err instanceof Stripe.errors.StripeError)) return undefined;
  const status = err.statusCode ?? 0;
  if (err.type === 'StripeConnectionError') return new ProviderUnavailable('stripe', 'no answer (timed out or connection lost)');
  if (status >= 500 || status === 429) return new ProviderUnavailable('stripe', `HTTP ${status}`);
  return undefined;
}

async function calling<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw unavailable(err) ?? err;
  }
}

/**
 * Stripe Checkout: the buyer pays on Stripe's page; `checkout.session.completed` on our webhook
 * (`http/stripe-webhook.ts`) marks the cart paid. Without both the API key and the webhook secret
 * it is not offered, since a payment nobody hears of would leave the cart to expire.
 */
export function stripeProvider(checkout: CheckoutConfig['stripe'], secrets: Secrets, options: StripeProviderOptions = {}): PaymentProvider {
  const key = secrets.read(checkout.secretKeyEnv);
  const webhookSecret = secrets.read(checkout.webhookSecretEnv);
  const missing = [...(key === undefined ? [checkout.secretKeyEnv] : []), ...(webhookSecret === undefined ? [checkout.webhookSecretEnv] : [])];
  const stripe = key === undefined ? undefined : stripeClient(key, checkout.api, options);
  const now = options.now ?? Date.now;
  const client = (): Stripe => {
    if (!stripe) throw new Error(`stripe is not configured: set ${checkout.secretKeyEnv}`);
    return stripe;
  };

  const create = async (cart: CartView, params: SessionParams, key: string) => {
    const session = await calling(() => client().checkout.sessions.create(params, { idempotencyKey: key }));
    if (session.lastResponse.headers['idempotent-replayed'] !== 'true' || session.status === null) return session;
    // A replay answers with the session as it was made; if the buyer went back since, it was expired.
    const current = await calling(() => client().checkout.sessions.retrieve(session.id));
    if (current.status === 'open') return current;
    return calling(() => client().checkout.sessions.create(params, { idempotencyKey: `${key}-${now()}` }));
  };

  return {
    name: 'stripe',
    missing,
    label: 'Card (Stripe)',
    start: async (cart, links): Promise<StartResult> => {
      const params = sessionParams(cart, links, now());
      const session = await create(cart, params, idempotencyKey(cart, params));
      if (session.url === null) throw new Error(`stripe made session ${session.id} without a payment page`);
      return { kind: 'redirect', url: session.url, ref: session.id };
    },
    abandon: async (cart) => {
      if (cart.providerRef === null) return;
      const id = cart.providerRef;
      try {
        await calling(() => client().checkout.sessions.expire(id));
      } catch (err) {
        // Stripe refuses to expire a session that is no longer open: it expired or was paid, and either way no charge follows.
        if (!(err instanceof Stripe.errors.StripeInvalidRequestError)) throw err;
        const session = await calling(() => client().checkout.sessions.retrieve(id));
        if (session.status === 'open') throw err;
      }
    },
  };
}
