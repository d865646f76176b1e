/**
 * Optimal-string-alignment distance: Levenshtein plus swapped neighbours ("hepl" → "help" is 1),
 * the typo people make most on phone keyboards.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      row.push(value);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The candidates closest to `word`, nearest first, within a distance that grows with the word. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = word.length <= 4 ? 1 : 2;
  return [...candidates]
    .filter((c) => Math.abs(c.length - word.length) <= limit)
    .map((c) => ({ c, d: editDistance(word, c) }))
    .filter((x) => x.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((x) => x.c);
}
