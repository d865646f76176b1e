import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';
import { validText } from '../promotions/promotion-texts.js';

const CODE = command('code', '', 'promo codes that work right now');
const SHOWN = 5;
const DAY_MS = 24 * 3600_000;

/**
 * `!code`: the public promo codes that work right now (not expired, not used up), soonest to
 * expire first, so a viewer who missed the announcement can still use it.
 */
export const codes: Feature = {
  name: 'codes',
  commands: [CODE],
  wire: ({ commands, codes: store, config, show }) => {
    commands.handle(CODE, async ({ prefix }) => {
      const { texts } = show;
      const now = new Date();
      const usable = await store.usableNow(now);
      if (usable.length === 0) return [{ text: texts.t('codes.none') }];
      const listed = usable.slice(0, SHOWN).map((c) => {
        const off =
          c.kind === 'percent'
            ? texts.t('promotions.percentOff', { percent: c.value })
            : texts.t('promotions.amountOff', { amount: texts.money(c.value, config.show.currency) });
        const details = [c.products && c.products.length > 0 ? texts.t('codes.onlyOn', { off, products: c.products.join(', ') }) : off];
        if (c.maxUses !== null) details.push(texts.t('codes.usesLeft', { n: String(c.maxUses - c.uses) }));
        if (c.expiresAt !== null) {
          const left = c.expiresAt.getTime() - now.getTime();
          // Past a day the end reads as a date ("until 31 Dec"), not "until 31 Dec to go".
          details.push(
            left >= DAY_MS ? validText(texts, left, config.show.timezone, now.getTime()) : texts.t('codes.toGo', { duration: texts.duration(left) }),
          );
        }
        return texts.t('codes.item', { code: c.code, details: details.join(', ') });
      });
      return [{ text: texts.t('codes.list', { codes: listed.join(' · '), prefix }) }];
    });
  },
};
