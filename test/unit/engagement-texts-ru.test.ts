import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrderSummary } from '../../orchestrator/commerce/order-types.js';
import { alerts } from '../../orchestrator/features/alerts/alerts.js';
import { renderBoard } from '../../orchestrator/features/leaderboards/render-board.js';
import { dropText, flashStartText, unlockProgressText, unlockReachedText } from '../../orchestrator/features/promotions/promotion-texts.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';
import { featureHarness } from '../support/feature-harness.js';

const ru = textsFor('ru');
/** Intl writes no-break spaces in "2 490 ₽"; what a viewer reads is a space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/gu, ' ');

describe('the engagement texts of a Russian show', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-12-05T18:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('GIVEN five buyers of one product within the merge time WHEN the alert is said THEN «Анна и ещё 4 покупателя», her name kept as a viewer span', async () => {
    const h = featureHarness(
      `show: { id: t, name: T, language: ru, currency: RUB }\nproducts:\n  - { sku: CANDLE, title: Свеча, price: 2490, stock: 9 }\nalerts: { on: placed }\n`,
      [alerts],
    );
    const order = (name: string, id: number) =>
      ({
        id,
        publicId: `o${id}`,
        sku: 'CANDLE',
        variant: '',
        title: 'Свеча',
        qty: 1,
        totalCents: 249_000,
        currency: 'RUB',
        status: 'held',
        holdExpiresAt: undefined,
        buyer: { viewerId: id, identityId: id, platform: 'twitch', userId: `u${id}`, name, channelId: 'c' },
      }) satisfies OrderSummary;
    for (const [i, name] of ['Анна', 'Борис', 'Вера', 'Глеб', 'Дина'].entries()) await h.bus.emit('order.placed', { order: order(name, i + 1) } as never);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.texts()).toEqual(['🛍️ Анна и ещё 4 покупателя только что купили «Свеча»!']);
    const body = h.sent[0]?.body;
    expect(body?.kind === 'text' && body.spans).toEqual(['🛍️ ', { viewer: 'Анна' }, ' и ещё 4 покупателя только что купили «Свеча»!']);
    await h.stop();
  });

  it('GIVEN an unlock WHEN its progress and its code are said THEN in Russian, the discount in roubles and the time in minutes', () => {
    expect(unlockProgressText(ru, { percent: 15 }, 'RUB', 500, 1000, 'хочу')).toBe('Откроется скидка 15%, если попросят 1000: уже 500/1000 — пишите «хочу»!');
    const code = { code: 'UYUT15', discount: { amount: 500 }, validMs: 30 * 60_000, products: ['CANDLE'], currency: 'RUB', featured: undefined };
    expect(plain(unlockReachedText(ru, code))).toBe('Открыто! Код UYUT15: скидка 500 ₽ на CANDLE, действует 30 мин — !buy CANDLE UYUT15');
  });

  it('GIVEN a drop valid for weeks WHEN it is said THEN it works «до» a date, not for hundreds of hours', () => {
    const drop = {
      code: 'DROP-7485KD',
      discount: { percent: 10 },
      validMs: 26 * 24 * 3600_000,
      currency: 'RUB',
      featured: 'CANDLE',
      maxUses: 20,
      timeZone: 'Europe/Moscow',
    };
    expect(plain(dropText(ru, drop))).toBe('Внезапный дроп: скидка 10% на первые 20 заказов. Код DROP-7485KD действует до 31 дек. — !buy CANDLE DROP-7485KD');
  });

  it('GIVEN a flash sale WHEN it starts THEN the prices read «1 990 ₽ вместо 2 490 ₽»', () => {
    const sale = { sku: 'CANDLE', title: 'Свеча', priceCents: 199_000, regularCents: 249_000, currency: 'RUB', maxPerBuyer: 1 };
    expect(plain(flashStartText(ru, sale, 2 * 60_000))).toBe(
      'Флеш-распродажа! Свеча за 1 990 ₽ вместо 2 490 ₽ — только 2 мин, не больше 1 шт. в одни руки. !buy CANDLE',
    );
  });

  it('GIVEN a vote WHEN it is confirmed THEN «Голос учтён»', () => {
    expect(ru.t('polls.counted', { label: 'Корица' })).toBe('Голос учтён: Корица');
  });

  it('GIVEN top buyers WHEN the board is said THEN in Russian with rouble totals, names as viewer spans', () => {
    const board = renderBoard(
      ru,
      'buyers',
      [
        { name: 'Анна Смирнова', value: 249_000 },
        { name: 'Борис', value: 99_000 },
      ],
      'first',
      'RUB',
    );
    expect(plain(board.text)).toBe('Лучшие покупатели: 1. Анна 2 490 ₽ · 2. Борис 990 ₽');
    expect(board.spans.filter((s) => typeof s !== 'string')).toEqual([{ viewer: 'Анна' }, { viewer: 'Борис' }]);
    expect(plain(renderBoard(ru, 'chatters', [{ name: 'Вера', value: 21 }], 'masked', 'RUB').text)).toBe('Самые активные в чате: 1. В*** 21 сообщение');
  });
});

describe('a code valid for weeks in an English show', () => {
  it('GIVEN an unlock code valid for 26 days WHEN announced THEN it gives its discount until 31 Dec, not for 624 h', () => {
    const now = Date.parse('2026-12-05T18:00:00Z');
    vi.useFakeTimers({ now });
    try {
      const code = { code: 'UYUT15', discount: { percent: 15 }, validMs: 26 * 24 * 3600_000, currency: 'EUR', featured: 'MUG', timeZone: 'Europe/Berlin' };
      expect(unlockReachedText(textsFor('en'), code)).toBe('Unlocked! Code UYUT15 gives 15% off until 31 Dec — !buy MUG UYUT15');
    } finally {
      vi.useRealTimers();
    }
  });
});
