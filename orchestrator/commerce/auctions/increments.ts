/** One step of an increment table in minor units: from `fromCents` on, bids rise by `stepCents`. */
export interface IncrementRow {
  fromCents: number;
  stepCents: number;
}

/** The show file's table (major units) in minor units, lowest first. */
export function incrementTable(steps: ReadonlyArray<{ from: number; step: number }>, toMinor: (major: number) => number): IncrementRow[] {
  return steps.map((s) => ({ fromCents: toMinor(s.from), stepCents: toMinor(s.step) })).sort((a, b) => a.fromCents - b.fromCents);
}

/** The step that applies at `priceCents`: the row with the highest `from` at or below it. */
export function stepAt(table: readonly IncrementRow[], priceCents: number): number {
  let step = table[0]?.stepCents ?? 1;
  for (const row of table) {
    if (row.fromCents > priceCents) break;
    step = row.stepCents;
  }
  // A table of zero steps would let one bid follow another at the same price forever.
  return Math.max(1, step);
}

/** The least the next bid may be: the start while nobody has bid, else one step above the standing price. */
export function nextBid(table: readonly IncrementRow[], startCents: number, priceCents: number | undefined): number {
  return priceCents === undefined ? startCents : priceCents + stepAt(table, priceCents);
}
