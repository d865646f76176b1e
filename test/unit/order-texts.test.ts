import { describe, expect, it } from 'vitest';
import type { CartView } from '../../orchestrator/commerce/carts/cart-types.js';
import type { CartBrief, OrderSummary } from '../../orchestrator/commerce/order-types.js';
import { cartText, expiredText, orderText, reminderText } from '../../orchestrator/features/orders/order-texts.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

const NOW = Date.UTC(2026, 11, 4, 12, 0);
const en = textsFor('en');
const ru = textsFor('ru');

const order = (over: Partial<OrderSummary> = {}): OrderSummary =>
  ({
    id: 1,
    publicId: 'AB12CD34',
    sku: 'VAN',
    variant: '',
    title: 'Vanilla candle',
    qty: 1,
    totalCents: 2400,
    currency: 'EUR',
    status: 'held',
    holdExpiresAt: undefined,
    ...over,
  }) as OrderSummary;
const brief = (holdMs: number | undefined, over: Partial<CartBrief> = {}): CartBrief => ({
  id: 1,
  publicId: 'CART2345',
  token: 't',
  lines: 1,
  itemsCents: 2400,
  currency: 'EUR',
  holdExpiresAt: holdMs === undefined ? undefined : NOW + holdMs,
  ...over,
});

describe('what a buyer reads about their order', () => {
  it('GIVEN a 12-minute hold WHEN a buy is answered THEN it reads "Pay within 12 min"', () => {
    expect(orderText(en, order(), brief(12 * 60_000), NOW)).toBe('Reserved for you (cart CART2345): 1× Vanilla candle, €24.00. Pay within 12 min.');
  });

  it('GIVEN a hold of four weeks WHEN a buy is answered or reminded THEN it names the day it ends, never hundreds of hours', () => {
    // 23:00 UTC on 30 Dec is already 31 Dec in Berlin: the day is the show timezone's.
    const month = 26 * 24 * 3_600_000 + 11 * 3_600_000;
    const text = orderText(en, order(), brief(month), NOW, 'Europe/Berlin');
    expect(text).toBe('Reserved for you (cart CART2345): 1× Vanilla candle, €24.00. Pay until 31 Dec.');
    const cart = { publicId: 'CART2345', lines: [{}], itemsCents: 2400, currency: 'EUR', holdExpiresAt: NOW + month } as unknown as CartView;
    expect(reminderText(en, cart, NOW, 'Europe/Berlin')).toBe('Reminder: your cart (1 item, €24.00) is held until 31 Dec.');
    expect(reminderText(en, { ...cart, holdExpiresAt: NOW + 5 * 60_000 }, NOW)).toBe('Reminder: your cart (1 item, €24.00) is held for 5 min more.');
  });

  it('GIVEN first-paid mode and a second line WHEN a buy is answered THEN the cart total and "first paid, first served" follow', () => {
    expect(orderText(en, order({ status: 'pending' }), brief(undefined, { lines: 2, itemsCents: 4800 }), NOW)).toBe(
      'Added to your cart CART2345: 1× Vanilla candle, €24.00. Now 2 items, €48.00 — first paid, first served.',
    );
  });

  it('GIVEN a Russian show in roubles WHEN a buyer reads their cart and a hold runs out THEN the words are Russian and the prices roubles', () => {
    const line = { n: 1, order: order({ title: 'Ванильная свеча', qty: 2, totalCents: 498_000, currency: 'RUB' }) };
    const cart = {
      publicId: 'CART2345',
      status: 'open',
      lines: [line],
      itemsCents: 498_000,
      currency: 'RUB',
      holdExpiresAt: NOW + 15 * 60_000,
    } as unknown as CartView;
    expect(cartText(ru, cart, NOW, '!')).toBe(
      'Ваша корзина CART2345: 1. 2× Ванильная свеча, 4\u00a0980\u00a0₽. Товары на 4\u00a0980\u00a0₽ — оплатите в течение 15 мин. !remove N убирает строку N.',
    );
    const gone = [order({ title: 'Ванильная свеча' }), order({ title: 'Кружка', sku: 'MUG' })];
    expect(expiredText(ru, gone, '/')).toBe(
      'Бронь корзины истекла, товары вернулись в продажу: Ванильная свеча и Кружка. Наберите /buy VAN, чтобы попробовать снова.',
    );
  });
});
