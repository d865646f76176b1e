import type { Models } from './models.js';

/** One row of the append-only event log as it is written. */
export interface EventRow {
  showId: string;
  runId: number | null;
  type: string;
  at: number;
  showMs: number | null;
  platform: string | null;
  viewerId: number | null;
  data: Record<string, unknown>;
}

/**
 * One multi-row INSERT without building a model instance per row (bulkCreate's cost per row is
 * several times the database's). Column names as the migrations create them; `data` as JSON text,
 * which is how the JSON attribute stores it and reads it back.
 */
export function insertEventRows(LoggedEvent: Models['LoggedEvent'], rows: readonly EventRow[]): Promise<unknown> {
  const records = rows.map((r) => ({
    show_id: r.showId,
    run_id: r.runId,
    type: r.type,
    at: r.at,
    show_ms: r.showMs,
    platform: r.platform,
    viewer_id: r.viewerId,
    data: JSON.stringify(r.data),
  }));
  return LoggedEvent.sequelize!.getQueryInterface().bulkInsert(LoggedEvent.getTableName(), records);
}
