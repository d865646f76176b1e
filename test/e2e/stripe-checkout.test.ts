import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { FakeStripe } from '../fakes/fake-stripe.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

// Fixed values, so the suite's log scan knows them and fails the run if either is ever logged.
const STRIPE_KEY = 'sk_test_showcart_e2e_4242424242';
const WEBHOOK_SECRET = 'whsec_showcart_e2e_4242424242';

/** The cart token of the last "Pay now" link a channel was sent. */
function tokenOf(channel: MemoryChannel): string {
  const link = [...channel.sent].reverse().find((m) => m.link?.url.includes('/c/'))?.link;
  expect(link).toBeDefined();
  return link!.url.split('/c/')[1]!;
}

/** The checkout page's form, sent with the buyer's details and Stripe chosen. */
function checkoutAt(base: string, token: string): Promise<Response> {
  return fetch(`${base}/api/checkout/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Mia Buyer',
      email: 'mia@example.com',
      delivery: 'ship',
      line1: 'Main St 1',
      city: 'Berlin',
      postalCode: '10115',
      country: 'DE',
      provider: 'stripe',
    }),
  });
}

/** The real `stripe` SDK in the app talks over HTTP to the fake; Stripe's webhooks are signed with the fake's endpoint secret. */
describe('paying a cart with Stripe Checkout, end to end through the app and the real SDK', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let fake: FakeStripe;
  let t: TestApp;

  const webhook = () => `${t.app.url}/api/webhooks/stripe`;
  const cartOf = async (token: string) => (await t.app.runtime.carts.view(token))!;
  const next = <K extends ShowEventName>(name: K, where: (payload: ShowEvents[K]) => boolean = () => true) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = t.app.bus.on(name, (payload) => {
        if (!where(payload)) return;
        off();
        resolve(payload);
      });
    });
  /** A viewer buys by chat; returns their cart's token from the "Pay now" link. */
  const buy = async (id: string, name: string, line: string): Promise<string> => {
    await twitch.say({ id, name }, line);
    await t.app.idle();
    return tokenOf(twitch);
  };
  const checkout = (token: string) => checkoutAt(t.app.url, token);
  /** Checks a cart out with Stripe and returns the session the buyer was sent to. */
  const startSession = async (token: string) => {
    const res = await checkout(token);
    const body = (await res.json()) as { status: string; url: string };
    expect([res.status, body.status]).toEqual([200, 'redirect']);
    const id = body.url.split('/pay/')[1]!;
    return { url: body.url, session: fake.session(id) };
  };

  beforeAll(async () => {
    fake = await FakeStripe.start({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET });
    const config = testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 1 }
  - { sku: CUP, title: Cup, price: 8, stock: 5 }
checkout: { provider: stripe, stripe: { api: "${fake.url}" }, hold: 10m, shipping: { flat: 4.90 } }
alerts: { on: paid, names: masked, mergeWithin: 0s }
channels: { web: { enabled: false } }`);
    t = await startTestApp(config, [twitch], { env: { STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret } });
  });
  afterAll(async () => {
    await t.app.stop();
    await fake.stop();
  });

  let paidToken = '';
  let paidSession = '';

  it('GIVEN a buyer with two mugs WHEN they check out with Stripe THEN they go to a Checkout Session with the lines, shipping, total, cart id and an expiry Stripe accepts', async () => {
    const token = await buy('u1', 'Mia', '!buy MUG 2');
    const before = Date.now();
    const { url, session } = await startSession(token);
    const cart = await cartOf(token);
    expect(url).toBe(`${fake.url}/pay/${session.id}`);
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.line_items).toEqual([{ name: 'Mug', quantity: 2, unit_amount: 1200, currency: 'eur' }]);
    expect(session.shipping_cost).toEqual({ amount_total: 490 });
    expect([session.amount_total, session.currency, cart.totalCents]).toEqual([2890, 'eur', 2890]);
    expect(session.metadata).toEqual({ cart: cart.publicId });
    expect([session.client_reference_id, session.customer_email]).toEqual([cart.publicId, 'mia@example.com']);
    expect([session.success_url, session.cancel_url]).toEqual([`${t.app.url}/c/${token}`, `${t.app.url}/c/${token}`]);
    // The 10 min hold is shorter than Stripe's 30 min minimum: the session asks for the minimum, and the hold's end expires it.
    expect(session.expires_at * 1000).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(session.expires_at * 1000).toBeLessThanOrEqual(Date.now() + 32 * 60_000);
    const create = fake.requests.items.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(create?.idempotencyKey).toMatch(new RegExp(`^showcart-${cart.publicId}-`));
    expect([cart.status, cart.provider, cart.providerRef]).toEqual(['checkout', 'stripe', session.id]);
    paidToken = token;
    paidSession = session.id;
  });

  it('GIVEN that session WHEN Stripe reports it completed THEN the cart is paid once, the buyer is told, the purchase is announced, and a replay changes nothing', async () => {
    const alerted = next('alert.purchase');
    const results: string[] = [];
    const off = t.app.bus.on('payment.received', ({ result }) => void results.push(result.kind));
    const event = fake.complete(paidSession);
    const first = await fake.deliver(webhook(), event);
    expect([first.status, await first.json()]).toEqual([200, { status: 'paid' }]);
    const again = await fake.deliver(webhook(), event);
    expect([again.status, await again.json()]).toEqual([200, { status: 'duplicate' }]);
    expect((await alerted).buyers).toHaveLength(1);
    await t.app.idle();
    off();
    expect(results).toEqual(['paid', 'duplicate']);
    const cart = await cartOf(paidToken);
    expect([cart.status, cart.paidAt !== undefined]).toEqual(['paid', true]);
    expect(twitch.texts().some((x) => x.startsWith(`Paid, thank you! Order ${cart.publicId}`))).toBe(true);
  });

  it('GIVEN a cart in a Stripe checkout WHEN events come with a tampered body, no signature, another secret or the wrong amount THEN each is refused and the cart stays unpaid', async () => {
    const token = await buy('u2', 'Ola', '!buy CUP');
    const { session } = await startSession(token);
    const seen: string[] = [];
    const off = t.app.bus.on('payment.received', ({ result }) => void seen.push(result.kind));
    const event = fake.complete(session.id);
    const tampered = await fake.deliver(webhook(), event, { tamper: (body) => body.replace('"amount_total": 1290', '"amount_total": 1') });
    const unsigned = await fake.deliver(webhook(), event, { signature: null });
    const forged = await fake.deliver(webhook(), event, { signature: fake.sign(JSON.stringify(event, null, 2), 'whsec_not_the_endpoints') });
    const stale = await fake.deliver(webhook(), event, {
      signature: fake.sign(JSON.stringify(event, null, 2), undefined, Math.floor(Date.now() / 1000) - 3600),
    });
    expect([tampered.status, unsigned.status, forged.status, stale.status]).toEqual([400, 400, 400, 400]);
    expect(await tampered.json()).toEqual({ error: 'bad signature' });
    const short = fake.event('checkout.session.completed', { ...fake.session(session.id), amount_total: 100 });
    const mismatch = await fake.deliver(webhook(), short);
    expect([mismatch.status, await mismatch.json()]).toEqual([422, { status: 'amount-mismatch' }]);
    await t.app.idle();
    off();
    expect(seen).toEqual(['amount-mismatch']);
    expect((await cartOf(token)).status).toBe('checkout');
    expect(t.log.text()).toMatch(/amount or currency does not match/);
    expect(t.log.text()).not.toContain(fake.webhookSecret);
  });

  it('GIVEN the last candle in a Stripe checkout and a viewer waiting for it WHEN the session expires THEN the hold ends and the first on the waitlist is offered it; a replay changes nothing', async () => {
    const token = await buy('u3', 'Tom', '!buy LAST');
    await twitch.say({ id: 'u4', name: 'Uma' }, '!buy LAST');
    await t.app.idle();
    expect(twitch.texts().some((x) => x.includes('You are #1 on the waitlist'))).toBe(true);
    const { session } = await startSession(token);
    const offered = next('order.placed', (p) => p.via === 'waitlist');
    const event = fake.expire(session.id);
    const res = await fake.deliver(webhook(), event);
    expect([res.status, await res.json()]).toEqual([200, { status: 'released' }]);
    expect((await offered).order.buyer.name).toBe('Uma');
    await t.app.idle();
    expect((await cartOf(token)).status).toBe('expired');
    const placed: unknown[] = [];
    const off = t.app.bus.on('order.placed', (p) => void placed.push(p));
    const again = await fake.deliver(webhook(), event);
    expect([again.status, await again.json()]).toEqual([200, { status: 'ignored' }]);
    await t.app.idle();
    off();
    expect(placed).toEqual([]);
    // Ending the hold also tells Stripe; a session already expired there is fine, not a warning.
    expect(fake.requests.items.some((r) => r.path === `/v1/checkout/sessions/${session.id}/expire`)).toBe(true);
    expect(t.log.text()).not.toMatch(/did not confirm the session ended/);
  });

  it('GIVEN Stripe answering 500 WHEN a buyer checks out THEN the checkout fails with a retry message, the hold stays, the cart shows the error, and a retry works', async () => {
    const token = await buy('u5', 'Vic', '!buy CUP');
    const failed = next('checkout.failed');
    fake.failNext(3, { status: 500 });
    const res = await checkout(token);
    const body = (await res.json()) as { status: string; message: string };
    expect([res.status, body.status]).toEqual([502, 'failed']);
    expect(body.message).toMatch(/try again/);
    expect((await failed).provider).toBe('stripe');
    const attempts = fake.requests.items.filter((r) => r.status === 500);
    // The SDK retried twice, each time with the same idempotency key: Stripe would make at most one session.
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((r) => r.idempotencyKey)).size).toBe(1);
    const held = await cartOf(token);
    expect([held.status, held.holdExpiresAt! > Date.now(), held.providerError]).toEqual(['checkout', true, 'stripe is not answering: HTTP 500']);
    const state = (await (await fetch(`${t.app.url}/api/checkout/${token}`)).json()) as { cart: { providerError: string | null } };
    expect(state.cart.providerError).toMatch(/stripe is not answering/);
    expect(t.log.text()).toMatch(/a payment could not be started/);
    expect(t.log.text()).not.toContain(STRIPE_KEY);
    const { session } = await startSession(token);
    expect((await cartOf(token)).providerError).toBeNull();
    expect(session.metadata.cart).toBe(held.publicId);
  });

  it('GIVEN an event Stripe sends that showcart does not use WHEN it arrives signed THEN it is answered 200 and ignored', async () => {
    const res = await fake.deliver(webhook(), fake.event('customer.created', { id: 'cus_123', object: 'customer' }));
    expect([res.status, await res.json()]).toEqual([200, { status: 'ignored' }]);
  });
});

describe('Stripe without its webhook secret', () => {
  it('GIVEN only the API key WHEN Stripe calls the webhook THEN it answers 503 naming the variable, and Stripe is not offered to buyers', async () => {
    const fake = await FakeStripe.start({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET });
    const config = testConfig(`checkout: { provider: stripe, stripe: { api: "${fake.url}" } }
channels: { web: { enabled: false } }`);
    const t = await startTestApp(config, [], { env: { STRIPE_SECRET_KEY: fake.secretKey } });
    try {
      const res = await fake.deliver(`${t.app.url}/api/webhooks/stripe`, fake.event('checkout.session.completed', { id: 'cs_test_x' }));
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: string }).error).toContain('STRIPE_WEBHOOK_SECRET');
      expect(t.app.runtime.payments.offered('web')).toEqual([]);
      expect(t.app.runtime.payments.unconfigured()).toEqual([{ provider: 'stripe', missing: ['STRIPE_WEBHOOK_SECRET'] }]);
      expect(t.log.text()).toMatch(/checkout provider stripe is off: set STRIPE_WEBHOOK_SECRET/);
    } finally {
      await t.app.stop();
      await fake.stop();
    }
  });
});

describe('a hold shorter than the 30 minutes a Stripe session lasts at least', () => {
  it('GIVEN a 2 s hold in a Stripe checkout WHEN the hold runs out THEN the cart is released and its session is expired at Stripe', async () => {
    const fake = await FakeStripe.start({ secretKey: STRIPE_KEY, webhookSecret: WEBHOOK_SECRET });
    const twitch = new MemoryChannel('twitch', ['shop']);
    const config = testConfig(`checkout: { provider: stripe, stripe: { api: "${fake.url}" }, hold: 2s, remindBefore: 1s }
channels: { web: { enabled: false } }`);
    const t = await startTestApp(config, [twitch], { env: { STRIPE_SECRET_KEY: fake.secretKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret } });
    try {
      await twitch.say({ id: 'u1', name: 'Mia' }, '!buy MUG');
      await t.app.idle();
      const token = tokenOf(twitch);
      const released = new Promise<void>((resolve) => t.app.bus.on('order.released', () => resolve()));
      const res = await checkoutAt(t.app.url, token);
      const { url } = (await res.json()) as { url: string };
      const session = fake.session(url.split('/pay/')[1]!);
      expect(session.status).toBe('open');
      // The hold's end releases the cart and then tells Stripe, before the stock is handed on.
      await released;
      await t.app.idle();
      expect((await t.app.runtime.carts.view(token))?.status).toBe('expired');
      expect(session.status).toBe('expired');
      expect(fake.requests.items.filter((r) => r.path === `/v1/checkout/sessions/${session.id}/expire`).map((r) => r.status)).toEqual([200]);
    } finally {
      await t.app.stop();
      await fake.stop();
    }
  });
});
