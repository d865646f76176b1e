import type { ShowConfig } from '../../config/schema/index.js';
import { toCents } from '../store/catalog-sync.js';
import type { DiscountRule } from './pricing.js';

/**
 * The best supporter discount a buyer's roles earn (e.g. Twitch subscribers 5 % off).
 * Percent and amount perks are compared on a 100.00 basket; the larger saving wins.
 */
export function supporterDiscounts(config: ShowConfig): (roles: readonly string[]) => DiscountRule | undefined {
  const perks = config.supporters
    .filter((p) => p.role !== undefined)
    .map((p) => ({ role: p.role!, rule: ('percent' in p.discount ? { percent: p.discount.percent } : { amountCents: toCents(p.discount.amount) }) as DiscountRule }));
  const worth = (r: DiscountRule) => ('percent' in r ? r.percent * 100 : r.amountCents);
  return (roles) =>
    perks
      .filter((p) => roles.includes(p.role))
      .map((p) => p.rule)
      .sort((a, b) => worth(b) - worth(a))[0];
}
