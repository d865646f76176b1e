import { TelegramError } from 'telegraf';
import { describe, expect, it, vi } from 'vitest';
import { TelegramCalls, type BotApiClient } from '../../bots/telegram/telegram-calls.js';
import { TelegramPaymentDesk } from '../../bots/telegram/telegram-payments.js';
import { InvoiceNotSent, type PreCheckoutAnswer } from '../../orchestrator/channel.js';
import type { CartLine, CartView } from '../../orchestrator/commerce/carts/cart-types.js';
import { HOLD_MARGIN_MS, preCheckoutAnswer, REASONS } from '../../orchestrator/commerce/payments/telegram-invoices.js';
import { invoiceFor } from '../../orchestrator/commerce/payments/telegram-provider.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';
import { memoryLog } from '../support/quiet-log.js';

const NOW = 1_800_000_000_000;

function line(n: number, title: string, qty: number, subtotal: number, discount = 0): CartLine {
  return { n, order: { title, qty } as CartLine['order'], unitCents: subtotal / qty, subtotalCents: subtotal, discountCents: discount };
}

function cart(over: Partial<CartView> = {}): CartView {
  const lines = over.lines ?? [line(1, 'Mug', 2, 2400, 240), line(2, 'Cup', 1, 800)];
  const items = lines.reduce((s, l) => s + l.subtotalCents - l.discountCents, 0);
  return {
    publicId: 'AB12CD34',
    status: 'checkout',
    currency: 'EUR',
    lines,
    itemsCents: items,
    shippingCents: 490,
    totalCents: items + 490,
    holdExpiresAt: NOW + 600_000,
    provider: 'telegram',
    ...over,
  } as CartView;
}

describe('the Telegram invoice of a cart', () => {
  it('GIVEN lines with a discount and shipping WHEN invoiced THEN each line is priced after its discount, shipping is a line, and they sum to the total', () => {
    const invoice = invoiceFor(cart(), 'Candle shop', 'tok');
    expect(invoice.prices).toEqual([
      { label: '2× Mug', amount: 2160 },
      { label: '1× Cup', amount: 800 },
      { label: 'Shipping', amount: 490 },
    ]);
    expect(invoice).toMatchObject({ title: 'Order AB12CD34', description: 'Candle shop: 2× Mug, 1× Cup', payload: 'AB12CD34', currency: 'EUR' });
  });

  it('GIVEN long titles and emoji WHEN invoiced THEN the description stays within 255 UTF-16 units and no emoji is cut in half', () => {
    const lines = Array.from({ length: 30 }, (_, i) => line(i + 1, `Scented candle 🕯️ number ${i}`, 1, 100));
    const invoice = invoiceFor(cart({ lines, shippingCents: 0, totalCents: 3000 }), 'Shop', 'tok');
    expect(invoice.description.length).toBeLessThanOrEqual(255);
    expect(invoice.description.endsWith('…')).toBe(true);
    expect(invoice.description).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(invoice.prices).toHaveLength(30);
  });

  it('GIVEN lines that do not add up to the total WHEN invoiced THEN one line for the order carries the total', () => {
    const invoice = invoiceFor(cart({ totalCents: 9999 }), 'Shop', 'tok');
    expect(invoice.prices).toEqual([{ label: 'Order AB12CD34', amount: 9999 }]);
  });
});

describe('the Telegram invoice of a Russian show', () => {
  it('GIVEN a show in Russian WHEN a cart is invoiced and a paid one is asked about THEN the buyer reads the invoice and the refusal in Russian', () => {
    const ru = textsFor('ru');
    const invoice = invoiceFor(cart(), 'Свечная лавка', 'tok', ru);
    expect(invoice).toMatchObject({ title: 'Заказ AB12CD34', description: 'Свечная лавка: 2× Mug, 1× Cup' });
    expect(invoice.prices.at(-1)).toEqual({ label: 'Доставка', amount: 490 });
    const query = { userId: '1', payload: 'AB12CD34', currency: 'EUR', totalAmount: cart().totalCents! };
    expect(preCheckoutAnswer(cart({ status: 'paid' }), query, NOW, ru)).toEqual({
      ok: false,
      reason: 'Этот заказ уже оплачен. Платить больше ничего не нужно.',
    });
  });
});

describe('answering a pre-checkout query', () => {
  const query = { userId: '1', payload: 'AB12CD34', currency: 'EUR', totalAmount: cart().totalCents! };
  const cases: Array<[string, CartView | undefined, PreCheckoutAnswer]> = [
    ['a held cart being paid through Telegram', cart(), { ok: true }],
    ['no such cart', undefined, { ok: false, reason: REASONS.unknown }],
    ['a cart already paid', cart({ status: 'paid' }), { ok: false, reason: REASONS.paid }],
    ['an expired cart', cart({ status: 'expired' }), { ok: false, reason: REASONS.ended }],
    ['a hold that ends within the margin', cart({ holdExpiresAt: NOW + HOLD_MARGIN_MS - 1 }), { ok: false, reason: REASONS.ended }],
    ['a cart reopened to change it', cart({ status: 'open' }), { ok: false, reason: REASONS.changed }],
    ['a cart being paid with Stripe', cart({ provider: 'stripe' }), { ok: false, reason: REASONS.elsewhere }],
    ['a cart whose total changed', cart({ totalCents: 1 }), { ok: false, reason: REASONS.changed }],
  ];
  it.each(cases)('GIVEN %s THEN the answer is as expected', (_name, view, expected) => {
    expect(preCheckoutAnswer(view, query, NOW)).toEqual(expected);
  });
});

describe('the Telegram adapter’s payment desk', () => {
  const api = (error_code: number, description: string) => new TelegramError({ error_code, description });
  const deskWith = (callApi: (method: string, payload: Record<string, unknown>) => Promise<unknown>, deadlineMs?: number) => {
    const client = { callApi: callApi as unknown as BotApiClient['callApi'] };
    const log = memoryLog().log;
    return new TelegramPaymentDesk(new TelegramCalls({ client: () => client, log, secret: 'x', unauthorized: () => undefined }), log, deadlineMs);
  };
  const invoice = { title: 't', description: 'd', payload: 'p', currency: 'EUR', prices: [{ label: 'x', amount: 1 }], providerToken: 'tok' };

  it.each([
    [403, "Forbidden: bot can't initiate conversation with a user", 'chat-closed'],
    [400, 'Bad Request: CURRENCY_INVALID', 'refused'],
    [502, 'Bad Gateway', 'unavailable'],
  ] as const)('GIVEN Telegram answers %i WHEN an invoice is sent THEN it fails as %s', async (code, description, failure) => {
    const desk = deskWith(() => Promise.reject(api(code, description)));
    const sent = desk.sendInvoice('42', invoice);
    await expect(sent).rejects.toBeInstanceOf(InvoiceNotSent);
    await expect(sent).rejects.toMatchObject({ failure });
  });

  it('GIVEN a slow check, a failing check and a query without fields WHEN asked THEN each is answered no in time, and one without an id is not answered', async () => {
    const answers: Array<Record<string, unknown>> = [];
    const desk = deskWith((method, payload) => {
      if (method === 'answerPreCheckoutQuery') answers.push(payload);
      return Promise.resolve(true);
    }, 50);
    let calls = 0;
    desk.serve({
      preCheckout: () => (++calls === 1 ? new Promise(() => undefined) : Promise.reject(new Error('db down'))),
      paid: vi.fn(),
    });
    const base = { from: { id: 1 }, currency: 'EUR', total_amount: 100, invoice_payload: 'AB12CD34' };
    expect(desk.received({ pre_checkout_query: { id: 'slow', ...base } })).toBe(true);
    expect(desk.received({ pre_checkout_query: { id: 'broken', ...base } })).toBe(true);
    expect(desk.received({ pre_checkout_query: { id: 'junk', total_amount: 'lots' } })).toBe(true);
    expect(desk.received({ pre_checkout_query: { total_amount: 1 } })).toBe(true);
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    for (const a of answers) expect(a).toMatchObject({ ok: false, error_message: expect.stringMatching(/Nothing was charged/) });
    expect(answers.map((a) => a.pre_checkout_query_id).sort()).toEqual(['broken', 'junk', 'slow']);
  });

  it('GIVEN payment messages WHEN one lacks its fields THEN only the whole one reaches the core', async () => {
    const desk = deskWith(() => Promise.resolve(true));
    const paid = vi.fn(() => Promise.resolve());
    desk.serve({ preCheckout: () => Promise.resolve({ ok: true }), paid });
    const payment = { currency: 'EUR', total_amount: 100, invoice_payload: 'AB12CD34', telegram_payment_charge_id: 'c1' };
    desk.received({ message: { from: { id: 7 }, successful_payment: { ...payment, total_amount: undefined } } });
    desk.received({ message: { from: { id: 7 }, successful_payment: payment } });
    expect(desk.received({ message: { from: { id: 7 } } })).toBe(false);
    await vi.waitFor(() => expect(paid).toHaveBeenCalledTimes(1));
    expect(paid).toHaveBeenCalledWith({ userId: '7', payload: 'AB12CD34', currency: 'EUR', totalAmount: 100, chargeId: 'c1' });
  });
});
