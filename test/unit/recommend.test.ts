import { describe, expect, it } from 'vitest';
import { mentionedSkus, recommend, type RecommendHistory, type RecommendProduct } from '../../orchestrator/features/recommendations/recommend.js';
import { nothingToRecommend, recommendationLine } from '../../orchestrator/features/recommendations/render-recommendation.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

const en = textsFor('en');

const product = (sku: string, title: string, category: string | undefined, price: number): RecommendProduct => ({
  sku,
  title,
  category,
  priceCents: price * 100,
  currency: 'EUR',
});

const CATALOG = [
  product('VANILLA', 'Vanilla candle', 'candles', 24),
  product('CEDAR', 'Cedar & smoke candle', 'candles', 28),
  product('MATCH', 'Long safety matches', 'accessories', 4),
  product('SNUFF', 'Brass snuffer', 'accessories', 15),
  product('MUG', 'Mug', undefined, 12),
];

// Viewer 1 is the one asking; 2–4 are other viewers whose orders make the co-purchases.
const OTHERS = [
  { viewerId: 2, sku: 'VANILLA' },
  { viewerId: 2, sku: 'MATCH' },
  { viewerId: 3, sku: 'VANILLA' },
  { viewerId: 3, sku: 'MATCH' },
  { viewerId: 4, sku: 'MUG' },
  { viewerId: 4, sku: 'SNUFF' },
];
const me = (...skus: string[]) => skus.map((sku) => ({ viewerId: 1, sku }));

describe('recommend: one product, picked the same way every time', () => {
  const cases: Array<{ given: string; history: Omit<RecommendHistory, 'viewerId'>; sku: string | undefined; reason?: string; line?: string }> = [
    {
      given: 'a vanilla buyer whose fellow vanilla buyers took matches',
      history: { purchases: [...OTHERS, ...me('VANILLA')], lines: [] },
      sku: 'MATCH',
      reason: 'co-purchase',
      line: 'Because you bought Vanilla candle: others who did also took Long safety matches, €4.00 — !buy MATCH',
    },
    {
      given: 'a viewer who only asked about candles',
      history: { purchases: OTHERS, lines: ['do you have candles?'] },
      sku: 'CEDAR',
      reason: 'mentioned',
      line: 'You asked about Cedar & smoke candle: €28.00 — !buy CEDAR',
    },
    {
      given: 'a viewer who named a SKU in chat',
      history: { purchases: [], lines: ['how big is the snuff?'] },
      sku: 'SNUFF',
      reason: 'mentioned',
    },
    {
      given: 'a match buyer nobody else paired with anything they lack except vanilla',
      history: { purchases: [...OTHERS, ...me('MATCH')], lines: [] },
      sku: 'VANILLA',
      reason: 'co-purchase',
    },
    {
      given: 'a vanilla buyer whose !buy line names the candle',
      history: { purchases: [...OTHERS, ...me('VANILLA')], lines: ['!buy VANILLA'] },
      sku: 'MATCH',
      reason: 'co-purchase',
    },
    {
      given: 'a cedar buyer with no co-buyers',
      history: { purchases: me('CEDAR'), lines: [] },
      sku: 'VANILLA',
      reason: 'bought-category',
      line: 'You bought candles before: Vanilla candle, €24.00 — !buy VANILLA',
    },
    {
      given: 'a viewer who bought everything they asked about',
      history: { purchases: me('MUG'), lines: ['!buy MUG'] },
      sku: undefined,
    },
    {
      given: 'a viewer with no purchases and no product words',
      history: { purchases: OTHERS, lines: ['hello everyone', 'lovely stream'] },
      sku: undefined,
    },
  ];

  it.each(cases)('GIVEN $given WHEN recommending THEN it picks $sku', ({ history, sku, reason, line }) => {
    const rec = recommend({ viewerId: 1, ...history }, CATALOG);
    expect(rec?.product.sku).toBe(sku);
    if (reason) expect(rec?.reason.kind).toBe(reason);
    if (line) expect(recommendationLine(en, rec!, '!')).toBe(line);
  });

  it('GIVEN the catalog in any order WHEN scores tie THEN the lower SKU wins', () => {
    const history = { viewerId: 1, purchases: [], lines: ['accessories? matches or a snuffer?'] };
    expect(recommend(history, CATALOG)?.product.sku).toBe('MATCH');
    expect(recommend(history, [...CATALOG].reverse())?.product.sku).toBe('MATCH');
  });

  it('GIVEN a purchase of a product no longer sold WHEN recommending THEN it is ignored, not a crash', () => {
    expect(
      recommend(
        {
          viewerId: 1,
          purchases: [
            { viewerId: 1, sku: 'GONE' },
            { viewerId: 2, sku: 'GONE' },
            { viewerId: 2, sku: 'MUG' },
          ],
          lines: [],
        },
        CATALOG,
      ),
    ).toBeUndefined();
  });

  it('GIVEN chat lines WHEN finding mentions THEN SKUs match as words and title words as word starts', () => {
    expect([...mentionedSkus(['vanilla candles please', 'a mug'], CATALOG)].sort()).toEqual(['CEDAR', 'MUG', 'VANILLA']);
    expect([...mentionedSkus(['is the vanillasky nice', 'smug'], CATALOG)]).toEqual(['VANILLA']);
  });

  it('GIVEN nothing to recommend WHEN answering THEN the viewer is pointed to featured', () => {
    expect(nothingToRecommend(en, '/')).toContain('/featured');
  });
});
