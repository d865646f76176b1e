import type { CommandName } from '../../config/schema/commands.js';
import type { CommandsConfig } from '../../config/schema/commands.js';
import { COMMAND_SPECS, type CommandSpec } from './command-specs.js';

/** Telegram clients send /start when a user opens a bot; it means "what can you do?". */
const BUILT_IN_ALIASES: Partial<Record<CommandName, string[]>> = { help: ['start'] };

/** Which words mean which command in this show: names, built-in and YAML aliases, minus disabled ones. */
export class CommandTable {
  private readonly byWord = new Map<string, CommandName>();
  private readonly specs = new Map<CommandName, CommandSpec>();
  private readonly disabled: Set<CommandName>;

  constructor(config: Pick<CommandsConfig, 'aliases' | 'disabled'>, specs: readonly CommandSpec[] = COMMAND_SPECS) {
    this.disabled = new Set(config.disabled);
    for (const s of specs) {
      this.specs.set(s.name, s);
      this.byWord.set(s.name, s.name);
    }
    for (const [name, words] of Object.entries(BUILT_IN_ALIASES)) this.addAliases(name as CommandName, words, false);
    for (const [name, words] of Object.entries(config.aliases)) this.addAliases(name as CommandName, words ?? [], true);
  }

  resolve(word: string): CommandName | undefined {
    return this.byWord.get(word.normalize('NFC').toLocaleLowerCase());
  }

  spec(name: CommandName): CommandSpec {
    const s = this.specs.get(name);
    if (!s) throw new Error(`no spec for command ${name}`);
    return s;
  }

  isDisabled(name: CommandName): boolean {
    return this.disabled.has(name);
  }

  /** Every word that is a command, for "did you mean" suggestions. */
  words(): string[] {
    return [...this.byWord].filter(([, name]) => !this.disabled.has(name)).map(([word]) => word);
  }

  aliasesOf(name: CommandName): string[] {
    return [...this.byWord].filter(([word, n]) => n === name && word !== name).map(([word]) => word);
  }

  private addAliases(name: CommandName, words: string[], override: boolean): void {
    for (const word of words) {
      const key = word.normalize('NFC').toLocaleLowerCase();
      if (override || !this.byWord.has(key)) this.byWord.set(key, name);
    }
  }
}
