import { randomInt } from 'node:crypto';
import { Op, QueryTypes, type InferCreationAttributes, type Transaction } from 'sequelize';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Discount } from '../../config/schema/primitives.js';
import { toCents } from '../store/catalog-sync.js';
import type { PromoCode } from '../store/models-engagement.js';
import type { DiscountRule } from './pricing.js';
import type { IssueCodeRequest, PromoIssuer } from './promo-issuer.js';
import { endOfDayIn } from '../shared/zoned-time.js';
import type { StoreAccess } from '../store/store.js';
import { textsFor, type Texts } from '../i18n/texts.js';

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
 * A code prefix from the show file's template (`engagement.codePrefixes`): "{id}" with id MIDSHOW
 * is "MIDSHOW", "UYUT{name}" with name ANNA is "UYUTANNA". Placeholders not given are left out.
 */
export function prefixFrom(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => values[key] ?? '');
}

/** Letters and digits only, upper case, at most 12: what a code may start with. */
function cleanPrefix(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 12);
}

/** What an issued code offers and for how long: everything but whose it is. */
type CodeTerms = Pick<InferCreationAttributes<PromoCode>, 'kind' | 'value' | 'maxUses' | 'maxUsesPerViewer' | 'validFrom' | 'expiresAt' | 'products'>;

/** Sources of codes anyone in chat may use. */
const PUBLIC_SOURCES = ['yaml', 'unlock', 'drop', 'admin'] as const;

/**
 * Promo codes: the show file's fixed codes, codes issued by unlocks and drops, and ambassadors'
 * personal codes. A code is checked and its use counted inside the order's own transaction, so
 * limits hold under any number of buyers.
 */
export class PromoCodes implements PromoIssuer {
  /** The show's language for refusals, and its prefix for ambassadors' codes: both from the show file in force (sync). */
  private texts: Texts = textsFor('en');
  private ambassadorPrefix = '{name}';

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

  /**
   * Brings the show file's codes into the store (uses already counted stay), and takes its
   * language and code prefixes; refused when an unlock's exact code already belongs to another code.
   */
  async sync(config: ShowConfig): Promise<void> {
    await this.store.writes.run(async (t) => {
      // An unlock's exact code must be its own: refused now, not at the moment viewers reach it.
      for (const u of config.promotions.unlocks) {
        if (u.code === undefined) continue;
        const row = await this.store.models.PromoCode.findOne({ where: { code: u.code }, transaction: t });
        if (row && (row.showId !== this.showId || row.source !== 'unlock')) {
          throw new Error(`promotions.unlocks "${u.id}": code ${u.code} is already another code of the store (${row.source}); choose another one`);
        }
      }
      for (const c of config.promotions.codes) {
        const values = {
          ...fromDiscount(c.discount),
          maxUses: c.maxUses ?? null,
          maxUsesPerViewer: c.maxUsesPerViewer,
          expiresAt: c.expires ? new Date(endOfDayIn(c.expires, config.show.timezone)) : null,
          products: c.products ?? null,
        };
        const row = await this.store.models.PromoCode.findOne({ where: { code: c.code }, transaction: t });
        // Codes are unique in the whole store: updating another show's row would change that show's terms.
        if (row && row.showId !== null && row.showId !== this.showId) {
          throw new Error(`promotions.codes: code ${c.code} is already a code of another show on this database; choose another one`);
        }
        if (row) await row.update(values, { transaction: t });
        else
          await this.store.models.PromoCode.create(
            { showId: this.showId, code: c.code, source: 'yaml', validFrom: null, ambassadorId: null, ...values },
            { transaction: t },
          );
      }
    });
    this.texts = textsFor(config.show.language);
    this.ambassadorPrefix = config.engagement.codePrefixes.ambassadors;
  }

  issue(request: IssueCodeRequest): Promise<{ code: string; expiresAt: number }> {
    return this.store.writes.run((t) => this.issueIn(t, request));
  }

  async issueIn(
    t: Transaction,
    request: IssueCodeRequest & { ambassadorId?: number; maxUsesPerViewer?: number },
  ): Promise<{ code: string; expiresAt: number }> {
    const expiresAt = request.validMs === Infinity ? null : new Date(Date.now() + request.validMs);
    const values = {
      ...fromDiscount(request.discount),
      maxUses: request.maxUses ?? null,
      maxUsesPerViewer: request.maxUsesPerViewer ?? 1,
      validFrom: new Date(),
      expiresAt,
      products: request.products ?? null,
    };
    if (request.code !== undefined) return this.issueExact(t, request.code.toUpperCase(), request.source, values);
    const base = request.source === 'ambassador' ? prefixFrom(this.ambassadorPrefix, { name: request.prefix ?? '' }) : (request.prefix ?? '');
    // A template that leaves nothing (a name without Latin letters) still gives a readable start.
    const prefix = cleanPrefix(base) || (request.source === 'ambassador' ? 'FRIEND' : cleanPrefix(request.source));
    for (;;) {
      const code = `${prefix}-${randomTail()}`;
      if (await this.store.models.PromoCode.findOne({ where: { code }, transaction: t })) continue;
      await this.store.models.PromoCode.create(
        { showId: this.showId, code, source: request.source, ambassadorId: request.ambassadorId ?? null, ...values },
        { transaction: t },
      );
      return { code, expiresAt: expiresAt?.getTime() ?? Infinity };
    }
  }

  /**
   * The code the show file names, exactly: created the first time, re-armed with the new terms when
   * the same unlock is reached in a later show run (uses already counted stay). A code that belongs
   * to something else (a fixed code, another show) is refused, never shared.
   */
  private async issueExact(t: Transaction, code: string, source: IssueCodeRequest['source'], values: CodeTerms): Promise<{ code: string; expiresAt: number }> {
    const row = await this.store.models.PromoCode.findOne({ where: { code }, transaction: t });
    if (row && (row.showId !== this.showId || row.source !== source))
      throw new Error(`code ${code} is already taken by another code of the store; choose another one`);
    if (row) await row.update(values, { transaction: t });
    else await this.store.models.PromoCode.create({ showId: this.showId, code, source, ambassadorId: null, ...values }, { transaction: t });
    return { code, expiresAt: values.expiresAt?.getTime() ?? Infinity };
  }

  /** Whether `text` works for this viewer and SKU now; the reply says why not. */
  async check(t: Transaction, text: string, viewerId: number, sku: string, now = Date.now()): Promise<CodeCheck> {
    const code = await this.store.models.PromoCode.findOne({ where: { code: text.toUpperCase(), showId: { [Op.or]: [this.showId, null] } }, transaction: t });
    const { texts } = this;
    if (!code) return { ok: false, message: texts.t('codes.unknown', { code: text.toUpperCase() }) };
    if (code.expiresAt && code.expiresAt.getTime() < now) return { ok: false, message: texts.t('codes.expired', { code: code.code }) };
    if (code.validFrom && code.validFrom.getTime() > now) return { ok: false, message: texts.t('codes.notYet', { code: code.code }) };
    if (code.products && !code.products.includes(sku))
      return { ok: false, message: texts.t('codes.onlyFor', { code: code.code, products: code.products.join(', ') }) };
    if (code.maxUses !== null && code.uses >= code.maxUses) return { ok: false, message: texts.t('codes.usedUp', { code: code.code }) };
    const mine = await this.store.models.Redemption.count({ where: { promoCodeId: code.id, viewerId }, transaction: t });
    if (mine >= code.maxUsesPerViewer) return { ok: false, message: texts.t('codes.alreadyUsed', { code: code.code }) };
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
