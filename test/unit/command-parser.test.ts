import { describe, expect, it } from 'vitest';
import { CommandTable } from '../../orchestrator/commands/command-table.js';
import { parseCommand, splitWords, type ParseResult } from '../../orchestrator/commands/parse-command.js';
import { FEATURES } from '../../orchestrator/features/index.js';
import { textsFor } from '../../orchestrator/i18n/texts.js';

// Every command the features define, as a show with all of them wires it.
const table = new CommandTable(
  {
    aliases: { buy: ['sold', 'куплю', 'Kaufen'], help: ['hilfe'], vote: ['v'] },
    disabled: ['tip'],
  },
  FEATURES.flatMap((f) => f.commands ?? []),
);

type Expect = { name: string; alias?: string; args?: Record<string, unknown>; words?: string[] } | { error: RegExp } | 'none';

const cases: Array<[string, Expect]> = [
  ['!buy VAN L 2', { name: 'buy', alias: 'buy', args: { item: 'VAN L 2' }, words: ['VAN', 'L', '2'] }],
  ['/buy VAN', { name: 'buy', args: { item: 'VAN' } }],
  ['/buy@candlebot VAN 2', { name: 'buy', words: ['VAN', '2'] }],
  ['  !BUY   van  ', { name: 'buy', alias: 'buy', words: ['van'] }],
  ['!buy\tVAN\u00a0S', { name: 'buy', words: ['VAN', 'S'] }],
  ['!sold', { name: 'buy', alias: 'sold', args: {} }],
  ['!куплю VAN', { name: 'buy', alias: 'куплю', words: ['VAN'] }],
  ['!КУПЛЮ VAN', { name: 'buy', alias: 'куплю' }],
  ['!kaufen', { name: 'buy', alias: 'kaufen' }],
  ['！buy VAN', { name: 'buy' }],
  ['! buy VAN', { name: 'buy' }],
  ['/start', { name: 'help', alias: 'start' }],
  ['!help buy', { name: 'help', args: { command: 'buy' } }],
  ['!hilfe', { name: 'help', alias: 'hilfe' }],
  // A vote is the option's number or name, as typed: the poll reads it.
  ['!vote 2', { name: 'vote', args: { option: '2' } }],
  ['!v #3', { name: 'vote', alias: 'v', args: { option: '#3' } }],
  ['!remove #3', { name: 'remove', args: { line: 3 } }],
  ['!price VAN', { name: 'price', args: { sku: 'VAN' } }],
  ['!quote VAN 25', { name: 'quote', args: { sku: 'VAN', qty: 25 } }],
  ['!faq how long does "shipping take"', { name: 'faq', args: { topic: 'how long does shipping take' } }],
  ['!vote', { error: /^Missing option\. Usage: !vote N$/ }],
  ['!remove two', { error: /^line must be a whole number\. Usage: !remove N$/ }],
  ['!remove 100', { error: /^line must be between 1 and 99\./ }],
  // Without a SKU, !price answers for the product on screen.
  ['!price', { name: 'price', args: {} }],
  ['!quote VAN', { name: 'quote', args: { sku: 'VAN' } }],
  ['!remove', { error: /^Missing line\. Usage: !remove N$/ }],
  ['!price VAN extra', { error: /^Too many words after the command\./ }],
  ['!buyy', { error: /^Unknown command !buyy\. Did you mean !buy\? Type !help for the list\.$/ }],
  ['!bye', { error: /^Unknown command !bye\. Type !help/ }],
  ['/hepl', { error: /^Unknown command \/hepl\. Did you mean \/help\?/ }],
  ['!zzzzzz', { error: /^Unknown command !zzzzzz\. Type !help for the list\.$/ }],
  ['!tip 5', { error: /^!tip is not available in this show\.$/ }],
  ['hello everyone', 'none'],
  ['I want !buy', 'none'],
  ['!', 'none'],
  ['!!!', 'none'],
  ['! wow', 'none'],
  ['!buy-it', { error: /Unknown command !buy-it/ }],
  ['/', 'none'],
  ['!buyVAN', { error: /Unknown command !buyvan/ }],
];

function expectResult(result: ParseResult, expected: Expect): void {
  if (expected === 'none') return expect(result).toEqual({ kind: 'none' });
  if ('error' in expected) {
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.message).toMatch(expected.error);
    return;
  }
  expect(result.kind).toBe('command');
  if (result.kind !== 'command') return;
  expect(result.command.name).toBe(expected.name);
  if (expected.alias) expect(result.command.alias).toBe(expected.alias);
  if (expected.args) expect(result.command.args).toEqual(expected.args);
  if (expected.words) expect(result.command.words).toEqual(expected.words);
}

describe('the command parser shared by every platform', () => {
  it.each(cases)('GIVEN %j WHEN parsed THEN it gives the expected command or a helpful error', (line, expected) => {
    expectResult(parseCommand(line, table), expected);
  });

  it('GIVEN quotes of several kinds WHEN split THEN phrases stay together', () => {
    expect(splitWords('a "b c" «d e» “f g” h')).toEqual(['a', 'b c', 'd e', 'f g', 'h']);
  });

  it('GIVEN a disabled command WHEN suggestions are made THEN it is never suggested', () => {
    const result = parseCommand('!tipp', table);
    expect(result.kind === 'error' && result.message).not.toMatch(/!tip\b/);
  });

  it('GIVEN a Russian show WHEN a viewer mistypes a command, leaves out an argument or types a word for a number THEN the parser answers in Russian', () => {
    const ru = textsFor('ru');
    const message = (line: string) => {
      const result = parseCommand(line, table, ru);
      return result.kind === 'error' ? result.message : undefined;
    };
    expect(message('!buyy')).toBe('Нет такой команды: !buyy. Может быть, !buy? Список — !help.');
    expect(message('!zzzzzz')).toBe('Нет такой команды: !zzzzzz. Список — !help.');
    expect(message('!remove')).toBe('Не хватает: line. Как писать: !remove N');
    expect(message('!remove two')).toBe('line: нужно целое число. Как писать: !remove N');
    expect(message('!tip 5')).toBe('Команда !tip на этом эфире не работает.');
  });
});
