import { Op } from 'sequelize';
import { formatMoney } from '../../commerce/money.js';
import type { Feature } from '../feature.js';
import { durationText } from '../promotions/promotion-texts.js';

/** Codes anyone in chat may use; ambassadors' personal codes are theirs to share, not ours. */
const PUBLIC_SOURCES = ['yaml', 'unlock', 'drop', 'admin'] as const;
const SHOWN = 5;

/**
 * `!code`: the public promo codes that work right now (not expired, not used up), soonest to
 * expire first, so a viewer who missed the announcement can still use it.
 */
export const codes: Feature = ({ commands, show, config, store }) => {
  commands.handle('code', async ({ prefix }) => {
    const now = new Date();
    const rows = await store.models.PromoCode.findAll({
      where: {
        showId: show.id,
        source: { [Op.in]: [...PUBLIC_SOURCES] },
        [Op.and]: [
          { [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: now } }] },
          { [Op.or]: [{ validFrom: null }, { validFrom: { [Op.lte]: now } }] },
        ],
      },
      order: [['expiresAt', 'ASC']],
    });
    const usable = rows.filter((c) => c.maxUses === null || c.uses < c.maxUses);
    if (usable.length === 0) return [{ text: 'No codes right now — stay tuned, drops and unlocks are announced here.' }];
    const listed = usable.slice(0, SHOWN).map((c) => {
      const off = c.kind === 'percent' ? `${c.value}% off` : `${formatMoney(c.value, config.show.currency)} off`;
      const left = c.maxUses === null ? '' : `, ${c.maxUses - c.uses} left`;
      const until = c.expiresAt === null ? '' : `, ${durationText(c.expiresAt.getTime() - now.getTime())} to go`;
      const only = c.products && c.products.length > 0 ? ` on ${c.products.join(', ')}` : '';
      return `${c.code} (${off}${only}${left}${until})`;
    });
    return [{ text: `Codes now: ${listed.join(' · ')}. Add one to your order: ${prefix}buy SKU CODE` }];
  });
};
