import { describe, expect, it } from 'vitest';
import { askedAbout } from '../../orchestrator/features/recommendations/asked-about.js';
import { mentionedSkus, rank, recommend, type RecommendHistory, type RecommendProduct } from '../../orchestrator/features/recommendations/recommend.js';
import { nothingToRecommend, recommendationLine, whyLine } from '../../orchestrator/features/recommendations/render-recommendation.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

const en = textsFor('en');
const ru = textsFor('ru');

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
    if (line) expect(recommendationLine(en, rec!, '!').text).toBe(line);
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

const described = (sku: string, title: string, category: string, price: number, description: string): RecommendProduct => ({
  ...product(sku, title, category, price),
  description,
});

// A beauty show: the serum's and the mask's descriptions answer questions their titles do not.
const BEAUTY = [
  described('SERUM', 'Hyaluronic serum', 'skincare', 32, 'A rich serum for dry skin; calms redness overnight.'),
  described('PALETTE', 'Nude palette', 'makeup', 45, 'Twelve matte eyeshadows for everyday looks.'),
  described('CLEANSER', 'Gel cleanser', 'skincare', 18, 'A foaming gel for oily skin and large pores.'),
  described('MASK', 'Repair hair mask', 'haircare', 22, 'Deep care for dry, brittle hair.'),
  product('MUG', 'Mug', undefined, 12),
];
const RU_BEAUTY = [
  described('SERUM', 'Сыворотка Гиалурон', 'уход', 2490, 'Насыщенная сыворотка для сухой кожи, снимает покраснения.'),
  described('PALETTE', 'Палетка Нюд', 'макияж', 3490, 'Двенадцать матовых теней на каждый день.'),
  described('MASK', 'Маска Восстановление', 'волосы', 1290, 'Глубокий уход для сухих, ломких волос.'),
];

describe('recommend: what a viewer asked about, matched against what products say', () => {
  const cases: Array<{
    given: string;
    catalog: RecommendProduct[];
    lines: string[];
    purchases?: Array<{ viewerId: number; sku: string }>;
    sku: string | undefined;
    words?: string;
  }> = [
    { given: 'an English question about dry skin', catalog: BEAUTY, lines: ['anything for dry skin?'], sku: 'SERUM', words: 'dry skin' },
    { given: 'the words as typed, capitals and all', catalog: BEAUTY, lines: ['hi! Anything for DRY Skin??'], sku: 'SERUM', words: 'DRY Skin' },
    { given: 'a question about oily skin, not dry', catalog: BEAUTY, lines: ['what do you have for oily skin'], sku: 'CLEANSER', words: 'oily skin' },
    { given: 'a one-topic question', catalog: BEAUTY, lines: ['anything against redness?'], sku: 'SERUM', words: 'redness' },
    { given: 'a Russian question about dry skin', catalog: RU_BEAUTY, lines: ['у вас есть что-то для сухой кожи?'], sku: 'SERUM', words: 'сухой кожи' },
    { given: 'a Russian question about dry hair', catalog: RU_BEAUTY, lines: ['а есть что-нибудь для сухих волос?'], sku: 'MASK', words: 'сухих волос' },
    // Near-misses: a statement, one shared word of two, a word every product has, a bought product.
    { given: 'a statement, not a question', catalog: BEAUTY, lines: ['my skin is so dry today lol'], sku: undefined },
    { given: 'a question sharing one word of two with a description', catalog: BEAUTY, lines: ['is the mug dry?'], sku: 'MUG' },
    { given: 'a Russian question that shares only "сухой" with the serum', catalog: RU_BEAUTY, lines: ['сухой остаток это что?'], sku: undefined },
    { given: 'a command that names words of a description', catalog: BEAUTY, lines: ['!faq dry skin'], sku: undefined },
    { given: 'a buyer of the serum asking about dry skin again', catalog: BEAUTY, lines: ['anything for dry skin?'], purchases: me('SERUM'), sku: 'CLEANSER' },
  ];

  it.each(cases)('GIVEN $given WHEN recommending THEN it picks $sku', ({ catalog, lines, purchases = [], sku, words }) => {
    const rec = recommend({ viewerId: 1, purchases, lines }, catalog);
    expect(rec?.product.sku).toBe(sku);
    if (words) expect(rec?.reason).toEqual({ kind: 'asked', words });
  });

  it("GIVEN an asked match WHEN it is said THEN English and Russian quote the viewer as a viewer value, and the price is the catalog's", () => {
    const enRec = recommend({ viewerId: 1, purchases: [], lines: ['anything for dry skin?'] }, BEAUTY)!;
    const line = recommendationLine(en, enRec, '!');
    expect(line.text).toBe('You asked about dry skin: Hyaluronic serum, €32.00 — !buy SERUM');
    expect(line.spans).toContainEqual({ viewer: 'dry skin' });
    expect(whyLine(en, enRec)).toBe('You asked about dry skin');
    const ruRec = recommend(
      { viewerId: 1, purchases: [], lines: ['у вас есть что-то для сухой кожи?'] },
      RU_BEAUTY.map((p) => ({ ...p, currency: 'RUB' })),
    )!;
    expect(whyLine(ru, ruRec)).toBe('Вы спрашивали: «сухой кожи»');
    expect(recommendationLine(ru, ruRec, '/').text).toMatch(/^Вы спрашивали: «сухой кожи»\. Подойдёт Сыворотка Гиалурон, 2\s490\s₽ — \/buy SERUM$/u);
  });

  it('GIVEN viewer words with markup WHEN quoted THEN only letters and digits are kept from the edges, and the span stays a viewer value', () => {
    const rec = recommend({ viewerId: 1, purchases: [], lines: ['<b>anything</b> for dry <i>skin</i>?'] }, BEAUTY)!;
    expect(rec.reason).toEqual({ kind: 'asked', words: 'dry <i>skin' });
    expect(recommendationLine(en, rec, '!').spans).toContainEqual({ viewer: 'dry <i>skin' });
  });

  it('GIVEN a shop question whose word is an FAQ keyword WHEN matching THEN it asks about the shop, not a product', () => {
    const catalog = [described('BOX', 'Gift box', 'gifts', 10, 'Ships wrapped, with a card.')];
    expect(askedAbout(['do you ship wrapped?'], catalog).get('BOX')?.words).toBe('ship wrapped');
    expect(askedAbout(['do you ship?'], catalog, ['ship', 'shipping', 'delivery']).size).toBe(0);
  });

  it('GIVEN an asked match and other evidence WHEN weighing THEN it beats a shared category and one co-buyer, and loses to two', () => {
    const lines = ['anything for dry skin?'];
    expect(recommend({ viewerId: 1, purchases: me('PALETTE'), lines }, BEAUTY)?.reason.kind).toBe('asked');
    const oneCoBuyer = [...me('PALETTE'), { viewerId: 2, sku: 'PALETTE' }, { viewerId: 2, sku: 'MASK' }];
    expect(recommend({ viewerId: 1, purchases: oneCoBuyer, lines }, BEAUTY)?.product.sku).toBe('SERUM');
    const twoCoBuyers = [...oneCoBuyer, { viewerId: 3, sku: 'PALETTE' }, { viewerId: 3, sku: 'MASK' }];
    expect(recommend({ viewerId: 1, purchases: twoCoBuyers, lines }, BEAUTY)).toMatchObject({ product: { sku: 'MASK' }, reason: { kind: 'co-purchase' } });
    expect(rank({ viewerId: 1, purchases: twoCoBuyers, lines }, BEAUTY, 3).map((r) => r.product.sku)).toEqual(['MASK', 'SERUM']);
  });

  it('GIVEN two products answering a question equally WHEN ranking in any catalog order THEN the lower SKU wins', () => {
    const twins = [described('B2', 'Balm two', 'skincare', 9, 'For dry skin.'), described('B1', 'Balm one', 'skincare', 9, 'For dry skin.')];
    const history = { viewerId: 1, purchases: [], lines: ['something for dry skin?'] };
    expect(recommend(history, twins)?.product.sku).toBe('B1');
    expect(recommend(history, [...twins].reverse())?.product.sku).toBe('B1');
  });
});
