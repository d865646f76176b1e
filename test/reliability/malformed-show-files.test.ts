import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.js';
import { parseShow } from '../../config/loader.js';

/**
 * Malformed show files are refused with a message that says where and what. Extends the loader's
 * own cases in test/unit/config-loader.test.ts (bad price, misspelt key, missing variables, broken
 * syntax, bad references, Discord ids written bare) with the ways a YAML file itself goes wrong.
 * The other refusals of the issue are covered elsewhere: a bad webhook signature in
 * test/e2e/commerce.test.ts ("tampered … refused"), a wrong stream key in
 * test/e2e/media-ingest.test.ts ("GIVEN a wrong stream key …").
 */
const SHOW = 'show: {id: a, name: A}\n';
const TABLE: Array<[string, string, RegExp]> = [
  ['an empty file', '', /^bad\.yaml:1:1 show: is required/],
  ['a list instead of a show', '- a\n- b\n', /^bad\.yaml:1:1 .*expected object, received array/],
  ['a bare sentence', 'just text\n', /^bad\.yaml:1:1 .*expected object, received string/],
  ['tabs for indentation', 'show:\n\tid: x\n', /^bad\.yaml:2:2 id: this line is indented with a tab; YAML indents with spaces only/],
  ['the same key twice', `${SHOW}show: {id: b, name: B}\n`, /^bad\.yaml:2:1 show: "show" is written twice in the same block \(lines 1 and 2\)/],
  [
    'an unclosed quote',
    'show: {id: "a, name: A}\n',
    /^bad\.yaml:1:1 show: the quoted value that starts on this line is never closed: add the closing quote at the end of the value$/,
  ],
  [
    'a key out of line',
    'show:\n  id: a\n name: A\n',
    /^bad\.yaml:3:2 name: "name" is indented 1 space but "id" on line 2 has 2 spaces; .* or with 0 spaces like "show" on line 1$/,
  ],
  ['products as a map', `${SHOW}products: {sku: X}\n`, /^bad\.yaml:2:1 products: .*expected array, received object/],
  [
    'stock in words',
    `${SHOW}products:\n  - {sku: X, title: X, price: 1, stock: lots}\n`,
    /^bad\.yaml:3:41 products\[0\]\.stock: expected a number of units such as 12, or unlimited$/,
  ],
  ['a currency name', 'show: {id: a, name: A, currency: euros}\n', /^bad\.yaml:1:34 show\.currency: expected a three-letter ISO currency code/],
  ['a control character in an id', 'show: {id: "a\u0000", name: A}\n', /^bad\.yaml:1:12 show\.id: expected a lowercase id/],
];

describe('malformed show files', () => {
  it.each(TABLE)('GIVEN %s WHEN loaded THEN it is refused with place and reason', (_, yaml, message) => {
    let error: unknown;
    try {
      parseShow(yaml, 'bad.yaml', {});
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });

  it('GIVEN a YAML alias bomb (a billion laughs) WHEN loaded THEN it is refused at once instead of eating the memory', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ];
    // Refused by the yaml library's own guard, reported like every other problem of a show file.
    expect(() => parseShow(`${bomb.join('\n')}\n${SHOW}`, 'bad.yaml', {})).toThrow(ConfigError);
    expect(() => parseShow(`${bomb.join('\n')}\n${SHOW}`, 'bad.yaml', {})).toThrow(
      /^bad\.yaml:1:1 the file expands too much through YAML aliases \(\*name\): .*resource exhaustion/,
    );
  });
});
