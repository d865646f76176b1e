import type { CommandsConfig } from '../../config/schema/commands.js';
import type { CommandSpec } from './command-specs.js';

type CommandName = string;

/** Telegram clients send /start when a user opens a bot; it means "what can you do?". */
const BUILT_IN_ALIASES: Record<string, string[]> = { help: ['start'] };

/** Which words mean which command in this show: names, built-in and YAML aliases, minus disabled ones. */
export class CommandTable {
  private readonly byWord = new Map<string, CommandName>();
  private readonly specs = new Map<CommandName, CommandSpec>();
  private readonly disabled: Set<CommandName>;
  /** Words the show file gave each command, in its order: what `!help` shows beside the name. */
  private readonly showAliases = new Map<CommandName, string[]>();

  constructor(config: Pick<CommandsConfig, 'aliases' | 'disabled'>, specs: readonly CommandSpec[]) {
    this.disabled = new Set(config.disabled);
    for (const s of specs) {
      this.specs.set(s.name, s);
      this.byWord.set(s.name, s.name);
    }
    for (const [name, words] of Object.entries(BUILT_IN_ALIASES)) if (this.specs.has(name)) this.addAliases(name, words, false);
    for (const [name, words] of Object.entries(config.aliases)) if (this.specs.has(name)) this.addAliases(name, words ?? [], true);
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

  /** Every command of the show, in the order the features define them. */
  all(): CommandSpec[] {
    return [...this.specs.values()];
  }

  /** The show file's own words for `name` that still mean it (`commands.aliases`), in the file's order. */
  showAliasesOf(name: CommandName): string[] {
    return (this.showAliases.get(name) ?? []).filter((word) => this.byWord.get(word) === name);
  }

  aliasesOf(name: CommandName): string[] {
    return [...this.byWord].filter(([word, n]) => n === name && word !== name).map(([word]) => word);
  }

  private addAliases(name: CommandName, words: string[], override: boolean): void {
    for (const word of words) {
      const key = word.normalize('NFC').toLocaleLowerCase();
      if (override || !this.byWord.has(key)) this.byWord.set(key, name);
      if (override && key !== name) this.showAliases.set(name, [...(this.showAliases.get(name) ?? []), key]);
    }
  }
}
