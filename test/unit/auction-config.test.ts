import { describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { COMMAND_NAMES } from '../../orchestrator/features/index.js';
import { problemsOf } from '../support/config-problems.js';

const SHOW = `show: { id: x, name: X }
products:
  - { sku: LAMP, title: Lamp, price: 30, stock: 1 }
  - { sku: VAN, title: Vanilla, price: 24, variants: [{ name: S, stock: 2 }, { name: L, stock: 2 }] }
`;
const CHECKOUT = 'checkout: { linkTemplate: "https://pay.example/{order}" }\n';

describe('auctions in the show file', () => {
  it('GIVEN an auction of a product, prices in major units WHEN loaded THEN its rules are read with their defaults', () => {
    const { config } = parseShow(
      `${SHOW}${CHECKOUT}auctions:\n  - { sku: LAMP, start: 5, reserve: 12.5, buyNow: 40 }\n`,
      'show.yaml',
      {},
      { commands: COMMAND_NAMES },
    );
    expect(config.auctions).toEqual([
      expect.objectContaining({ sku: 'LAMP', start: 5, reserve: 12.5, buyNow: 40, duration: 30_000, antiSnipe: 10_000, suddenDeath: false }),
    ]);
  });

  it.each([
    ['an unknown SKU', `${CHECKOUT}auctions:\n  - { sku: LAPM, start: 5 }\n`, 'show.yaml:7:12 auctions[0].sku: unknown SKU "LAPM" (not in products)'],
    [
      'an unknown variant',
      `${CHECKOUT}auctions:\n  - { sku: VAN, variant: XL, start: 5 }\n`,
      'show.yaml:7:26 auctions[0].variant: unknown variant "XL" (the variants of VAN are S, L)',
    ],
    ['no checkout', `auctions:\n  - { sku: LAMP, start: 5 }\n`, 'show.yaml:5:1 auctions: auctions need a checkout section: the winner pays through the cart'],
    ['two auctions of one SKU without ids', `${CHECKOUT}auctions:\n  - { sku: LAMP, start: 5 }\n  - { sku: LAMP, start: 9 }\n`, 'auction id'],
    [
      'a buy-it-now under the start',
      `${CHECKOUT}auctions:\n  - { sku: LAMP, start: 5, buyNow: 4 }\n`,
      'auctions[0].buyNow: buy-it-now is above the start price',
    ],
    [
      'steps out of order',
      `${CHECKOUT}auctions:\n  - { sku: LAMP, start: 5, increments: [{ from: 0, step: 1 }, { from: 0, step: 2 }] }\n`,
      'auctions[0].increments[1].from: each step starts above the one before',
    ],
  ])('GIVEN %s WHEN loaded THEN the error names the line and key', (_what, yaml, expected) => {
    expect(problemsOf(`${SHOW}${yaml}`).join('\n')).toContain(expected);
  });
});
