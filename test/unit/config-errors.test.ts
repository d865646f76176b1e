import { describe, expect, it } from 'vitest';
import { problemsOf } from '../support/config-problems.js';

const SHOW = 'show: { id: x, name: X }\n';
const PRODUCT = 'products:\n  - sku: A\n    title: A\n';

describe('config errors that teach', () => {
  it.each([
    ['a misspelt key', `${SHOW}${PRODUCT}    price: 3\n    stok: 3\n`, ['show.yaml:6:5 products[0].stok: unknown key "stok"; did you mean stock?']],
    [
      'a key in snake_case',
      `${SHOW}${PRODUCT}    price: 3\n    stock: 3\n    max_per_buyer: 2\n`,
      ['show.yaml:7:5 products[0].max_per_buyer: unknown key "max_per_buyer"; did you mean maxPerBuyer?'],
    ],
    [
      'a key that is nothing like one',
      `${SHOW}banana: 1\n`,
      [
        'show.yaml:2:1 banana: unknown key "banana"; the keys here are show, server, admin, channels, relay, commands, products, featured, checkout, auctions, giveaways, ai, alerts, promotions, ambassadors, supporters, tips, engagement, moderation, overlay, media, scale',
      ],
    ],
    [
      'a key written twice',
      `${SHOW}${PRODUCT}    price: 3\n    stock: 3\n    stock: 4\n`,
      ['show.yaml:7:5 products[0].stock: "stock" is written twice in the same block (lines 6 and 7); keep one of them'],
    ],
    [
      'a key indented one space short',
      `${SHOW}${PRODUCT}   price: 3\n    stock: 3\n`,
      [
        'show.yaml:5:4 products[0].price: "price" is indented 3 spaces but "title" on line 4 has 4 spaces; keys of one block must start in the same column: indent "price" with 4 spaces like "title"',
      ],
    ],
    [
      'a key indented one space too far (the parser says "Nested mappings are not allowed in compact mappings")',
      'show:\n  id: a\n   name: b\n',
      [
        'show.yaml:3:4 show.name: "name" is indented 3 spaces but "id" on line 2 has 2 spaces; keys of one block must start in the same column: indent "name" with 2 spaces like "id"',
      ],
    ],
    [
      'a variant key off by one in a list of variants',
      `${SHOW}${PRODUCT}    price: 3\n    variants:\n      - name: S\n        stock: 3\n      - name: L\n       stock: 2\n`,
      [
        'show.yaml:10:8 products[0].variants[1].stock: "stock" is indented 7 spaces but "name" on line 9 has 8 spaces; keys of one block must start in the same column: indent "stock" with 8 spaces like "name"',
      ],
    ],
    [
      'a list item that lost its "- "',
      `${SHOW}${PRODUCT}    price: 3\n    stock: 3\n  sku: B\n`,
      [
        'show.yaml:7:3 products[0].sku: "sku" is indented 2 spaces but "stock" on line 6 has 4 spaces; keys of one block must start in the same column: indent "sku" with 4 spaces like "stock", or start a new list item with "- "',
      ],
    ],
    [
      'a top-level key indented by one space',
      'show:\n  id: x\n  name: X\n products: []\n',
      [
        'show.yaml:4:2 products: "products" is indented 1 space but "name" on line 3 has 2 spaces; keys of one block must start in the same column: indent "products" with 2 spaces like "name", or with 0 spaces like "show" on line 1',
      ],
    ],
    [
      'a { never closed',
      `${SHOW}products:\n  - { sku: A, title: A, price: 1, stock: 1\n  - { sku: B, title: B, price: 1, stock: 1 }\n`,
      ['show.yaml:3:1 the { on this line is never closed: end it with } on the same line'],
    ],
    [
      'a tab as indentation',
      'show:\n\tid: a\n',
      ['show.yaml:2:2 id: this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces'],
    ],
    ['no space after a colon', 'show:\n  id:a\n  name: b\n', ['show.yaml:2:1 id: a key needs a space after its colon: write "id: a"']],
    [
      'a colon inside a value',
      'show:\n  id: a\n  name: Candles: night\n',
      ['show.yaml:3:3 name: the value contains ": ", which YAML reads as another key: put the value in quotes, name: "Candles: night"'],
    ],
    [
      'a quote never closed',
      'show:\n  id: a\n  name: "Candle night\nproducts: []\n',
      ['show.yaml:3:3 name: the quoted value that starts on this line is never closed: add the closing quote at the end of the value'],
    ],
    [
      'a decimal comma in a price',
      `${SHOW}${PRODUCT}    price: 12,50\n    stock: 3\n`,
      ['show.yaml:5:12 products[0].price: "12,50" is not a number: write 12.50 (a decimal point, not a comma)'],
    ],
    ['a misspelt option', `${SHOW}alerts:\n  on: payed\n`, ['show.yaml:3:7 alerts.on: "payed" is not one of paid, placed; did you mean paid?']],
    [
      'a key indented short in the middle of a product (the lines below it are fine)',
      `${SHOW}${PRODUCT}   price: 3\n    category: candles\n    stock: 3\n`,
      [
        'show.yaml:5:4 products[0].price: "price" is indented 3 spaces but "title" on line 4 has 4 spaces; keys of one block must start in the same column: indent "price" with 4 spaces like "title"',
      ],
    ],
    [
      'a number where text is wanted',
      'show:\n  id: x\n  name: 2026\n',
      ['show.yaml:3:9 show.name: expected text, got the number 2026: put it in quotes, "2026"'],
    ],
    [
      'a stock that is neither a number nor unlimited',
      `${SHOW}products:\n  - { sku: A, title: A, price: 3, stock: lots }\n`,
      ['show.yaml:3:42 products[0].stock: expected a number of units such as 12, or unlimited'],
    ],
    [
      'a ${VAR} unquoted inside { }',
      `${SHOW}server: { port: \${PORT:-443} }\n`,
      ['show.yaml:2:1 server: inside { } or [ ], write a ${VAR} in quotes, such as port: "${PORT:-443}" (YAML reads { and } there as the braces)'],
    ],
    [
      'an S3 key written where its variable name goes',
      `${SHOW}media:\n  hls:\n    s3: { endpoint: http://minio:9000, bucket: showcart, accessKeyEnv: minioadmin, secretKeyEnv: S3_SECRET }\n`,
      ['show.yaml:4:72 media.hls.s3.accessKeyEnv: expected an environment variable name such as TELEGRAM_BOT_TOKEN'],
    ],
  ])('GIVEN %s WHEN loaded THEN the error names line and key and says the fix', (_name, source, expected) => {
    expect(problemsOf(source)).toEqual(expected);
  });

  it('GIVEN a file saved with Windows line ends WHEN a key is written twice THEN both lines are still named', () => {
    expect(problemsOf(`${SHOW}${PRODUCT}    price: 3\n    stock: 3\n    stock: 4\n`.replace(/\n/g, '\r\n'))).toEqual([
      'show.yaml:7:5 products[0].stock: "stock" is written twice in the same block (lines 6 and 7); keep one of them',
    ]);
  });

  it('GIVEN several mistakes in one file WHEN loaded THEN each is reported on its own line, in file order', () => {
    const source = `${SHOW}alerts:\n  on: piad\n${PRODUCT}    price: 12,50\n    stok: 3\n`;
    expect(problemsOf(source)).toEqual([
      'show.yaml:3:7 alerts.on: "piad" is not one of paid, placed; did you mean paid?',
      'show.yaml:7:12 products[0].price: "12,50" is not a number: write 12.50 (a decimal point, not a comma)',
      'show.yaml:8:5 products[0].stok: unknown key "stok"; did you mean stock?',
    ]);
  });
});
