import type { ShowConfig } from '../../config/schema/index.js';
import { toCents } from '../store/catalog-sync.js';
import type { Buyer } from './order-types.js';
import type { DiscountRule } from './pricing.js';

interface Perk {
  applies(buyer: Buyer): boolean;
  rule: DiscountRule;
}

/**
 * The best supporter discount a buyer earns: by role (Twitch subscriber, VIP …), by Discord role
 * id, or by writing in a listed Telegram chat (only members can). Percent and amount perks are
 * compared on a 100.00 basket; the larger saving wins.
 */
export function supporterDiscounts(config: ShowConfig): (buyer: Buyer) => DiscountRule | undefined {
  const perks: Perk[] = config.supporters.map((p) => ({
    rule: 'percent' in p.discount ? { percent: p.discount.percent } : { amountCents: toCents(p.discount.amount) },
    applies: (b) =>
      (p.role !== undefined && (b.roles ?? []).includes(p.role)) ||
      (p.discordRoles !== undefined && b.platform === 'discord' && (b.platformRoles ?? []).some((id) => p.discordRoles!.includes(id))) ||
      (p.telegramChats !== undefined && b.platform === 'telegram' && p.telegramChats.includes(b.channelId)),
  }));
  const worth = (r: DiscountRule) => ('percent' in r ? r.percent * 100 : r.amountCents);
  return (buyer) =>
    perks
      .filter((p) => p.applies(buyer))
      .map((p) => p.rule)
      .sort((a, b) => worth(b) - worth(a))[0];
}
