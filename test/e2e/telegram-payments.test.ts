/**
 * Telegram Bot Payments end to end: the app's Telegram adapter (the real telegraf client) talks
 * over HTTP to FakeTelegram, which plays the Bot API and the buyer's Telegram app (press Pay,
 * get charged); the buyer checks out on the cart page's API and gets a native invoice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../bots/telegram/index.js';
import type { ShowEventName, ShowEvents } from '../../orchestrator/bus.js';
import { REASONS } from '../../orchestrator/commerce/payments/telegram-invoices.js';
import { PRESS_START } from '../../orchestrator/commerce/payments/telegram-provider.js';
import { startShowcart, type Showcart } from '../../orchestrator/app.js';
import { Secrets } from '../../orchestrator/shared/secrets.js';
import { FakeTelegram, type TgPayment, type TgUser } from '../fakes/index.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';
import { afterLines } from '../support/wait-for.js';

const TOKEN = '778:fake-telegram-token';
const PAYMENT_TOKEN = '284685063:TEST:fake-provider-token';
const BOT: TgUser = { id: 778, first_name: 'Showcart', username: 'showcart_bot' };
const GROUP = -1001;
const alice: TgUser = { id: 4242, first_name: 'Alice' };
const bob: TgUser = { id: 5353, first_name: 'Bob' };
const carol: TgUser = { id: 6464, first_name: 'Carol' };
const dave: TgUser = { id: 7575, first_name: 'Dave' };
const mallory: TgUser = { id: 6666, first_name: 'Mallory' };

const SHOW = `  - { sku: CUP, title: Cup, price: 8, stock: 5 }
checkout: { provider: { default: builtin, telegram: [telegram, builtin] }, hold: 10m, shipping: { flat: 4.90 } }
alerts: { on: paid, names: masked, mergeWithin: 0s }`;

describe('paying a cart with a Telegram invoice, through telegraf and FakeTelegram', () => {
  const fake = new FakeTelegram({ token: TOKEN, bot: BOT });
  let app: Showcart;

  const next = <K extends ShowEventName>(name: K, where: (payload: ShowEvents[K]) => boolean = () => true) =>
    new Promise<ShowEvents[K]>((resolve) => {
      const off = app.bus.on(name, (payload) => {
        if (!where(payload)) return;
        off();
        resolve(payload);
      });
    });
  /** A Telegram viewer buys in the group; returns the cart token from the "Pay now" link in their private chat. */
  const buy = async (user: TgUser, line: string): Promise<string> => {
    const from = fake.calls.length;
    await afterLines(app, 1, () => fake.injectText({ chatId: GROUP, from: user, text: line }));
    const reply = fake.calls.slice(from).find((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === user.id);
    const token = /\/c\/([A-Za-z0-9_-]{22})/.exec(JSON.stringify(reply?.params))?.[1];
    expect(token, 'a "Pay now" link in the buyer’s private chat').toBeDefined();
    return token!;
  };
  /** The checkout page's form with the buyer's details and Telegram chosen. */
  const checkout = async (token: string) => {
    const res = await fetch(`${app.url}/api/checkout/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Tg Buyer',
        phone: '+49 151 0000',
        delivery: 'ship',
        line1: 'Main St 1',
        city: 'Berlin',
        postalCode: '10115',
        country: 'DE',
        provider: 'telegram',
      }),
    });
    return { status: res.status, body: (await res.json()) as { status: string; message?: string } };
  };
  const cartOf = async (token: string) => (await app.runtime.carts.view(token))!;
  const paymentFor = async (user: TgUser, token: string): Promise<TgPayment> => {
    const cart = await cartOf(token);
    return { from: user, payload: cart.publicId, currency: cart.currency, totalAmount: cart.totalCents! };
  };

  beforeAll(async () => {
    await fake.start();
    const config = testConfig(`${SHOW}
channels:
  web: { enabled: false }
  telegram: { apiRoot: "${fake.apiRoot}", chats: [{ id: ${GROUP} }] }`);
    app = await startShowcart({
      config,
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_PAYMENT_TOKEN: PAYMENT_TOKEN }),
      log: memoryLog().log,
      factories: { telegram: createTelegramChannel },
    });
    await fake.waitFor((c) => c.method === 'getUpdates', 3000);
  });

  afterAll(async () => {
    await app?.stop();
    await fake.stop();
  });

  let aliceToken = '';
  let aliceCharge = '';

  it('GIVEN a Telegram buyer with two items WHEN they check out with Telegram THEN an invoice reaches their private chat with one price per line, shipping, the cart currency and the cart id', async () => {
    await buy(alice, '/buy MUG');
    aliceToken = await buy(alice, '/buy CUP');
    const { status, body } = await checkout(aliceToken);
    expect([status, body.status]).toEqual([200, 'sent']);
    const invoice = await fake.payments.invoiceTo(alice.id);
    const cart = await cartOf(aliceToken);
    expect(invoice).toMatchObject({
      payload: cart.publicId,
      currency: 'EUR',
      providerToken: PAYMENT_TOKEN,
      prices: [
        { label: '1× Mug', amount: 1200 },
        { label: '1× Cup', amount: 800 },
        { label: 'Shipping', amount: 490 },
      ],
      totalAmount: 2490,
    });
    expect(cart).toMatchObject({ status: 'checkout', provider: 'telegram', totalCents: 2490 });
    expect(invoice.title.length).toBeLessThanOrEqual(32);
  });

  it('GIVEN the held cart WHEN Alice presses Pay THEN the pre-checkout query is answered yes in time AND the payment marks the cart paid, tells her and announces the purchase', async () => {
    const received = next('payment.received');
    const alert = next('alert.purchase');
    const { answer, chargeId } = await fake.payments.pay(await paymentFor(alice, aliceToken));
    expect(answer).toMatchObject({ ok: true });
    expect(answer.afterMs).toBeLessThan(10_000);
    aliceCharge = chargeId!;
    const { report, result } = await received;
    expect(report).toMatchObject({ provider: 'telegram', eventId: chargeId, amountCents: 2490, currency: 'EUR' });
    expect(result.kind).toBe('paid');
    expect((await alert).text).toContain('Mug');
    await app.idle();
    expect(await cartOf(aliceToken)).toMatchObject({ status: 'paid' });
    expect(fake.sent(alice.id).some((t) => t.startsWith('Paid, thank you!'))).toBe(true);
  });

  it('GIVEN Alice’s payment WHEN Telegram delivers the same successful_payment again THEN nothing changes', async () => {
    const before = await app.store.models.CartPayment.count();
    const received = next('payment.received');
    fake.payments.injectSuccessfulPayment(await paymentFor(alice, aliceToken), aliceCharge);
    expect((await received).result.kind).toBe('duplicate');
    expect(await app.store.models.CartPayment.count()).toBe(before);
    expect(await cartOf(aliceToken)).toMatchObject({ status: 'paid', refundCents: 0 });
  });

  it('GIVEN a paid cart WHEN its invoice is paid again THEN the pre-checkout query is refused: it is already paid', async () => {
    const answer = await fake.payments.answerTo(fake.payments.injectPreCheckout(await paymentFor(alice, aliceToken)));
    expect(answer).toMatchObject({ ok: false, errorMessage: REASONS.paid });
  });

  it('GIVEN an invoice sent WHEN the hold has ended before the buyer pays THEN the pre-checkout query is refused with a reason AND no payment follows', async () => {
    const token = await buy(bob, '/buy CUP');
    expect((await checkout(token)).body.status).toBe('sent');
    const invoice = await paymentFor(bob, token);
    await app.runtime.payments.end((await cartOf(token)).id, 'expired', 'test');
    const { answer, chargeId } = await fake.payments.pay(invoice);
    expect(answer).toMatchObject({ ok: false, errorMessage: 'Your reservation ended — buy again in the chat.' });
    expect(chargeId).toBeUndefined();
    expect(await cartOf(token)).toMatchObject({ status: 'expired' });
  });

  it('GIVEN an invoice sent WHEN its hold time has run out but the release has not run yet THEN the pre-checkout query is still refused', async () => {
    const token = await buy(dave, '/buy CUP');
    expect((await checkout(token)).body.status).toBe('sent');
    const cart = await cartOf(token);
    await app.store.models.Cart.update({ holdExpiresAt: new Date(Date.now() - 1000) }, { where: { id: cart.id } });
    const answer = await fake.payments.answerTo(fake.payments.injectPreCheckout(await paymentFor(dave, token)));
    expect(answer).toMatchObject({ ok: false, errorMessage: REASONS.ended });
  });

  it('GIVEN hostile pre-checkout queries (unknown cart, junk payload, wrong total) WHEN asked THEN each is refused in plain words and the bot keeps working', async () => {
    const unknown = fake.payments.injectPreCheckout({ from: mallory, payload: 'ZZZZ9999', currency: 'EUR', totalAmount: 100 });
    const junk = fake.payments.injectPreCheckout({ from: mallory, payload: `'; DROP TABLE carts; -- ${'🧨'.repeat(20)}`, currency: 'EUR', totalAmount: -5 });
    const token = await buy(mallory, '/buy CUP');
    expect((await checkout(token)).body.status).toBe('sent');
    const real = await paymentFor(mallory, token);
    const cheaper = fake.payments.injectPreCheckout({ ...real, totalAmount: 1 });
    const otherCurrency = fake.payments.injectPreCheckout({ ...real, currency: 'USD' });
    expect(await fake.payments.answerTo(unknown)).toMatchObject({ ok: false, errorMessage: REASONS.unknown });
    expect(await fake.payments.answerTo(junk)).toMatchObject({ ok: false, errorMessage: REASONS.unknown });
    expect(await fake.payments.answerTo(cheaper)).toMatchObject({ ok: false, errorMessage: REASONS.changed });
    expect(await fake.payments.answerTo(otherCurrency)).toMatchObject({ ok: false, errorMessage: REASONS.changed });
    // A forged payment for less than the total pays nothing; the real one still does.
    const forged = next('payment.received');
    fake.payments.injectSuccessfulPayment({ ...real, totalAmount: 1 });
    expect((await forged).result.kind).toBe('amount-mismatch');
    expect((await fake.payments.pay(real)).answer.ok).toBe(true);
    await next('payment.received', ({ result }) => result.kind === 'paid');
  });

  it('GIVEN a buyer who never pressed Start WHEN they check out with Telegram THEN the page says to open the bot and press Start AND the cart keeps its hold with the failure on it', async () => {
    const token = await buy(carol, '/buy CUP');
    fake.neverStarted(carol.id);
    const { status, body } = await checkout(token);
    expect([status, body]).toEqual([502, { status: 'failed', message: PRESS_START }]);
    const cart = await cartOf(token);
    expect(cart.status).toBe('checkout');
    expect(cart.holdExpiresAt).toBeGreaterThan(Date.now());
    expect(cart.providerError).toMatch(/has not started the bot/);
    expect(fake.payments.invoices.some((i) => i.chatId === carol.id)).toBe(false);
  });
});

describe('the Telegram provider without its token', () => {
  it('GIVEN a show that offers Telegram invoices WHEN TELEGRAM_PAYMENT_TOKEN is unset THEN the provider is off and names the variable', async () => {
    const log = memoryLog();
    const app = await startShowcart({
      config: testConfig(`${SHOW}\nchannels: { web: { enabled: false } }`),
      database: { sqlitePath: ':memory:' },
      secrets: new Secrets({}),
      log: log.log,
    });
    try {
      expect(app.runtime.payments.unconfigured()).toEqual([{ provider: 'telegram', missing: ['TELEGRAM_PAYMENT_TOKEN'] }]);
      expect(app.runtime.payments.offered('telegram').map((p) => p.name)).toEqual(['builtin']);
    } finally {
      await app.stop();
    }
  });
});
