import { command } from '../../commands/command-specs.js';
import { formatMoney } from '../../commerce/money.js';
import type { Feature } from '../../feature.js';
import { durationText } from '../promotions/promotion-texts.js';

const CODE = command('code', '', 'promo codes that work right now');
const SHOWN = 5;

/**
 * `!code`: the public promo codes that work right now (not expired, not used up), soonest to
 * expire first, so a viewer who missed the announcement can still use it.
 */
export const codes: Feature = {
  name: 'codes',
  commands: [CODE],
  wire: ({ commands, codes: store, config }) => {
    commands.handle(CODE, async ({ prefix }) => {
      const now = new Date();
      const usable = await store.usableNow(now);
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
  },
};
