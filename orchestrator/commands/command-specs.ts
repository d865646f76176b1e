import type { CommandName } from '../../config/schema/commands.js';

export type ArgType = 'word' | 'int' | 'number' | 'rest';

export interface ArgSpec {
  name: string;
  type: ArgType;
  required?: boolean;
  min?: number;
  max?: number;
}

export interface CommandSpec {
  name: CommandName;
  /** Arguments as a viewer types them, shown in help and in error replies. */
  usage: string;
  summary: string;
  args: ArgSpec[];
}

const spec = (name: CommandName, usage: string, summary: string, args: ArgSpec[] = []): CommandSpec => ({ name, usage, summary, args });

/** The grammar of every command; features own what a command does, this owns how it is typed. */
export const COMMAND_SPECS: readonly CommandSpec[] = [
  spec('help', '[command]', 'list the commands, or explain one', [{ name: 'command', type: 'word' }]),
  spec('buy', '[SKU] [variant] [qty] [CODE]', 'order a product (the one on screen if no SKU)', [{ name: 'item', type: 'rest' }]),
  spec('price', 'SKU', 'the price of a product', [{ name: 'sku', type: 'word', required: true }]),
  spec('stock', 'SKU', 'how many are left', [{ name: 'sku', type: 'word', required: true }]),
  spec('featured', '[SKU]', 'what is on screen now (moderators: set it)', [{ name: 'sku', type: 'word' }]),
  spec('cancel', '[order]', 'release your held order', [{ name: 'order', type: 'word' }]),
  // `poll` is what buttons add (the poll's ref), so a press on an old poll's button is not counted in a new one.
  spec('vote', 'N', 'vote in the running poll', [
    { name: 'option', type: 'int', required: true, min: 1, max: 12 },
    { name: 'poll', type: 'word' },
  ]),
  spec('link', '[CODE]', 'link your accounts on several platforms', [{ name: 'code', type: 'word' }]),
  spec('code', '', 'promo codes that work right now'),
  spec('mycode', '', 'your personal ambassador code'),
  spec('earnings', '', 'your ambassador commission'),
  spec('ambassador', '', 'become an ambassador and get your own code'),
  spec('faq', '[topic]', 'answers to common questions', [{ name: 'topic', type: 'rest' }]),
  spec('top', '[buyers|chatters|ambassadors]', 'leaderboards of this show', [{ name: 'board', type: 'word' }]),
  spec('recommend', '', 'a product picked for you'),
  spec('quote', 'SKU qty', 'wholesale price for a quantity', [
    { name: 'sku', type: 'word', required: true },
    { name: 'qty', type: 'int', required: true, min: 1, max: 100_000 },
  ]),
  spec('preorder', 'SKU qty', 'pre-order from the next batch', [
    { name: 'sku', type: 'word', required: true },
    { name: 'qty', type: 'int', required: true, min: 1, max: 100_000 },
  ]),
  spec('tip', 'AMOUNT', 'support the show', [{ name: 'amount', type: 'number', required: true, min: 0.01, max: 100_000 }]),
  spec('permit', 'user', 'moderators: allow one link from a viewer', [{ name: 'user', type: 'word', required: true }]),
];
