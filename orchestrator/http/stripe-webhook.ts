import express, { type Router } from 'express';
import type { Logger } from 'pino';
import Stripe from 'stripe';
import type { Carts } from '../commerce/carts/cart-service.js';
import type { CartPaymentResult } from '../commerce/carts/cart-types.js';
import type { Payments } from '../commerce/payments/payments.js';

export interface StripeWebhookDeps {
  /** The endpoint's signing secret (whsec_…); undefined when its variable is unset. */
  secret: string | undefined;
  secretEnv: string;
  payments: Payments;
  carts: Carts;
  log: Logger;
}

type Outcome = { status: number; body: Record<string, unknown> };

/**
 * Stripe answers a non-2xx with retries for three days: results that a retry cannot change are
 * 200, except an amount that does not match, which stays visible as a failed delivery in the
 * seller's Stripe dashboard.
 */
const STATUS: Record<CartPaymentResult['kind'], number> = {
  paid: 200,
  duplicate: 200,
  'paid-twice': 200,
  late: 200,
  // One Stripe account may serve a shop or another show too: their sessions are not ours.
  'unknown-cart': 200,
  'amount-mismatch': 422,
  'not-payable': 200,
};

/**
 * `POST /api/webhooks/stripe`: Stripe tells us a Checkout Session was paid or expired. Nothing
 * changes before the `Stripe-Signature` header proves the exact raw body came from Stripe; events
 * are idempotent by their id (a replay changes nothing).
 */
export function stripeWebhook(deps: StripeWebhookDeps): Router {
  const router = express.Router();
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    if (!deps.secret) return res.status(503).json({ error: `Stripe webhooks are not configured: set ${deps.secretEnv} in the environment` });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    let event: Stripe.Event;
    try {
      event = Stripe.webhooks.constructEvent(raw, req.get('stripe-signature') ?? '', deps.secret);
    } catch {
      // The SDK's message may quote the header; neither it nor the secret belongs in a log.
      deps.log.warn({ ip: req.ip }, 'stripe webhook with a bad or missing signature refused');
      return res.status(400).json({ error: 'bad signature' });
    }
    const outcome = await handle(deps, event);
    return res.status(outcome.status).json(outcome.body);
  });
  return router;
}

async function handle(deps: StripeWebhookDeps, event: Stripe.Event): Promise<Outcome> {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return paid(deps, event.id, event.data.object);
    case 'checkout.session.expired':
      return expired(deps, event.data.object);
    default:
      return { status: 200, body: { status: 'ignored' } };
  }
}

/** The buyer paid (or a delayed payment method settled): the cart is settled through the one payment path. */
async function paid(deps: StripeWebhookDeps, eventId: string, session: Stripe.Checkout.Session): Promise<Outcome> {
  const cartRef = session.metadata?.cart;
  // Paid by a method that settles later (a bank debit): async_payment_succeeded follows.
  if (session.payment_status !== 'paid') return { status: 200, body: { status: 'pending' } };
  if (cartRef === undefined || session.amount_total === null || session.currency === null) return { status: 200, body: { status: 'ignored' } };
  const currency = session.currency.toUpperCase();
  const result = await deps.payments.apply({ provider: 'stripe', eventId, cartRef, amountCents: session.amount_total, currency });
  const body: Record<string, unknown> = { status: result.kind };
  if (result.kind === 'amount-mismatch') {
    deps.log.warn(
      { cart: result.cart.publicId, session: session.id, got: session.amount_total, currency, expected: result.expectedCents },
      'stripe payment refused: amount or currency does not match the cart',
    );
  }
  if (result.kind === 'unknown-cart') deps.log.info({ session: session.id }, 'stripe payment for a cart this show does not know: ignored');
  if (result.kind === 'paid-twice' || result.kind === 'late' || (result.kind === 'paid' && result.soldOut.length > 0)) body.refund = true;
  return { status: STATUS[result.kind], body };
}

/**
 * The session ran out unpaid: the cart's hold ends and its stock goes to whoever waits. Only the
 * cart's current session counts: one the buyer left by going back was expired on purpose, and
 * the cart lives on.
 */
async function expired(deps: StripeWebhookDeps, session: Stripe.Checkout.Session): Promise<Outcome> {
  const cartRef = session.metadata?.cart;
  const cart = cartRef === undefined ? undefined : await deps.carts.view(cartRef);
  if (!cart || cart.provider !== 'stripe' || cart.providerRef !== session.id || cart.status !== 'checkout') return { status: 200, body: { status: 'ignored' } };
  const release = await deps.payments.end(cart.id, 'expired', 'stripe');
  return { status: 200, body: { status: release ? 'released' : 'ignored' } };
}
