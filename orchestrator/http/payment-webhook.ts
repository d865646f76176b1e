import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '../bus.js';
import type { CartPaymentResult } from '../commerce/carts/cart-types.js';
import type { Payments } from '../commerce/payments/payments.js';
import { toMajor, toMinor } from '../commerce/money.js';
import type { Tips } from '../commerce/tips.js';

export const SIGNATURE_HEADER = 'x-showcart-signature';

/** `sha256=<hex>` of HMAC-SHA256 over the exact request body, as the payment side computes it. */
export function signPayload(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

interface PaidEvent {
  id: string;
  order: string;
  amountCents: number;
  currency: string;
}

/** Reads `{ id, order, amount, currency }`; amount in major units (24.00) as a number or string. */
function readEvent(raw: Buffer): PaidEvent | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  const b = body as Record<string, unknown>;
  const amount = typeof b.amount === 'string' ? Number(b.amount) : b.amount;
  if (typeof b.id !== 'string' || b.id === '') return 'id (the payment event id) is required';
  if (typeof b.order !== 'string' || b.order === '') return 'order is required';
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return 'amount must be a number such as 24.00';
  if (typeof b.currency !== 'string' || !/^[A-Za-z]{3}$/.test(b.currency)) return 'currency must be a code such as EUR';
  const currency = b.currency.toUpperCase();
  return { id: b.id, order: b.order, amountCents: toMinor(amount, currency), currency };
}

const STATUS: Record<CartPaymentResult['kind'], number> = {
  paid: 200,
  duplicate: 200,
  'paid-twice': 200,
  late: 200,
  'unknown-cart': 404,
  'amount-mismatch': 422,
  'not-payable': 409,
};

/**
 * `POST /api/webhooks/payment`: the seller's own shop reports a cart paid (`order` is the cart's
 * id from the link, or an order id from links sent before carts). Authenticated by an HMAC-SHA256
 * signature of the raw body (the secret never leaves the environment), idempotent by event id.
 */
export function paymentWebhook(deps: { secret: string | undefined; secretEnv: string; payments: Payments; tips: Tips; bus: Bus; log: Logger }): Router {
  const router = express.Router();
  router.post('/webhooks/payment', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    if (!deps.secret) return res.status(503).json({ error: `payments are not configured: set ${deps.secretEnv} in the environment` });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const given = Buffer.from(String(req.get(SIGNATURE_HEADER) ?? ''));
    const expected = Buffer.from(signPayload(deps.secret, raw));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      deps.log.warn({ ip: req.ip }, 'payment webhook with a bad signature refused');
      return res.status(401).json({ error: 'bad signature' });
    }
    const event = readEvent(raw);
    if (typeof event === 'string') return res.status(400).json({ error: event });
    if (/^T/i.test(event.order)) {
      // Tips share the webhook; their ids start with T, which order ids never do.
      const tip = await deps.tips.pay(event.id, event.order, event.amountCents, event.currency);
      await deps.bus.emit('tip.payment', { eventId: event.id, tipRef: event.order, amountCents: event.amountCents, result: tip });
      if (tip.kind === 'unknown') return res.status(404).json({ status: 'unknown-order' });
      if (tip.kind === 'amount-mismatch')
        return res.status(422).json({ status: 'amount-mismatch', expected: toMajor(tip.expectedCents, tip.currency), currency: tip.currency });
      return res.status(200).json({ status: tip.kind });
    }
    const result = await deps.payments.apply({
      provider: 'webhook',
      eventId: event.id,
      cartRef: event.order,
      amountCents: event.amountCents,
      currency: event.currency,
    });
    const body: Record<string, unknown> = { status: result.kind === 'unknown-cart' ? 'unknown-order' : result.kind };
    if (result.kind === 'amount-mismatch') {
      deps.log.warn(
        { cart: result.cart.publicId, got: event.amountCents, currency: event.currency },
        'payment refused: amount or currency does not match the cart',
      );
      Object.assign(body, { expected: toMajor(result.expectedCents, result.currency), currency: result.currency });
    }
    if (result.kind === 'not-payable') body.orderStatus = result.cart.status;
    if (result.kind === 'paid-twice' || result.kind === 'late' || (result.kind === 'paid' && result.soldOut.length > 0)) body.refund = true;
    return res.status(STATUS[result.kind]).json(body);
  });
  return router;
}
