import type { RunRow } from './analytics-types.js';

/**
 * How long before a run's start activity still belongs to it. A run starts when OBS goes live
 * (show.ts `goLive`), but the chat, the storefront and `!buy` are open before that: viewers
 * waiting for the stream talk and order, and that warm-up is part of the show a seller judges.
 */
export const PRE_LIVE_MS = 30 * 60_000;

/**
 * Gives off-air rows (no run) placed shortly before a run to that run, on its clock: a negative
 * `showMs`. Rows further than PRE_LIVE_MS from the next start (or with no run after them) stay off air.
 */
export function withPreLive<T extends { runId: number | null; showMs: number | null }>(
  rows: readonly T[],
  runs: readonly RunRow[],
  timeOf: (row: T) => number,
): T[] {
  const starts = [...runs].sort((a, b) => a.startedAt - b.startedAt);
  return rows.map((row) => {
    if (row.runId !== null) return row;
    const at = timeOf(row);
    const next = starts.find((r) => r.startedAt > at);
    if (!next || next.startedAt - at > PRE_LIVE_MS) return row;
    return { ...row, runId: next.id, showMs: at - next.startedAt };
  });
}
