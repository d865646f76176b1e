import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../config/schema/engagement.js';
import { compileFaq, matchFaq, wordHit } from '../../orchestrator/features/faq/faq-matcher.js';
import { foldScript, normalizeText } from '../../orchestrator/features/faq/faq-text.js';

const entry = (id: string, question: string, keywords: string[], product?: string): FaqEntry => ({
  id,
  question,
  keywords,
  answer: `answer of ${id}`,
  ...(product && { product }),
});

/** A seller's FAQ as it would be written: several languages, synonyms, two product-tied entries. */
const FAQ: FaqEntry[] = [
  entry('shipping', 'How long does shipping take?', ['shipping', 'delivery', 'ship', 'arrive', 'доставка', 'versand', 'lieferung', 'liefern']),
  entry('returns', 'Can I return or exchange an item?', ['return', 'refund', 'exchange', 'send back', 'возврат', 'вернуть', 'обмен', 'rückgabe', 'umtausch']),
  entry('sizes', 'What sizes are there?', ['size', 'how big', 'dimensions', 'размер', 'größe']),
  entry('material', 'What is it made of?', ['material', 'made of', 'wax', 'ingredients', 'материал', 'состав', 'воск', 'wachs']),
  entry('burn-time', 'How long does the vanilla candle burn?', ['burn', 'burn time', 'горит', 'гореть', 'brenndauer', 'brennt'], 'VAN'),
  entry(
    'battery',
    'How long does the lantern battery last?',
    ['battery', 'charge', 'battery life', 'аккумулятор', 'батарея', 'заряд', 'akku', 'batterie'],
    'LAMP',
  ),
  entry('cedar-burn', 'How long does the cedar candle burn?', ['burn', 'burn time', 'горит', 'brenndauer'], 'CEDAR'),
  entry('payment', 'How can I pay?', ['pay', 'payment', 'card', 'paypal', 'оплата', 'оплатить', 'карта', 'bezahlen', 'zahlung', 'karte']),
];
const PRODUCTS = [
  { sku: 'VAN', title: 'Vanilla candle' },
  { sku: 'CEDAR', title: 'Cedar & smoke candle' },
  { sku: 'LAMP', title: 'LED camping lantern' },
];
const index = compileFaq(FAQ, PRODUCTS);

/** [line, expected entry id or null]; the featured product is VAN unless the line says otherwise. */
const TABLE: Array<[string, string | null]> = [
  // English, plain and sloppy
  ['How long does shipping take?', 'shipping'],
  ['shiping to germany?', 'shipping'],
  ['when will my order arrive', 'shipping'],
  ['do you ship to canada', 'shipping'],
  ['delivery time to the UK??', 'shipping'],
  ['can i get a refund if it breaks', 'returns'],
  ['how do returns work?', 'returns'],
  ['what if i want to send it back?', 'returns'],
  ['what are the dimensions of the large one?', 'sizes'],
  ['how big is the L candle', 'sizes'],
  ['is it soy wax or paraffin?', 'material'],
  ['what is the materail?', 'material'],
  ['how long does the vanilla one burn?', 'burn-time'],
  ['burn time of CEDAR?', 'cedar-burn'],
  ['how long does it burn?', 'burn-time'],
  ['how long does the lantern battery last?', 'battery'],
  ['how long does the batery last on one charge?', 'battery'],
  ['can i pay with paypal', 'payment'],
  ['do you take credit cards?', 'payment'],
  ['payment methods?', 'payment'],
  // Russian, Cyrillic typed in Latin, mixed look-alike letters
  ['сколько идет доставка?', 'shipping'],
  ['Доставку в Казахстан делаете?', 'shipping'],
  ['а доставкой СДЭК можно?', 'shipping'],
  ['skolko dostavka v minsk?', 'shipping'],
  ['дoставка долго? ', 'shipping'],
  ['можно вернуть если не подойдет?', 'returns'],
  ['какой размер у большой свечи?', 'sizes'],
  ['из чего сделана? какой воск?', 'material'],
  ['сколько часов горит свеча?', 'burn-time'],
  ['как оплатить картой?', 'payment'],
  ['на сколько хватает аккумулятора у фонаря?', 'battery'],
  // German
  ['Wie lange dauert der Versand nach Österreich?', 'shipping'],
  ['Kann man mit Karte bezahlen?', 'payment'],
  ['wie lange brennt die kerze?', 'burn-time'],
  ['Welche Größe hat die große Kerze?', 'sizes'],
  ['Wie lange hält der Akku?', 'battery'],
  // Not questions about the FAQ, or not questions at all
  ['shipping is fast, love it!', null],
  ['love the vanilla one', null],
  ['hello everyone!', null],
  ['how are you today?', null],
  ['what song is this?', null],
  ['lol', null],
  ['сколько стоит?', null],
  ['wie geht es dir?', null],
  ['is the host wearing a new shirt?', null],
  ['my ship came in lol', null],
  ['how much is the vanilla candle?', null],
  ['do you like the cedar candle?', null],
  ['any discount codes today?', null],
];

describe('faq matcher: the table of real-sounding lines', () => {
  it.each(TABLE)('GIVEN the shop FAQ WHEN a viewer writes %j THEN it matches %s', (line, expected) => {
    const match = matchFaq(index, line, { featured: 'VAN' });
    expect(match?.entry.id ?? null, match?.why).toBe(expected);
  });

  it('GIVEN the table THEN it has at least 30 lines with both matches and non-matches', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(TABLE.filter(([, id]) => id === null).length).toBeGreaterThanOrEqual(8);
  });
});

describe('faq matcher: rules', () => {
  it('GIVEN a line that is not a question WHEN it hits two keywords of one entry THEN it is answered', () => {
    expect(matchFaq(index, 'refund or exchange for the broken one')?.entry.id).toBe('returns');
    expect(matchFaq(index, 'refund for the broken one')).toBeUndefined();
  });

  it('GIVEN an explicit !faq request WHEN the words are not a question THEN they are matched anyway', () => {
    expect(matchFaq(index, 'shipping', { requireQuestion: false })?.entry.id).toBe('shipping');
    expect(matchFaq(index, 'shipping')).toBeUndefined();
  });

  it('GIVEN two product entries that tie WHEN the featured product changes THEN the featured one wins', () => {
    expect(matchFaq(index, 'how long does it burn?', { featured: 'CEDAR' })?.entry.id).toBe('cedar-burn');
    expect(matchFaq(index, 'how long does it burn?', { featured: 'VAN' })?.entry.id).toBe('burn-time');
    // With nothing featured, the first in the file.
    expect(matchFaq(index, 'how long does it burn?')?.entry.id).toBe('burn-time');
  });

  it('GIVEN a product named in the line WHEN another product is featured THEN the named product wins', () => {
    expect(matchFaq(index, 'how long does the cedar candle burn?', { featured: 'VAN' })?.entry.id).toBe('cedar-burn');
  });

  it('GIVEN a match THEN why says which words matched how, and the score', () => {
    const match = matchFaq(index, 'shiping to germany?')!;
    expect(match.why).toMatch(/keyword "(shipping|ship)" (typo|stem) "shiping"/);
    expect(match.why).toMatch(new RegExp(`= ${match.score}$`));
  });

  it('GIVEN word pairs THEN typo, stem and exact follow the length rules', () => {
    expect(wordHit('shipping', 'shipping')).toBe('exact');
    expect(wordHit('shipping', 'ship')).toBe('stem');
    expect(wordHit('доставку', 'доставка')).toBe('stem');
    expect(wordHit('delivered', 'delivery')).toBe('stem');
    expect(wordHit('matreial', 'material')).toBe('typo');
    expect(wordHit('wxa', 'wax')).toBeUndefined();
    expect(wordHit('card', 'cart')).toBeUndefined();
    expect(wordHit('cards', 'paypal')).toBeUndefined();
    expect(wordHit('abttery', 'battery')).toBe('typo');
    expect(wordHit('batteyr', 'battery')).toBe('stem');
  });

  it('GIVEN punctuation, case, ё and look-alike letters THEN normalizing makes them the same words', () => {
    expect(normalizeText('  Ещё   ДОСТАВКА?!  ')).toBe('еще доставка');
    expect(foldScript('дoставка')).toBe('доставка');
    expect(foldScript('shipping')).toBe('shipping');
  });
});

describe('faq matcher: typos are rare, real words are not typos', () => {
  it('GIVEN words of four letters WHEN one letter differs THEN they are different words, but an ending still meets its word', () => {
    expect(wordHit('shop', 'ship')).toBeUndefined();
    expect(wordHit('burns', 'burn')).toBe('stem');
    expect(matchFaq(index, 'what burns longer?', { featured: 'VAN' })?.entry.id).toBe('burn-time');
    expect(wordHit('cart', 'card')).toBeUndefined();
    expect(matchFaq(index, 'the shop is open right?')).toBeUndefined();
  });

  it('GIVEN a longer word WHEN its first letter differs THEN it is no typo, unless the first letter was only left out', () => {
    expect(wordHit('поставка', 'доставка')).toBeUndefined();
    expect(matchFaq(index, 'будет ли поставка халатов?')).toBeUndefined();
    expect(wordHit('доствка', 'доставка')).toBe('typo');
    expect(matchFaq(index, 'доствка в минск?')?.entry.id).toBe('shipping');
    expect(wordHit('платить', 'оплатить')).toBe('typo');
  });

  it('GIVEN a line word that is a real word of shop chat WHEN it is one letter from a keyword THEN it does not meet it', () => {
    const shareIndex = compileFaq([entry('share', 'Can I share my code?', ['share'])], []);
    expect(wordHit('shade', 'share')).toBe('typo');
    expect(wordHit('shade', 'share', true)).toBeUndefined();
    expect(matchFaq(shareIndex, 'which shade is best?')).toBeUndefined();
    expect(matchFaq(shareIndex, 'can I shaer it?')?.entry.id).toBe('share');
  });

  it('GIVEN a Russian past-tense verb WHEN it shares a stem with a keyword THEN it reports and does not ask', () => {
    expect(wordHit('оплатила', 'оплата')).toBeUndefined();
    expect(wordHit('оплатила', 'оплатила')).toBe('exact');
    expect(matchFaq(index, 'оплатила картой, всё прошло')).toBeUndefined();
    expect(matchFaq(index, 'заказ прошел? оплатила час назад')).toBeUndefined();
    expect(matchFaq(index, 'как оплатить картой?')?.entry.id).toBe('payment');
    // Nouns that end like a past tense do not lose their keyword.
    expect(wordHit('материала', 'материал')).toBe('stem');
  });
});

describe('faq matcher: lines with links', () => {
  it('GIVEN a line carrying a link WHEN it asks about a topic THEN it is not answered unasked, but !faq still answers', () => {
    expect(matchFaq(index, 'want free shipping? enter your card at cheap-ship.example')).toBeUndefined();
    expect(matchFaq(index, 'ваш заказ задержан, оплатите доставку тут: dostavka-glow.ru')).toBeUndefined();
    expect(matchFaq(index, 'free shipping cheap-ship.example', { requireQuestion: false })?.entry.id).toBe('shipping');
    // A full stop without a space is no link.
    expect(matchFaq(index, 'ok.how long does shipping take')?.entry.id).toBe('shipping');
  });
});

describe('faq matcher: questions without a question mark', () => {
  it.each<[string, string | null]>([
    ['whens delivery', 'shipping'],
    ['hows the shipping to canada', 'shipping'],
    ['доставка сколько дней', 'shipping'],
    ['skolko idet dostavka', 'shipping'],
    ['kak oplatit kartoy', 'payment'],
    ['есть ли доставка в Беларусь', 'shipping'],
    ['I wonder if you ship to Norway', 'shipping'],
    ['refund please', 'returns'],
    ['shipping to australia', 'shipping'],
    ['доставка в Казахстан', 'shipping'],
    ['shipping to you guys was quick', null],
    ['shipping is fast', null],
    ["can't wait for mine to arrive", null],
    ['no wonder shipping is slow lol', null],
    ['оплатила, жду доставку', null],
  ])('GIVEN %j WHEN matched THEN it is answered with %s', (line, expected) => {
    expect(matchFaq(index, line)?.entry.id ?? null).toBe(expected);
  });
});
