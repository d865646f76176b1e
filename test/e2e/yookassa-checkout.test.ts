import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { parseShow } from '../../config/loader.js';
import type { CartView } from '../../orchestrator/commerce/carts/cart-types.js';
import { yookassaProvider } from '../../orchestrator/commerce/payments/yookassa-provider.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeYooKassa } from '../fakes/index.js';
import { startTestApp, type TestApp } from '../support/test-show.js';

const SHOP_ID = '504211';
const SECRET_KEY = 'test_Yk9fakeSecretKey_0123456789';

/** The form a buyer fills on the checkout page. */
const FORM = { name: 'Ivan Petrov', email: 'ivan@example.ru', delivery: 'ship', line1: 'Tverskaya 1', city: 'Moscow', postalCode: '125009', country: 'RU' };

function showYaml(api: string): string {
  return `
show: { id: yk-show, name: Test show, currency: RUB }
server: { host: 127.0.0.1, port: 0 }
products:
  - { sku: MUG, title: Mug, price: 2190, stock: 50 }
checkout: { provider: yookassa, yookassa: { api: "${api}" }, hold: 10m, shipping: { flat: 300 } }
channels: { web: { enabled: false } }
`;
}

describe('YooKassa checkout against a local YooKassa API', () => {
  const twitch = new MemoryChannel('twitch', ['shop']);
  let fake: FakeYooKassa;
  let t: TestApp;
  let buyers = 0;

  /** A new viewer buys a mug: their cart (one line, 2190.00 ₽, held). */
  const cartOfNewBuyer = async (): Promise<CartView> => {
    const id = `viewer-${++buyers}`;
    await twitch.say({ id, name: `Viewer ${buyers}` }, '!buy MUG');
    await t.app.idle();
    const link = twitch.sent.map((m) => m.link?.url).find((url) => url !== undefined && !seen.has(url));
    if (!link) throw new Error('no checkout link was sent');
    seen.add(link);
    const cart = await t.app.runtime.carts.view(link.slice(link.lastIndexOf('/') + 1));
    if (!cart) throw new Error(`no cart behind ${link}`);
    return cart;
  };
  const seen = new Set<string>();
  const checkout = async (cart: CartView) => {
    const res = await fetch(`${t.app.url}/api/checkout/${cart.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...FORM, provider: 'yookassa' }),
    });
    return { status: res.status, body: (await res.json()) as { status: string; url?: string; message?: string } };
  };
  const notify = (event: string, object: unknown) => fake.notify(`${t.app.url}/api/webhooks/yookassa`, event, object);
  const reread = async (cart: CartView) => (await t.app.runtime.carts.byId(cart.id))!;
  const received: string[] = [];

  beforeAll(async () => {
    fake = await FakeYooKassa.start({ shopId: SHOP_ID, secretKey: SECRET_KEY });
    const config = parseShow(showYaml(`${fake.url}/v3`), 'yookassa.yaml', {}).config;
    t = await startTestApp(config, [twitch], { env: { YOOKASSA_SHOP_ID: SHOP_ID, YOOKASSA_SECRET_KEY: SECRET_KEY } });
    t.app.bus.on('payment.received', ({ report }) => void received.push(report.eventId));
  });
  afterAll(async () => {
    await t.app.stop();
    await fake.stop();
  });

  it('GIVEN a cart of 2190 ₽ and 300 ₽ shipping WHEN the buyer checks out with YooKassa THEN they are sent to its confirmation page for one payment of "2490.00" RUB made with an Idempotence-Key', async () => {
    const cart = await cartOfNewBuyer();
    const { status, body } = await checkout(cart);
    expect(status).toBe(200);
    expect(body.status).toBe('redirect');
    const create = fake.creates().at(-1)!;
    expect(create.authorized).toBe(true);
    expect(create.idempotenceKey).toMatch(/^showcart-[A-Za-z0-9_-]{43}$/);
    expect(create.body).toMatchObject({
      amount: { value: '2490.00', currency: 'RUB' },
      capture: true,
      confirmation: { type: 'redirect', return_url: `${t.app.url}/c/${cart.token}` },
      metadata: { cart: cart.publicId },
    });
    expect((create.body as { description: string }).description.length).toBeLessThanOrEqual(128);
    const payment = [...fake.payments.values()].find((p) => p.metadata.cart === cart.publicId)!;
    expect(body.url).toBe(payment.confirmation?.confirmation_url);
    expect(await reread(cart)).toMatchObject({ status: 'checkout', provider: 'yookassa', providerRef: payment.id, providerError: null });
  });

  it('GIVEN a pending payment WHEN notifications claim it succeeded (a forged copy, an unknown id) THEN the API is asked, nothing changes, and YooKassa is told 200', async () => {
    const cart = await cartOfNewBuyer();
    await checkout(cart);
    const before = await reread(cart);
    const pending = fake.payments.get(before.providerRef!)!;
    const forged = { ...pending, status: 'succeeded', paid: true };
    const claimed = await notify('payment.succeeded', forged);
    expect([claimed.status, await claimed.json()]).toEqual([200, { status: 'ignored' }]);
    expect(fake.requests.items.some((r) => r.method === 'GET' && r.path === `/v3/payments/${pending.id}` && r.authorized)).toBe(true);
    const unknown = await notify('payment.succeeded', { ...forged, id: '2ff1e1b0-000f-5000-9000-1a2b3c4d5e6f' });
    expect([unknown.status, await unknown.json()]).toEqual([200, { status: 'ignored' }]);
    expect(await reread(cart)).toEqual(before);
    expect(received).not.toContain(pending.id);
  });

  it('GIVEN the buyer paid on YooKassa WHEN its notification arrives, and again THEN the cart is paid once and the replay changes nothing', async () => {
    const cart = await cartOfNewBuyer();
    await checkout(cart);
    const id = (await reread(cart)).providerRef!;
    const paid = fake.succeed(id);
    const first = await notify('payment.succeeded', paid);
    expect([first.status, await first.json()]).toEqual([200, { status: 'paid' }]);
    const after = await reread(cart);
    expect(after).toMatchObject({ status: 'paid', totalCents: 249_000, refundCents: 0 });
    expect(after.lines.map((l) => l.order.status)).toEqual(['paid']);
    const again = await notify('payment.succeeded', paid);
    expect([again.status, await again.json()]).toEqual([200, { status: 'duplicate' }]);
    expect(await reread(cart)).toEqual(after);
    expect(received.filter((e) => e === id)).toHaveLength(2);
    expect(await t.app.store.models.CartPayment.count({ where: { cartId: cart.id } })).toBe(1);
  });

  it('GIVEN YooKassa answers 500 WHEN the buyer checks out THEN the page gets 502, the hold stays, the cart shows the failure, and a later try goes through', async () => {
    const cart = await cartOfNewBuyer();
    fake.failNext(500, 3);
    const failed = await checkout(cart);
    expect(failed.status).toBe(502);
    expect(failed.body.status).toBe('failed');
    const held = await reread(cart);
    expect(held.providerError).toMatch(/yookassa is not answering: answered 500/);
    expect(held.holdExpiresAt!).toBeGreaterThan(Date.now());
    expect(held.lines.map((l) => l.order.status)).toEqual(['held']);
    const page = (await (await fetch(`${t.app.url}/api/checkout/${cart.token}`)).json()) as { cart: { providerError: string | null } };
    expect(page.cart.providerError).toBe(held.providerError);
    const retried = await checkout(cart);
    expect([retried.status, retried.body.status]).toEqual([200, 'redirect']);
    expect(await reread(cart)).toMatchObject({ providerError: null, status: 'checkout' });
  });

  it('GIVEN YooKassa made the payment but its answer was lost WHEN the provider retries THEN it sends the same Idempotence-Key and there is one payment', async () => {
    const cart = await cartOfNewBuyer();
    const before = fake.creates().length;
    fake.failNext('drop');
    const { status, body } = await checkout(cart);
    expect(status).toBe(200);
    const creates = fake.creates().slice(before);
    expect(creates.map((c) => c.outcome)).toEqual(['drop', 200]);
    expect(creates[1]!.idempotenceKey).toBe(creates[0]!.idempotenceKey);
    const made = [...fake.payments.values()].filter((p) => p.metadata.cart === cart.publicId);
    expect(made).toHaveLength(1);
    expect(body.url).toBe(made[0]!.confirmation?.confirmation_url);
  });

  it(
    'GIVEN YooKassa does not answer WHEN the request times out THEN the retry reuses the Idempotence-Key and one payment is made',
    { timeout: 20_000 },
    async () => {
      const cart = await cartOfNewBuyer();
      const before = fake.creates().length;
      fake.failNext('hang');
      const { status } = await checkout(cart);
      expect(status).toBe(200);
      const creates = fake.creates().slice(before);
      expect(creates.map((c) => c.outcome)).toEqual(['hang', 200]);
      expect(new Set(creates.map((c) => c.idempotenceKey)).size).toBe(1);
      expect([...fake.payments.values()].filter((p) => p.metadata.cart === cart.publicId)).toHaveLength(1);
    },
  );

  it('GIVEN a checkout WHEN the buyer presses Pay again THEN the same payment is offered, not a second one', async () => {
    const cart = await cartOfNewBuyer();
    const first = await checkout(cart);
    const second = await checkout(cart);
    expect(second.body.url).toBe(first.body.url);
    expect([...fake.payments.values()].filter((p) => p.metadata.cart === cart.publicId)).toHaveLength(1);
  });

  it('GIVEN YooKassa cancelled the payment WHEN its notification arrives THEN the hold stays with the failure shown, a replay changes nothing, and paying again makes a new payment', async () => {
    const cart = await cartOfNewBuyer();
    await checkout(cart);
    const id = (await reread(cart)).providerRef!;
    const cancelled = fake.cancel(id, 'card_expired');
    const first = await notify('payment.canceled', cancelled);
    expect([first.status, await first.json()]).toEqual([200, { status: 'recorded' }]);
    const after = await reread(cart);
    expect(after).toMatchObject({ status: 'checkout', providerRef: id });
    expect(after.providerError).toMatch(/cancelled the payment \(card_expired\)/);
    expect(after.lines.map((l) => l.order.status)).toEqual(['held']);
    const again = await notify('payment.canceled', cancelled);
    expect([again.status, await again.json()]).toEqual([200, { status: 'duplicate' }]);
    expect(await reread(cart)).toEqual(after);
    const retried = await checkout(cart);
    expect(retried.status).toBe(200);
    const made = [...fake.payments.values()].filter((p) => p.metadata.cart === cart.publicId);
    expect(made).toHaveLength(2);
    expect(retried.body.url).toBe(made.find((p) => p.id !== id)?.confirmation?.confirmation_url);
  });

  it('GIVEN the YooKassa API is down WHEN a notification arrives THEN showcart answers 503 so it is sent again, and nothing changes', async () => {
    const cart = await cartOfNewBuyer();
    await checkout(cart);
    const before = await reread(cart);
    const paid = fake.succeed(before.providerRef!);
    fake.failNext(500, 2);
    const res = await notify('payment.succeeded', paid);
    expect(res.status).toBe(503);
    expect(await reread(cart)).toEqual(before);
    const later = await notify('payment.succeeded', paid);
    expect([later.status, await later.json()]).toEqual([200, { status: 'paid' }]);
  });

  it('GIVEN hostile bodies WHEN posted as notifications THEN each gets a 4xx and the app keeps answering', async () => {
    const post = (body: string) =>
      fetch(`${t.app.url}/api/webhooks/yookassa`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status);
    expect(await post('{not json')).toBe(400);
    expect(await post('[]')).toBe(400);
    expect(await post('null')).toBe(400);
    expect(await post(JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: '../../v3/refunds' } }))).toBe(400);
    expect(await post(JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: null }))).toBe(400);
    expect(await post(JSON.stringify({ type: 'notification', event: 'payment.succeeded', object: { id: 'x' }, pad: 'x'.repeat(70_000) }))).toBe(413);
    expect(fake.requests.items.some((r) => r.path.includes('refunds'))).toBe(false);
    expect((await fetch(`${t.app.url}/api/health`)).status).toBe(200);
  });

  it('GIVEN no shop id or secret key in the environment WHEN the provider is made THEN it names both variables', () => {
    const config = parseShow(showYaml('https://api.yookassa.ru/v3'), 'yookassa.yaml', {}).config;
    const provider = yookassaProvider(config, new Secrets({}), () => config.checkout);
    expect(provider.missing).toEqual(['YOOKASSA_SHOP_ID', 'YOOKASSA_SECRET_KEY']);
  });
});
