import { randomInt } from 'node:crypto';
import { Op, QueryTypes, type Transaction } from 'sequelize';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Discount } from '../../config/schema/primitives.js';
import { toCents } from '../store/catalog-sync.js';
import type { PromoCode } from '../store/models-engagement.js';
import type { DiscountRule } from './pricing.js';
import type { IssueCodeRequest, PromoIssuer } from './promo-issuer.js';
import { endOfDayIn } from '../shared/zoned-time.js';
import type { StoreAccess } from '../store/store.js';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export type CodeCheck = { ok: true; code: PromoCode; rule: DiscountRule } | { ok: false; message: string };

export function ruleOf(code: Pick<PromoCode, 'kind' | 'value'>): DiscountRule {
  return code.kind === 'percent' ? { percent: code.value } : { amountCents: code.value };
}

function fromDiscount(discount: Discount): { kind: 'percent' | 'amount'; value: number } {
  return 'percent' in discount ? { kind: 'percent', value: discount.percent } : { kind: 'amount', value: toCents(discount.amount) };
}

/** Readable random tail for issued codes: 6 characters, 31^6 ≈ 890 million. */
export function randomTail(length = 6): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * Promo codes: the show file's fixed codes, codes issued by unlocks and drops, and ambassadors'
 * personal codes. A code is checked and its use counted inside the order's own transaction, so
 * limits hold under any number of buyers.
 */
/** Sources of codes anyone in chat may use. */
const PUBLIC_SOURCES = ['yaml', 'unlock', 'drop', 'admin'] as const;

export class PromoCodes implements PromoIssuer {
  constructor(
    private readonly store: StoreAccess,
    private readonly showId: string,
  ) {}

  /** Codes anyone in chat may use right now (ambassadors' personal codes are theirs to share), soonest to expire first. */
  async usableNow(now: Date = new Date()): Promise<PromoCode[]> {
    const rows = await this.store.models.PromoCode.findAll({
      where: {
        showId: this.showId,
        source: { [Op.in]: [...PUBLIC_SOURCES] },
        [Op.and]: [{ [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: now } }] }, { [Op.or]: [{ validFrom: null }, { validFrom: { [Op.lte]: now } }] }],
      },
      order: [['expiresAt', 'ASC']],
    });
    return rows.filter((c) => c.maxUses === null || c.uses < c.maxUses);
  }

  /** Brings the show file's codes into the store; uses already counted stay. */
  sync(config: ShowConfig): Promise<void> {
    return this.store.writes.run(async (t) => {
      for (const c of config.promotions.codes) {
        const values = {
          ...fromDiscount(c.discount),
          maxUses: c.maxUses ?? null,
          maxUsesPerViewer: c.maxUsesPerViewer,
          expiresAt: c.expires ? new Date(endOfDayIn(c.expires, config.show.timezone)) : null,
          products: c.products ?? null,
        };
        const row = await this.store.models.PromoCode.findOne({ where: { code: c.code }, transaction: t });
        if (row) await row.update(values, { transaction: t });
        else
          await this.store.models.PromoCode.create(
            { showId: this.showId, code: c.code, source: 'yaml', validFrom: null, ambassadorId: null, ...values },
            { transaction: t },
          );
      }
    });
  }

  issue(request: IssueCodeRequest): Promise<{ code: string; expiresAt: number }> {
    return this.store.writes.run((t) => this.issueIn(t, request));
  }

  async issueIn(
    t: Transaction,
    request: IssueCodeRequest & { ambassadorId?: number; maxUsesPerViewer?: number },
  ): Promise<{ code: string; expiresAt: number }> {
    const prefix = (request.prefix ?? request.source)
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 12);
    const expiresAt = request.validMs === Infinity ? null : new Date(Date.now() + request.validMs);
    for (;;) {
      const code = `${prefix}-${randomTail()}`;
      if (await this.store.models.PromoCode.findOne({ where: { code }, transaction: t })) continue;
      await this.store.models.PromoCode.create(
        {
          showId: this.showId,
          code,
          ...fromDiscount(request.discount),
          source: request.source,
          maxUses: request.maxUses ?? null,
          maxUsesPerViewer: request.maxUsesPerViewer ?? 1,
          validFrom: new Date(),
          expiresAt,
          products: request.products ?? null,
          ambassadorId: request.ambassadorId ?? null,
        },
        { transaction: t },
      );
      return { code, expiresAt: expiresAt?.getTime() ?? Infinity };
    }
  }

  /** Whether `text` works for this viewer and SKU now; the reply says why not. */
  async check(t: Transaction, text: string, viewerId: number, sku: string, now = Date.now()): Promise<CodeCheck> {
    const code = await this.store.models.PromoCode.findOne({ where: { code: text.toUpperCase(), showId: { [Op.or]: [this.showId, null] } }, transaction: t });
    if (!code) return { ok: false, message: `Code ${text.toUpperCase()} does not exist.` };
    if (code.expiresAt && code.expiresAt.getTime() < now) return { ok: false, message: `Code ${code.code} has expired.` };
    if (code.validFrom && code.validFrom.getTime() > now) return { ok: false, message: `Code ${code.code} is not valid yet.` };
    if (code.products && !code.products.includes(sku)) return { ok: false, message: `Code ${code.code} works only for ${code.products.join(', ')}.` };
    if (code.maxUses !== null && code.uses >= code.maxUses) return { ok: false, message: `Code ${code.code} has been used up.` };
    const mine = await this.store.models.Redemption.count({ where: { promoCodeId: code.id, viewerId }, transaction: t });
    if (mine >= code.maxUsesPerViewer) return { ok: false, message: `You have already used code ${code.code}.` };
    return { ok: true, code, rule: ruleOf(code) };
  }

  /** Counts one use; the guard makes a use over the limit impossible even if two checks raced. */
  async redeem(t: Transaction, code: PromoCode, orderId: number, viewerId: number, discountCents: number): Promise<boolean> {
    const [, affected] = await this.store.db.query('UPDATE promo_codes SET uses = uses + 1 WHERE id = :id AND (max_uses IS NULL OR uses < max_uses)', {
      replacements: { id: code.id },
      transaction: t,
      type: QueryTypes.UPDATE,
    });
    if (affected !== 1) return false;
    await this.store.models.Redemption.create({ promoCodeId: code.id, orderId, viewerId, discountCents }, { transaction: t });
    return true;
  }

  /** An order that ends unpaid gives its code use back. */
  async giveBack(t: Transaction, orderId: number): Promise<void> {
    const redemption = await this.store.models.Redemption.findOne({ where: { orderId }, transaction: t });
    if (!redemption) return;
    await this.store.db.query('UPDATE promo_codes SET uses = uses - 1 WHERE id = :id AND uses > 0', {
      replacements: { id: redemption.promoCodeId },
      transaction: t,
      type: QueryTypes.UPDATE,
    });
    await redemption.destroy({ transaction: t });
  }
}
