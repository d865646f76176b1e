/**
 * Proves FakeTelegram's Bot Payments behave as Telegram documents them, for the real telegraf
 * client: invoices checked on the way in, pre-checkout queries answered once and in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Telegraf, TelegramError } from 'telegraf';
import { FakeTelegram } from '../fakes/fake-telegram.js';

const TOKEN = '779:fake-token';
const alice = { id: 4242, first_name: 'Alice' };
const invoice = {
  title: 'Order AB12CD34',
  description: 'Two mugs',
  payload: 'AB12CD34',
  provider_token: '1:TEST:x',
  currency: 'EUR',
  prices: [
    { label: '2× Mug', amount: 2400 },
    { label: 'Shipping', amount: 490 },
  ],
};

describe('FakeTelegram payments with the real telegraf', () => {
  const fake = new FakeTelegram({ token: TOKEN });
  let bot: Telegraf;
  const answerWith: { ok: boolean; reason?: string } = { ok: true };

  beforeAll(async () => {
    await fake.start();
    bot = new Telegraf(TOKEN, { telegram: { apiRoot: fake.apiRoot } });
    bot.on('pre_checkout_query', (ctx) => ctx.answerPreCheckoutQuery(answerWith.ok, answerWith.reason));
    // The refused answer of the last test is expected; telegraf would report it as unhandled.
    bot.catch(() => undefined);
    void bot.launch({ allowedUpdates: ['message', 'pre_checkout_query'] });
    await fake.waitFor((c) => c.method === 'getUpdates');
  });

  afterAll(async () => {
    bot.stop();
    await fake.stop();
  });

  const refused = async (change: Record<string, unknown>): Promise<string> => {
    const err = (await bot.telegram.callApi('sendInvoice', { ...invoice, chat_id: alice.id, ...change }).catch((e: unknown) => e)) as TelegramError;
    expect(err).toBeInstanceOf(TelegramError);
    expect(err.code).toBe(400);
    return err.description;
  };

  it('GIVEN a valid invoice WHEN sent THEN it is recorded with its total AND malformed ones are refused like Telegram refuses them', async () => {
    const message = await bot.telegram.sendInvoice(alice.id, invoice);
    expect(message.invoice).toMatchObject({ currency: 'EUR', total_amount: 2890 });
    expect(fake.payments.invoices.at(-1)).toMatchObject({ chatId: alice.id, payload: 'AB12CD34', totalAmount: 2890 });
    expect(await refused({ currency: 'EURO' })).toMatch(/CURRENCY_INVALID/);
    expect(await refused({ prices: [] })).toMatch(/prices/);
    expect(await refused({ prices: [{ label: 'x', amount: 1.5 }] })).toMatch(/integer/);
    expect(await refused({ provider_token: '' })).toMatch(/PAYMENT_PROVIDER_INVALID/);
    expect(await refused({ payload: 'x'.repeat(129) })).toMatch(/INVOICE_PAYLOAD_INVALID/);
    expect(await refused({ title: 'T'.repeat(33) })).toMatch(/TITLE_INVALID/);
    expect(fake.payments.invoices).toHaveLength(1);
  });

  it('GIVEN a user who never pressed Start WHEN invoiced THEN Telegram answers 403', async () => {
    fake.neverStarted(999);
    const err = (await bot.telegram.sendInvoice(999, invoice).catch((e: unknown) => e)) as TelegramError;
    expect(err.code).toBe(403);
  });

  it('GIVEN the buyer presses Pay WHEN the bot says yes THEN the payment message follows; WHEN it says no THEN no payment follows', async () => {
    const payment = { from: alice, payload: 'AB12CD34', currency: 'EUR', totalAmount: 2890 };
    const paid = await fake.payments.pay(payment);
    expect(paid.answer.ok).toBe(true);
    expect(paid.chargeId).toMatch(/^tg-charge-/);
    answerWith.ok = false;
    answerWith.reason = 'Your reservation ended';
    const refusedPay = await fake.payments.pay(payment);
    expect(refusedPay).toEqual({ answer: expect.objectContaining({ ok: false, errorMessage: 'Your reservation ended' }) as unknown });
  });

  it('GIVEN a query WHEN answered twice, never asked, or refused without a reason THEN Telegram answers 400', async () => {
    const id = fake.payments.injectPreCheckout({ from: alice, payload: 'P', currency: 'EUR', totalAmount: 1 });
    await fake.payments.answerTo(id);
    const twice = (await bot.telegram.answerPreCheckoutQuery(id, true).catch((e: unknown) => e)) as TelegramError;
    expect([twice.code, twice.description]).toEqual([400, 'Bad Request: QUERY_ID_INVALID']);
    const unknown = (await bot.telegram.answerPreCheckoutQuery('nope', true).catch((e: unknown) => e)) as TelegramError;
    expect(unknown.code).toBe(400);
    answerWith.reason = undefined;
    const silent = fake.payments.injectPreCheckout({ from: alice, payload: 'P', currency: 'EUR', totalAmount: 1 });
    await fake.waitFor((c) => c.method === 'answerPreCheckoutQuery' && c.params.pre_checkout_query_id === silent && c.status === 400);
  });
});
