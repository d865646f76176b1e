import { describe, expect, it } from 'vitest';
import { parseBuy } from '../../orchestrator/commerce/buy-request.js';
import { Catalog } from '../../orchestrator/commerce/catalog.js';
import { quote } from '../../orchestrator/commerce/pricing.js';
import { fillTemplate } from '../../orchestrator/commerce/payments/webhook-provider.js';
import { publicName } from '../../orchestrator/features/alerts/buyer-name.js';
import { testConfig } from '../support/test-show.js';

const catalog = new Catalog(
  testConfig(`  - sku: VAN
    title: Vanilla candle
    price: 24
    variants: [{ name: S, stock: 5 }, { name: L, stock: 2, price: 34 }]
    wholesale: [{ minQty: 10, price: 18 }, { minQty: 50, price: 15 }]`),
);

type Row = [string[], string | undefined, { sku: string; variant: string; qty: number; code?: string } | RegExp];
const rows: Row[] = [
  [['VAN', 'L', '2'], undefined, { sku: 'VAN', variant: 'L', qty: 2 }],
  [['van', '2x', 'l'], undefined, { sku: 'VAN', variant: 'L', qty: 2 }],
  [['VAN', 'x3', 'S'], undefined, { sku: 'VAN', variant: 'S', qty: 3 }],
  [['MUG'], undefined, { sku: 'MUG', variant: '', qty: 1 }],
  [['MUG', '2', 'welcome10'], undefined, { sku: 'MUG', variant: '', qty: 2, code: 'WELCOME10' }],
  [[], 'MUG', { sku: 'MUG', variant: '', qty: 1 }],
  [['L', '2'], 'VAN', { sku: 'VAN', variant: 'L', qty: 2 }],
  [['3'], 'MUG', { sku: 'MUG', variant: '', qty: 3 }],
  [['VAN'], undefined, /^Which one of Vanilla candle\? S €24\.00, L €34\.00 — e\.g\. !buy VAN S$/],
  [['VAM'], undefined, /^There is no product "VAM"\. Did you mean VAN\?$/],
  [['vanilla'], undefined, /Did you mean VAN\?/],
  [['XYZ'], undefined, /^There is no product "XYZ"\. Products: MUG, VAN\.$/],
  [[], undefined, /^Which product\? Type !buy SKU/],
  [['MUG', '0'], undefined, /at least 1/],
  [['MUG', '2', '3'], undefined, /I did not understand "3"/],
];

describe('reading !buy the way viewers type it', () => {
  it.each(rows)('GIVEN %j (featured %s) WHEN parsed THEN %j', (words, featured, expected) => {
    const result = parseBuy(words, catalog, featured, '!');
    if (expected instanceof RegExp) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(expected);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect({
      sku: result.request.item.sku,
      variant: result.request.variant.name,
      qty: result.request.qty,
      ...(result.request.code && { code: result.request.code }),
    }).toEqual(expected);
  });
});

describe('pricing in cents', () => {
  const van = catalog.find('VAN')!;
  const large = catalog.variant(van, 'L')!;
  it.each([
    [1, {}, { unitCents: 3400, totalCents: 3400, basis: 'list' }],
    [10, { wholesale: true }, { unitCents: 1800, totalCents: 18_000, basis: 'wholesale' }],
    [60, { wholesale: true }, { unitCents: 1500, totalCents: 90_000, basis: 'wholesale' }],
    [10, {}, { unitCents: 3400, totalCents: 34_000, basis: 'list' }],
    [2, { flashCents: 1999 }, { unitCents: 1999, totalCents: 3998, basis: 'flash' }],
    [3, { discount: { percent: 15 } }, { subtotalCents: 10_200, discountCents: 1530, totalCents: 8670 }],
    [1, { discount: { amountCents: 5000 } }, { discountCents: 3400, totalCents: 0 }],
  ] as const)('GIVEN %i units with %j WHEN quoted THEN %j', (qty, options, expected) => {
    expect(quote(van, large, qty, options)).toMatchObject(expected);
  });
});

describe('checkout links and public names', () => {
  it('GIVEN a template WHEN filled THEN every placeholder is URL-encoded and an empty parameter is left out', () => {
    const values = { order: 'K7F3Q2AB', sku: 'VAN', qty: '2', total: '68.00', code: 'A&B', currency: 'EUR' };
    const template = 'https://pay.example/c?o={order}&s={sku}&q={qty}&t={total}&c={code}&cur={currency}';
    expect(fillTemplate(template, values)).toBe('https://pay.example/c?o=K7F3Q2AB&s=VAN&q=2&t=68.00&c=A%26B&cur=EUR');
    expect(fillTemplate(template, { ...values, code: '' })).toBe('https://pay.example/c?o=K7F3Q2AB&s=VAN&q=2&t=68.00&cur=EUR');
    expect(fillTemplate('https://pay.example/{order}?code={code}', { order: 'K7', code: '' })).toBe('https://pay.example/K7');
  });

  it.each([
    ['Anna Smith', 'full', 'Anna Smith'],
    ['Anna Smith', 'first', 'Anna'],
    ['Anna Smith', 'masked', 'A***'],
    ['Ёлка', 'masked', 'Ё***'],
    ['  ', 'first', 'Someone'],
  ] as const)('GIVEN %j WHEN shown as %s THEN it reads %j', (name, style, shown) => {
    expect(publicName(name, style)).toBe(shown);
  });
});
