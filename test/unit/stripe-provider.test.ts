import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckoutConfig } from '../../config/schema/checkout.js';
import type { CartLine, CartView } from '../../orchestrator/commerce/carts/cart-types.js';
import type { OrderSummary } from '../../orchestrator/commerce/order-types.js';
import { ProviderUnavailable } from '../../orchestrator/commerce/payments/provider.js';
import { sessionExpiry, sessionParams, stripeClient, stripeProvider } from '../../orchestrator/commerce/payments/stripe-provider.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeStripe } from '../fakes/fake-stripe.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0, 0);
const MIN = 60_000;

function line(n: number, order: Partial<OrderSummary>): CartLine {
  const o: OrderSummary = {
    id: n,
    publicId: `ORD0000${n}`,
    sku: 'MUG',
    variant: '',
    title: 'Mug',
    qty: 1,
    totalCents: 1200,
    currency: 'EUR',
    status: 'held',
    holdExpiresAt: undefined,
    buyer: { viewerId: 1, identityId: 1, platform: 'twitch', userId: 'u1', name: 'Mia', channelId: 'shop' },
    ...order,
  };
  return { n, order: o, unitCents: o.totalCents / o.qty, subtotalCents: o.totalCents, discountCents: 0 };
}

function cart(change: Partial<CartView> = {}): CartView {
  const lines = change.lines ?? [line(1, {})];
  const items = lines.reduce((s, l) => s + l.order.totalCents, 0);
  return {
    id: 7,
    publicId: 'CART0007',
    token: 'tok_tok_tok_tok_tok_to',
    status: 'checkout',
    currency: 'EUR',
    buyer: lines[0]!.order.buyer,
    lines,
    dropped: [],
    subtotalCents: items,
    discountCents: 0,
    itemsCents: items,
    shippingCents: 0,
    totalCents: items,
    delivery: 'pickup',
    contact: { name: 'Mia' },
    holdExpiresAt: NOW + 10 * MIN,
    remindedAt: undefined,
    provider: 'stripe',
    providerRef: null,
    providerError: null,
    paidAt: undefined,
    fulfilment: null,
    tracking: null,
    refundCents: 0,
    createdAt: NOW - MIN,
    ...change,
  };
}

const links = { page: 'https://shop.example/c/tok' };

describe('the Stripe Checkout Session made for a cart', () => {
  it('GIVEN a discounted line that does not split into units THEN it is one item named with its quantity, and the items add up to the cart', () => {
    const c = cart({ lines: [line(1, { qty: 3, totalCents: 1000, title: 'Candle', variant: 'red' }), line(2, { qty: 2, totalCents: 2400 })] });
    const params = sessionParams(c, links, NOW);
    expect(params.line_items).toEqual([
      {
        quantity: 1,
        price_data: { currency: 'eur', unit_amount: 1000, product_data: { name: '3× Candle (red)', metadata: { sku: 'MUG', order: 'ORD00001' } } },
      },
      { quantity: 2, price_data: { currency: 'eur', unit_amount: 1200, product_data: { name: 'Mug', metadata: { sku: 'MUG', order: 'ORD00002' } } } },
    ]);
    expect(params.line_items!.reduce((s, l) => s + l.price_data!.unit_amount! * l.quantity!, 0)).toBe(c.totalCents);
  });

  it('GIVEN pickup and no email THEN no shipping option and no customer email are sent', () => {
    const params = sessionParams(cart(), links, NOW);
    expect(params).not.toHaveProperty('shipping_options');
    expect(params).not.toHaveProperty('customer_email');
    expect([params.mode, params.metadata, params.client_reference_id, params.success_url]).toEqual(['payment', { cart: 'CART0007' }, 'CART0007', links.page]);
  });

  it('GIVEN holds of 10 minutes, 2 hours and 3 days THEN the session ends at the minimum plus a margin, with the hold, and inside 24 hours', () => {
    expect(sessionExpiry(NOW + 10 * MIN, NOW)).toBe((NOW + 31 * MIN) / 1000);
    expect(sessionExpiry(NOW + 120 * MIN, NOW)).toBe((NOW + 120 * MIN) / 1000);
    expect(sessionExpiry(NOW + 72 * 60 * MIN, NOW)).toBe((NOW + 24 * 60 * MIN - MIN) / 1000);
  });
});

describe('the Stripe provider against the fake API', () => {
  let fake: FakeStripe;
  const config = CheckoutConfig.parse({}).stripe;
  const provider = (options: { timeoutMs?: number; retries?: number } = {}) =>
    stripeProvider({ ...config, api: fake.url }, new Secrets({ STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret }), options);

  beforeAll(async () => {
    fake = await FakeStripe.start();
  });
  afterAll(() => fake.stop());

  it('GIVEN no secrets in the environment THEN both variables are named as missing', () => {
    expect(stripeProvider(config, new Secrets({})).missing).toEqual(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']);
  });

  it('GIVEN the buyer went back (the session expired) WHEN the same cart is checked out again THEN a new open session is made, not the old one replayed', async () => {
    const p = provider();
    const c = cart({ holdExpiresAt: Date.now() + 120 * MIN });
    const first = await p.start(c, links);
    await p.abandon!({ ...c, providerRef: first.kind === 'redirect' ? first.ref! : null });
    expect(fake.session((first as { ref: string }).ref).status).toBe('expired');
    const second = await p.start(c, links);
    expect(second.kind).toBe('redirect');
    const ref = (second as { ref: string }).ref;
    expect(ref).not.toBe((first as { ref: string }).ref);
    expect(fake.session(ref).status).toBe('open');
  });

  it('GIVEN a session already paid WHEN the cart is abandoned THEN nothing is thrown (no charge can follow anyway)', async () => {
    const p = provider();
    const started = (await p.start(cart({ publicId: 'CART0008' }), links)) as { ref: string };
    fake.complete(started.ref);
    await expect(p.abandon!(cart({ publicId: 'CART0008', providerRef: started.ref }))).resolves.toBeUndefined();
  });

  it('GIVEN Stripe does not answer WHEN a session is asked for THEN the provider reports itself unavailable after its retries', async () => {
    fake.failNext(2, 'hang');
    const before = fake.requests.items.length;
    await expect(provider({ timeoutMs: 200, retries: 1 }).start(cart({ publicId: 'CART0009' }), links)).rejects.toBeInstanceOf(ProviderUnavailable);
    expect(fake.requests.items.slice(before).map((r) => r.status)).toEqual([0, 0]);
  });

  it('GIVEN a session asked to end in 10 minutes THEN the API refuses it, as Stripe does (which is why holds that short are ended by expiring it)', async () => {
    const params = { ...sessionParams(cart(), links, Date.now()), expires_at: Math.floor(Date.now() / 1000) + 600 };
    const err = await stripeClient(fake.secretKey, fake.url)
      .checkout.sessions.create(params)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ type: 'StripeInvalidRequestError', param: 'expires_at' });
  });

  it('GIVEN a wrong API key WHEN a session is asked for THEN it is a refusal, not an outage', async () => {
    const p = stripeProvider({ ...config, api: fake.url }, new Secrets({ STRIPE_SECRET_KEY: 'sk_test_wrong_key_123', STRIPE_WEBHOOK_SECRET: 'whsec_x' }));
    const err = await p.start(cart({ publicId: 'CART0010' }), links).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(ProviderUnavailable);
  });
});
