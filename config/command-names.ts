import { nearest } from './nearest.js';
import type { ShowConfig } from './schema/index.js';

/** A problem with a command name in the show file, at its path. */
export interface CommandNameIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The show file's `commands.aliases` and `commands.disabled` checked against the commands showcart
 * has (the app hands the loader its features' command names): an unknown name, with the nearest
 * known one, and an alias that is another command's name.
 */
export function checkCommandNames(config: Pick<ShowConfig, 'commands'>, known: readonly string[]): CommandNameIssue[] {
  const issues: CommandNameIssue[] = [];
  const names = new Set(known);
  const unknown = (name: string) => {
    const near = nearest(name, known);
    return `unknown command "${name}"${near ? `; did you mean ${near}?` : '.'} Commands: ${[...known].sort().join(', ')}`;
  };
  for (const [name, words] of Object.entries(config.commands.aliases)) {
    if (!names.has(name)) {
      issues.push({ path: ['commands', 'aliases', name], message: unknown(name) });
      continue;
    }
    (words ?? []).forEach((alias, i) => {
      const word = alias.toLocaleLowerCase();
      if (names.has(word) && word !== name) issues.push({ path: ['commands', 'aliases', name, i], message: `"${alias}" is already the command !${word}` });
    });
  }
  config.commands.disabled.forEach((name, i) => {
    if (!names.has(name)) issues.push({ path: ['commands', 'disabled', i], message: unknown(name) });
  });
  return issues;
}
