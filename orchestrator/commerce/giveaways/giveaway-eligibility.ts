import { Op, type Transaction } from 'sequelize';
import type { StoreAccess } from '../../store/store.js';
import type { GiveawayRules } from '../../store/models-giveaways.js';
import type { Ineligible } from './giveaway-types.js';

/**
 * Whether a viewer may enter under `rules`: everyone; buyers (an order in this show that was not
 * cancelled or let lapse); linked (two or more accounts linked into one viewer); supporters (a
 * paid tip in this show); and, for any of them, `minLines` chat lines written in this show.
 */
export async function ineligibility(
  store: Pick<StoreAccess, 'models'>,
  showId: string,
  viewerId: number,
  rules: Pick<GiveawayRules, 'eligible' | 'minLines'>,
  lines: (viewerId: number) => Promise<number>,
  t?: Transaction,
): Promise<{ reason: Ineligible; have?: number } | undefined> {
  const { models } = store;
  const where = { showId, viewerId };
  if (rules.eligible === 'buyers') {
    const bought = await models.Order.count({ where: { ...where, status: { [Op.notIn]: ['cancelled', 'expired'] } }, transaction: t });
    if (bought === 0) return { reason: 'buyers' };
  } else if (rules.eligible === 'linked') {
    const accounts = await models.Identity.count({ where: { viewerId }, transaction: t });
    if (accounts < 2) return { reason: 'linked' };
  } else if (rules.eligible === 'supporters') {
    const tips = await models.Tip.count({ where: { ...where, status: 'paid' }, transaction: t });
    if (tips === 0) return { reason: 'supporters' };
  }
  if (rules.minLines > 0) {
    const have = await lines(viewerId);
    if (have < rules.minLines) return { reason: 'lines', have };
  }
  return undefined;
}
