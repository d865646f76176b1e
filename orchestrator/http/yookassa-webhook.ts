import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { CheckoutConfig } from '../../config/schema/checkout.js';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Bus } from '../bus.js';
import type { Carts } from '../commerce/carts/cart-service.js';
import type { Payments } from '../commerce/payments/payments.js';
import { amountMinor, PAYMENT_ID, YooKassaApi, yooKassaCredentials, type YooKassaPayment } from '../commerce/payments/yookassa-api.js';
import type { Secrets } from '../shared/secrets.js';

export interface YooKassaWebhookDeps {
  config: ShowConfig;
  checkout: () => CheckoutConfig | undefined;
  secrets: Secrets;
  carts: Carts;
  payments: Payments;
  bus: Bus;
  log: Logger;
}

/** The events showcart subscribes to; anything else is acknowledged and left alone. */
const EVENTS = new Set(['payment.succeeded', 'payment.canceled', 'payment.waiting_for_capture']);

type Answer = { status: number; body: Record<string, unknown> };
const ok = (status: string): Answer => ({ status: 200, body: { status } });

/**
 * `POST /api/webhooks/yookassa`: YooKassa's HTTP notifications. They are not signed, so a
 * notification is only a hint: the payment it names is fetched back from the API with the shop's
 * credentials, and only what the API says (status, amount, currency, the cart in its metadata)
 * counts. A payment the API does not know, or that is not final, changes nothing (200, so the
 * sender stops); when the API cannot be reached the answer is 503 and YooKassa sends it again later.
 */
export function yookassaWebhook(deps: YooKassaWebhookDeps): Router {
  const credentials = yooKassaCredentials(deps.config.checkout, deps.secrets);
  const api = new YooKassaApi({ credentials, api: () => deps.checkout()?.yookassa.api ?? 'https://api.yookassa.ru/v3' });
  const log = deps.log.child({ provider: 'yookassa' });
  const router = express.Router();
  router.post('/webhooks/yookassa', express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    if (credentials.missing.length > 0)
      return res.status(503).json({ error: `YooKassa is not configured: set ${credentials.missing.join(' and ')} in the environment` });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const notice = readNotification(raw);
    if (typeof notice === 'string') {
      log.info({ ip: req.ip, reason: notice }, 'YooKassa notification refused');
      return res.status(400).json({ error: notice });
    }
    if (!EVENTS.has(notice.event)) return res.json({ status: 'ignored' });
    let payment: YooKassaPayment | undefined;
    try {
      payment = await api.get(notice.id);
    } catch (err) {
      log.warn({ err, payment: notice.id }, 'a YooKassa notification could not be checked; YooKassa will send it again');
      return res.status(503).json({ error: 'the payment could not be checked with YooKassa; try again later' });
    }
    if (!payment) {
      log.warn({ ip: req.ip, payment: notice.id, event: notice.event }, 'YooKassa notification for a payment the API does not know: ignored');
      return res.json({ status: 'ignored' });
    }
    const answer = await settle(deps, log, payment, notice.event);
    return res.status(answer.status).json(answer.body);
  });
  return router;
}

/** Acts on the payment as the API returned it; the notification's own copy is never read. */
async function settle(deps: YooKassaWebhookDeps, log: Logger, payment: YooKassaPayment, event: string): Promise<Answer> {
  const cartRef = payment.metadata.cart;
  const seen = { payment: payment.id, status: payment.status, event, cart: cartRef };
  if (cartRef === undefined) {
    log.info(seen, 'YooKassa payment without a showcart cart: ignored');
    return ok('ignored');
  }
  if (payment.status === 'succeeded' && payment.paid) {
    const amountCents = amountMinor(payment.amount.value, payment.amount.currency);
    if (amountCents === undefined) {
      log.warn({ ...seen, amount: payment.amount }, 'YooKassa payment with an amount showcart cannot read: ignored');
      return ok('ignored');
    }
    const result = await deps.payments.apply({ provider: 'yookassa', eventId: payment.id, cartRef, amountCents, currency: payment.amount.currency });
    if (result.kind === 'amount-mismatch')
      log.warn({ ...seen, got: amountCents, currency: payment.amount.currency, expected: result.expectedCents }, 'YooKassa payment does not match the cart');
    else if (result.kind === 'unknown-cart') log.warn(seen, 'YooKassa payment for a cart this show does not have');
    else if (result.kind === 'late' || result.kind === 'paid-twice') log.warn({ ...seen, result: result.kind }, 'YooKassa payment is owed back');
    // 200 whatever came of it: sending it again cannot change the outcome.
    return ok(result.kind);
  }
  if (payment.status === 'canceled') return cancelled(deps, log, payment, cartRef);
  log.info(seen, 'YooKassa notification for a payment that is not final: ignored');
  return ok('ignored');
}

/**
 * The buyer's payment failed or ran out on YooKassa's side. The hold stays (the buyer expects
 * their items kept while it runs, and may pay again from the checkout page, which makes a new
 * payment since the cart still names this one); the failure is recorded for the page and the
 * dashboard. A payment the cart has moved on from changes nothing.
 */
async function cancelled(deps: YooKassaWebhookDeps, log: Logger, payment: YooKassaPayment, cartRef: string): Promise<Answer> {
  const cart = await deps.carts.view(cartRef);
  if (!cart || cart.status !== 'checkout' || cart.providerRef !== payment.id) {
    log.info({ payment: payment.id, cart: cartRef, status: cart?.status }, 'YooKassa cancelled a payment the cart no longer waits for');
    return ok('ignored');
  }
  const error = `YooKassa cancelled the payment (${payment.cancelReason ?? 'no reason given'}); the buyer may try again`;
  if (cart.providerError === error) return ok('duplicate');
  await deps.carts.providerSaid(cart.id, { error });
  await deps.bus.emit('checkout.failed', { cart: cart.publicId, provider: 'yookassa', error });
  return ok('recorded');
}

interface Notification {
  event: string;
  id: string;
}

/** `{type: 'notification', event, object: {id, …}}` from untrusted bytes, or why not. */
function readNotification(raw: Buffer): Notification | string {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return 'body is not JSON';
  }
  if (typeof body !== 'object' || body === null) return 'body is not a notification';
  const b = body as Record<string, unknown>;
  if (b.type !== 'notification' || typeof b.event !== 'string' || b.event.length > 100) return 'body is not a notification';
  const object = b.object as Record<string, unknown> | null | undefined;
  if (typeof object !== 'object' || object === null || typeof object.id !== 'string' || !PAYMENT_ID.test(object.id))
    return 'object.id (the payment id) is required';
  return { event: b.event, id: object.id };
}
