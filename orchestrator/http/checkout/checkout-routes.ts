import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { Bus } from '../../bus.js';
import type { Carts } from '../../commerce/carts/cart-service.js';
import type { CartView } from '../../commerce/carts/cart-types.js';
import { deliveryOptions } from '../../commerce/carts/shipping.js';
import type { Payments } from '../../commerce/payments/payments.js';
import type { RunningShow } from '../../show.js';
import { sendLocalized } from '../localized-page.js';
import { perAddress } from './address-limit.js';
import { checkoutState } from './checkout-view.js';

export interface CheckoutDeps {
  show: RunningShow;
  carts: Carts;
  payments: Payments;
  bus: Bus;
  log: Logger;
}

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/**
 * The built-in checkout: `/c/<token>` (the page), and under /api `GET /checkout/<token>` (what
 * the page shows), `POST /checkout/<token>` (the buyer's details, then payment) and
 * `POST /checkout/<token>/back` (change the cart again). The token is the only key; an unknown
 * or malformed one is a 404 page, never a hint that a cart exists.
 */
export function checkoutRoutes(deps: CheckoutDeps): { page: Router; api: Router } {
  const shared = () => deps.show.config.channels.web.limits.sharedAddresses;
  const page = express.Router();
  page.get('/c/:token', async (req, res) => {
    const cart = TOKEN.test(req.params.token) ? await deps.carts.view(req.params.token) : undefined;
    const language = deps.show.config.show.language;
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer');
    if (!cart) return sendLocalized(res, 'checkout/not-found.html', language, 404);
    return sendLocalized(res, 'checkout/index.html', language);
  });

  const api = express.Router();
  const found = async (req: Request, res: Response): Promise<CartView | undefined> => {
    const token = String(req.params.token);
    const cart = TOKEN.test(token) ? await deps.carts.view(token) : undefined;
    if (!cart) res.status(404).json({ error: 'no such cart' });
    return cart;
  };
  api.use('/checkout', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.get('/checkout/:token', perAddress(120, 60_000, { shared }), async (req, res) => {
    const cart = await found(req, res);
    if (cart) res.json(stateOf(deps, cart));
  });
  api.post('/checkout/:token', perAddress(20, 60_000, { shared }), express.json({ limit: '8kb' }), async (req, res) => {
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    // What a buyer is offered depends on where they bought (a Telegram buyer may get a native invoice).
    const cart = await found(req, res);
    if (!cart) return;
    const offered = deps.payments.offered(cart.buyer.platform);
    const name = typeof body.provider === 'string' ? body.provider : offered[0]?.name;
    const provider = offered.find((p) => p.name === name);
    if (!provider) return res.status(400).json({ error: deps.show.texts.t('web.checkout.errorProvider') });
    const deliveries = deliveryOptions(deps.show.config.checkout?.shipping, deps.show.config.show.currency).map((o) => o.delivery);
    const result = await deps.carts.checkout(String(req.params.token), body, deps.payments.tagOf(provider.name), deliveries);
    if (result.kind === 'unknown') return res.status(404).json({ error: 'no such cart' });
    if (result.kind === 'ended') return res.status(409).json({ status: 'ended', state: stateOf(deps, result.cart) });
    if (result.kind === 'invalid') return res.status(422).json({ status: 'invalid', errors: result.errors });
    await deps.bus.emit('cart.checkout', { cart: result.cart, provider: deps.payments.tagOf(provider.name) });
    const started = await deps.payments.begin(result.cart, provider.name);
    if (started.kind === 'failed') return res.status(502).json({ status: 'failed', message: started.message });
    if (started.kind === 'not-offered') return res.status(400).json({ error: deps.show.texts.t('web.checkout.errorProvider') });
    const after = (await deps.carts.view(result.cart.token)) ?? result.cart;
    return res.json({
      status: started.kind,
      ...(started.kind === 'redirect' && { url: started.url }),
      ...(started.kind === 'instructions' && { text: started.text }),
      state: stateOf(deps, after),
    });
  });
  api.post('/checkout/:token/back', perAddress(20, 60_000, { shared }), async (req, res) => {
    const cart = await found(req, res);
    if (!cart) return;
    if (cart.status !== 'checkout') return res.json({ state: stateOf(deps, cart) });
    // Whatever the provider opened for this total must not be paid any more.
    await deps.payments.abandon(cart);
    const reopened = await deps.carts.reopen(cart.id);
    if (reopened) await deps.bus.emit('cart.reopened', { cart: reopened });
    return res.json({ state: stateOf(deps, reopened ?? (await deps.carts.view(cart.token)) ?? cart) });
  });
  return { page, api };
}

function stateOf(deps: CheckoutDeps, cart: CartView) {
  const checkout = deps.show.config.checkout;
  const offered = deps.payments.offered(cart.buyer.platform);
  return checkoutState(cart, {
    shopName: deps.show.config.show.name,
    accent: deps.show.config.overlay.colors.accent,
    deliveries: deliveryOptions(checkout?.shipping, cart.currency, deps.show.texts),
    providers: offered.map((p) => ({ name: p.name, label: p.label })),
    testMode: offered.some((p) => p.name === 'builtin') && checkout?.builtin.mode !== 'manual',
    instructions: cart.provider === 'manual' ? (checkout?.builtin.instructions ?? null) : null,
  });
}
