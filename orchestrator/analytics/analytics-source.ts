import { Op, QueryTypes } from 'sequelize';
import type { EventRow, OrderRow, OrderState, ProductRow, RunRow, ShowData } from './analytics-types.js';
import type { StoreAccess } from '../store/store.js';
import { withPreLive } from './pre-live.js';

interface OrderQueryRow {
  public_id: string;
  viewer_id: number;
  status: OrderState;
  total_cents: number | string;
  discount_cents: number | string;
  currency: string;
  created_at: string | Date;
  platform: string;
  sku: string;
  qty: number | string;
  code: string | null;
  source: string | null;
  ambassador_id: number | null;
  ambassador_name: string | null;
  commission_cents: number | string | null;
  commission_status: 'pending' | 'earned' | 'void' | null;
}

const ms = (d: string | Date) => new Date(d).getTime();
// PostgreSQL hands BIGINT back as a string and JSON as an object; SQLite numbers and JSON text.
const json = (v: unknown): Record<string, unknown> =>
  typeof v === 'string' ? (JSON.parse(v) as Record<string, unknown>) : ((v ?? {}) as Record<string, unknown>);

/** Reads what analytics needs from the store: the only part of analytics that does I/O. */
export class AnalyticsSource {
  constructor(private readonly store: Pick<StoreAccess, 'db' | 'models'>) {}

  async showIds(): Promise<string[]> {
    return (await this.store.models.Show.findAll({ attributes: ['id'], order: [['id', 'ASC']], raw: true })).map((s) => s.id);
  }

  /**
   * One show's rows, or undefined when the store has no such show. `types` limits the events
   * read (a cross-show report needs no chat text of every past show).
   */
  async load(showId: string, options: { initialFeatured?: string | null; types?: string[] } = {}): Promise<ShowData | undefined> {
    const show = await this.store.models.Show.findByPk(showId, { raw: true });
    if (!show) return undefined;
    const runs: RunRow[] = (await this.store.models.ShowRun.findAll({ where: { showId }, order: [['id', 'ASC']], raw: true })).map((r) => ({
      id: r.id,
      startedAt: ms(r.startedAt),
      endedAt: r.endedAt === null ? null : ms(r.endedAt),
    }));
    const merged = await this.mergedViewers();
    const viewer = (id: number | null) => (id === null ? null : (merged.get(id) ?? id));
    const logged: EventRow[] = (
      await this.store.models.LoggedEvent.findAll({
        where: { showId, ...(options.types && { type: { [Op.in]: options.types } }) },
        order: [
          ['at', 'ASC'],
          ['id', 'ASC'],
        ],
        raw: true,
      })
    ).map((e) => ({
      runId: e.runId,
      type: e.type,
      at: Number(e.at),
      showMs: e.showMs === null ? null : Number(e.showMs),
      platform: e.platform,
      viewerId: viewer(e.viewerId),
      data: json(e.data),
    }));
    const events = withPreLive(logged, runs, (e) => e.at);
    const placed = (await this.orders(showId)).map((o) => {
      const run = runs.find((r) => o.createdAt >= r.startedAt && (r.endedAt === null || o.createdAt <= r.endedAt));
      return { ...o, viewerId: viewer(o.viewerId)!, runId: run?.id ?? null, showMs: run ? o.createdAt - run.startedAt : null };
    });
    const orders = withPreLive(placed, runs, (o) => o.createdAt);
    return { showId, name: show.name, runs, products: await this.products(showId), events, orders, initialFeatured: options.initialFeatured ?? null };
  }

  private async products(showId: string): Promise<ProductRow[]> {
    const rows = await this.store.models.Product.findAll({ where: { showId }, attributes: ['sku', 'title'], order: [['id', 'ASC']], raw: true });
    const out = new Map<string, string>();
    for (const r of rows) if (!out.has(r.sku)) out.set(r.sku, r.title);
    return [...out].map(([sku, title]) => ({ sku, title }));
  }

  private async mergedViewers(): Promise<Map<number, number>> {
    const rows = await this.store.db.query<{ id: number; merged_into: number }>('SELECT id, merged_into FROM viewers WHERE merged_into IS NOT NULL', {
      type: QueryTypes.SELECT,
    });
    return new Map(rows.map((r) => [Number(r.id), Number(r.merged_into)]));
  }

  /** Orders with their first line (an order holds one product), buyer platform, code, ambassador and commission. */
  private async orders(showId: string): Promise<OrderRow[]> {
    const rows = await this.store.db.query<OrderQueryRow>(
      `SELECT o.public_id, o.viewer_id, o.status, o.total_cents, o.discount_cents, o.currency, o.created_at,
              i.platform, p.sku, l.qty, pc.code, pc.source, pc.ambassador_id, av.display_name AS ambassador_name,
              c.amount_cents AS commission_cents, c.status AS commission_status
         FROM orders o
         JOIN order_lines l ON l.order_id = o.id
         JOIN products p ON p.id = l.product_id
         JOIN identities i ON i.id = o.identity_id
         LEFT JOIN promo_codes pc ON pc.id = o.promo_code_id
         LEFT JOIN ambassadors a ON a.id = pc.ambassador_id
         LEFT JOIN viewers av ON av.id = a.viewer_id
         LEFT JOIN commissions c ON c.order_id = o.id
        WHERE o.show_id = :showId
        ORDER BY o.id ASC, l.id ASC`,
      { replacements: { showId }, type: QueryTypes.SELECT },
    );
    const seen = new Set<string>();
    const out: OrderRow[] = [];
    for (const r of rows) {
      if (seen.has(r.public_id)) continue;
      seen.add(r.public_id);
      out.push({
        publicId: r.public_id,
        runId: null,
        showMs: null,
        createdAt: ms(r.created_at),
        viewerId: Number(r.viewer_id),
        platform: r.platform,
        status: r.status,
        sku: r.sku,
        qty: Number(r.qty),
        totalCents: Number(r.total_cents),
        discountCents: Number(r.discount_cents),
        currency: r.currency,
        code: r.code === null ? null : { code: r.code, source: r.source ?? '' },
        ambassador: r.ambassador_id === null || r.code === null ? null : { id: Number(r.ambassador_id), name: r.ambassador_name ?? '', code: r.code },
        commission: r.commission_cents === null || r.commission_status === null ? null : { cents: Number(r.commission_cents), status: r.commission_status },
      });
    }
    return out;
  }
}
