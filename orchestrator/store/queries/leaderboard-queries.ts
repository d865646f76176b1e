import { QueryTypes, type Sequelize } from 'sequelize';

/** One row of a board before names are made public: who, and the number they are ranked by. */
export interface BoardRow {
  name: string;
  value: number;
}

/** Viewers ranked by what they paid in this show; earlier viewer first on a tie. */
export async function topBuyers(db: Sequelize, showId: string, size: number): Promise<BoardRow[]> {
  const rows = await db.query<{ name: string; total: number | string }>(
    `SELECT v.display_name AS name, SUM(o.total_cents) AS total
       FROM orders o
       JOIN viewers v ON v.id = o.viewer_id
      WHERE o.show_id = :showId AND o.status = 'paid'
      GROUP BY o.viewer_id, v.display_name
      ORDER BY total DESC, o.viewer_id ASC
      LIMIT :size`,
    { replacements: { showId, size }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ name: r.name, value: Number(r.total) }));
}

/** Viewers ranked by how many lines they wrote in this show (commands count: they are chat too). */
export async function topChatters(db: Sequelize, showId: string, size: number): Promise<BoardRow[]> {
  const rows = await db.query<{ name: string; lines: number | string }>(
    `SELECT v.display_name AS name, COUNT(*) AS lines
       FROM events e
       JOIN viewers v ON v.id = e.viewer_id
      WHERE e.show_id = :showId AND e.type = 'chat.message'
      GROUP BY e.viewer_id, v.display_name
      ORDER BY lines DESC, e.viewer_id ASC
      LIMIT :size`,
    { replacements: { showId, size }, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ name: r.name, value: Number(r.lines) }));
}
