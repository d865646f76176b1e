import { QueryTypes, type Transaction } from 'sequelize';
import type { AmbassadorsConfig } from '../../config/schema/promotions.js';
import { type Ambassador } from '../store/models-engagement.js';
import type { PromoCodes } from './promo-codes.js';
import type { StoreAccess } from '../store/store.js';

export interface AmbassadorRecord {
  id: number;
  viewerId: number;
  code: string;
  commissionPercent: number;
}

export interface AmbassadorStanding {
  ambassadorId: number;
  name: string;
  code: string;
  paidOrders: number;
  earnedCents: number;
  pendingCents: number;
  salesCents: number;
}

/** Ambassadors of a show: each gets one personal code; sales with it earn them a commission. */
export class AmbassadorStore {
  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
    private readonly codes: PromoCodes,
    private readonly settings: () => AmbassadorsConfig,
  ) {}

  async find(viewerId: number): Promise<AmbassadorRecord | undefined> {
    const row = await this.store.models.Ambassador.findOne({ where: { showId: this.showId, viewerId } });
    return row ? this.record(row) : undefined;
  }

  /** Registers a viewer (once); the code starts with their name so it reads well, and ends unguessable. */
  register(viewerId: number, name: string): Promise<{ record: AmbassadorRecord; created: boolean }> {
    return this.store.writes.run(async (t) => {
      const existing = await this.store.models.Ambassador.findOne({ where: { showId: this.showId, viewerId }, transaction: t });
      if (existing) return { record: await this.record(existing), created: false };
      const row = await this.store.models.Ambassador.create(
        { showId: this.showId, viewerId, commissionPercent: this.settings().commissionPercent },
        { transaction: t },
      );
      const prefix =
        name
          .normalize('NFKD')
          .replace(/[^A-Za-z0-9]/g, '')
          .slice(0, 8) || 'FRIEND';
      await this.codes.issueIn(t, {
        source: 'ambassador',
        discount: this.settings().buyerDiscount,
        validMs: Infinity,
        prefix,
        ambassadorId: row.id,
        // Followers may buy several times with the same personal code.
        maxUsesPerViewer: 1000,
      });
      return { record: await this.record(row, t), created: true };
    });
  }

  /** Ranked by paid sales with their code: what the leaderboard and `!earnings` show. */
  async standings(): Promise<AmbassadorStanding[]> {
    const rows = await this.store.db.query<{
      ambassador_id: number;
      name: string;
      code: string;
      paid_orders: number | string;
      earned: number | string;
      pending: number | string;
      sales: number | string;
    }>(
      `SELECT a.id AS ambassador_id, v.display_name AS name, pc.code AS code,
              COUNT(CASE WHEN c.status = 'earned' THEN 1 END) AS paid_orders,
              COALESCE(SUM(CASE WHEN c.status = 'earned' THEN c.amount_cents END), 0) AS earned,
              COALESCE(SUM(CASE WHEN c.status = 'pending' THEN c.amount_cents END), 0) AS pending,
              COALESCE(SUM(CASE WHEN c.status = 'earned' THEN o.total_cents END), 0) AS sales
         FROM ambassadors a
         JOIN viewers v ON v.id = a.viewer_id
         JOIN promo_codes pc ON pc.ambassador_id = a.id
         LEFT JOIN commissions c ON c.ambassador_id = a.id
         LEFT JOIN orders o ON o.id = c.order_id
        WHERE a.show_id = :showId
        GROUP BY a.id, v.display_name, pc.code
        ORDER BY sales DESC, paid_orders DESC, a.id ASC`,
      { replacements: { showId: this.showId }, type: QueryTypes.SELECT },
    );
    return rows.map((r) => ({
      ambassadorId: r.ambassador_id,
      name: r.name,
      code: r.code,
      paidOrders: Number(r.paid_orders),
      earnedCents: Number(r.earned),
      pendingCents: Number(r.pending),
      salesCents: Number(r.sales),
    }));
  }

  private async record(row: Ambassador, transaction?: Transaction): Promise<AmbassadorRecord> {
    const code = await this.store.models.PromoCode.findOne({ where: { ambassadorId: row.id }, transaction });
    return { id: row.id, viewerId: row.viewerId, code: code?.code ?? '', commissionPercent: row.commissionPercent };
  }
}
