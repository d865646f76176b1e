/** The known name one typo away (a letter added, missing, changed or two swapped), if any. */
export function nearest(word: string, known: readonly string[]): string | undefined {
  return known.find((k) => distance(word, k) <= 1 + (k.length > 6 ? 1 : 0));
}

/**
 * The known key a misspelt one most likely meant: the same word in another case or with
 * underscores or dashes (max_per_buyer for maxPerBuyer) first, then one typo away.
 */
export function nearestKey(word: string, known: readonly string[]): string | undefined {
  const plain = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  return known.find((k) => plain(k) === plain(word)) ?? nearest(word, known);
}

/** Optimal string alignment distance: a swap of two neighbours ("tpi" for "tip") is one typo. */
export function distance(a: string, b: string): number {
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
