/** What `!vote …` picked: one option (0-based), none, or several that the typed start fits. */
export type Choice = { kind: 'option'; index: number } | { kind: 'none' } | { kind: 'ambiguous'; options: number[] };

const fold = (text: string) => text.normalize('NFC').trim().replace(/\s+/gu, ' ').toLocaleLowerCase();

/**
 * The option a viewer means by what they typed after `!vote`: its number ("2", "#2"), its name in
 * any case ("cinnamon", "Sea Salt"), or the start of exactly one name ("cinn"). A whole name wins
 * over starts, so "Fig" picks Fig even beside "Fig jam".
 */
export function choiceOf(typed: string, options: readonly string[]): Choice {
  const words = fold(typed);
  const number = /^#?(\d+)$/u.exec(words);
  if (number) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < options.length ? { kind: 'option', index } : { kind: 'none' };
  }
  if (words === '') return { kind: 'none' };
  const names = options.map(fold);
  const exact = names.indexOf(words);
  if (exact >= 0) return { kind: 'option', index: exact };
  const starts = names.flatMap((name, i) => (name.startsWith(words) ? [i] : []));
  if (starts.length === 1) return { kind: 'option', index: starts[0]! };
  return starts.length === 0 ? { kind: 'none' } : { kind: 'ambiguous', options: starts };
}
