import { textsFor, type Texts } from '../i18n/texts.js';
import type { ArgSpec, CommandSpec } from './command-specs.js';
import { closest } from './edit-distance.js';
import type { CommandTable } from './command-table.js';
import { orList } from './or-list.js';

export type ArgValue = string | number;

export interface ParsedCommand {
  name: string;
  /** The word the viewer typed (an alias, in any language), lowercased. */
  alias: string;
  args: Record<string, ArgValue | undefined>;
  /** Every argument word as typed, for commands that read them themselves (buy). */
  words: string[];
}

export type ParseResult = { kind: 'none' } | { kind: 'command'; command: ParsedCommand } | { kind: 'error'; name?: string; message: string };

// "！" is what many phone keyboards and IMEs produce for "!".
const PREFIX = /^[!！/]/u;
const NAME = /^[\p{L}\p{N}_-]+/u;
const LEADING_PREFIX = /^\s*[!！/]/u;
const NONE: ParseResult = Object.freeze({ kind: 'none' });

/**
 * Reads a chat line as a command, for every platform alike: `!buy VAN L 2`, `/buy@shopbot VAN`,
 * `  !BUY   van `, `!куплю VAN`. Never throws: a mistake comes back with a reply-ready message,
 * in the language of `texts` (the show's; English by default).
 */
export function parseCommand(line: string, table: CommandTable, texts: Texts = textsFor('en')): ParseResult {
  // Most lines are chat: no prefix after the leading white space means no command, without
  // normalizing anything (NFC never turns another character into a prefix or into white space).
  if (!LEADING_PREFIX.test(line)) return NONE;
  const text = line
    .normalize('NFC')
    .replace(/[\s\u00a0]+/gu, ' ')
    .trim();
  if (!PREFIX.test(text)) return { kind: 'none' };
  const prefix = text[0] === '/' ? '/' : '!';
  let rest = text.slice(1);
  const spaced = rest.startsWith(' ');
  rest = rest.trimStart();
  const nameMatch = NAME.exec(rest);
  if (!nameMatch) return { kind: 'none' };
  const typed = nameMatch[0].toLocaleLowerCase();
  let after = rest.slice(nameMatch[0].length);
  // Telegram appends the bot's name in groups: /buy@candlebot
  if (prefix === '/' && after.startsWith('@')) after = after.replace(/^@\w+/, '');
  if (after !== '' && !after.startsWith(' ')) return { kind: 'none' };

  const name = table.resolve(typed);
  if (!name) {
    // "! hello" is somebody exclaiming, not a mistyped command.
    if (spaced) return { kind: 'none' };
    const near = closest(typed, table.words()).map((w) => `${prefix}${w}`);
    const values = { command: `${prefix}${typed}`, prefix };
    const message = near.length > 0 ? texts.t('commands.unknownNear', { ...values, near: orList(texts, near) }) : texts.t('commands.unknown', values);
    return { kind: 'error', message };
  }
  if (table.isDisabled(name)) return { kind: 'error', name, message: texts.t('commands.disabled', { command: `${prefix}${typed}` }) };

  const words = splitWords(after.trim());
  const spec = table.spec(name);
  const args = bindArgs(texts, spec, words);
  if (typeof args === 'string') {
    return { kind: 'error', name, message: texts.t('commands.usage', { problem: args, usage: `${prefix}${typed}${spec.usage ? ` ${spec.usage}` : ''}` }) };
  }
  return { kind: 'command', command: { name, alias: typed, args, words } };
}

/** Splits on spaces, keeping "quoted phrases" and «guillemets» together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|«([^»]*)»|“([^”]*)”|(\S+)/gu;
  for (const m of text.matchAll(re)) words.push((m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim());
  return words.filter((w) => w !== '');
}

function bindArgs(texts: Texts, spec: CommandSpec, words: string[]): Record<string, ArgValue | undefined> | string {
  const out: Record<string, ArgValue | undefined> = {};
  for (const [i, arg] of spec.args.entries()) {
    if (arg.type === 'rest') {
      const restText = words.slice(i).join(' ');
      if (arg.required && restText === '') return texts.t('commands.missing', { arg: arg.name });
      out[arg.name] = restText === '' ? undefined : restText;
      return out;
    }
    const word = words[i];
    if (word === undefined) {
      if (arg.required) return texts.t('commands.missing', { arg: arg.name });
      continue;
    }
    const value = convert(texts, arg, word);
    if (typeof value === 'object') return value.error;
    out[arg.name] = value;
  }
  if (words.length > spec.args.length) return texts.t('commands.tooMany');
  return out;
}

function convert(texts: Texts, arg: ArgSpec, word: string): ArgValue | { error: string } {
  if (arg.type === 'word') return word;
  const cleaned = arg.type === 'int' ? word.replace(/^#/, '') : word.replace(',', '.').replace(/^[$€£]/, '');
  const pattern = arg.type === 'int' ? /^\d+$/ : /^\d+(\.\d+)?$/;
  const value = Number(cleaned);
  if (!pattern.test(cleaned) || !Number.isFinite(value)) {
    // What was typed is not quoted back: a reply never carries a viewer's markup.
    return { error: texts.t(arg.type === 'int' ? 'commands.notWhole' : 'commands.notNumber', { arg: arg.name }) };
  }
  if ((arg.min !== undefined && value < arg.min) || (arg.max !== undefined && value > arg.max)) {
    return { error: texts.t('commands.range', { arg: arg.name, min: String(arg.min ?? 0), max: String(arg.max) }) };
  }
  return value;
}
