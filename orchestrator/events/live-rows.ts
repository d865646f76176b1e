import type { Bus } from '../bus.js';
import type { ShowClockReading } from '../show.js';
import type { EventRow } from '../store/event-rows.js';
import { logRowOf } from './log-rows.js';

/** A logged fact as live views (the dashboard's log) receive it and the event log writes it. */
export type LiveEvent = EventRow;

/**
 * Every fact that is logged, as its row, the moment it is emitted on the bus (the show clock is
 * read then). The event log persists these; the dashboard's live log shows the same rows.
 */
export function onLiveRows(bus: Bus, showId: () => string, clock: (at: number) => ShowClockReading, listener: (row: LiveEvent) => void): () => void {
  return bus.tap((event) => {
    const row = logRowOf(event);
    if (!row) return;
    const at = row.at ?? Date.now();
    const { runId, showMs } = clock(at);
    listener({ showId: showId(), runId, type: row.type, at, showMs, platform: row.platform ?? null, viewerId: row.viewerId ?? null, data: row.data });
  });
}
