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

/** The known name one typo away (a letter added, missing, changed or two swapped), if any. */
function nearest(word: string, known: readonly string[]): string | undefined {
  return known.find((k) => distance(word, k) <= 1 + (k.length > 6 ? 1 : 0));
}

/** Optimal string alignment distance: a swap of two neighbours ("tpi" for "tip") is one typo. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
