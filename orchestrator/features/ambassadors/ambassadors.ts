import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';
import { discountText } from '../promotions/promotion-texts.js';

/**
 * `!ambassador` makes a viewer an ambassador with a personal code; buyers using it get the show's
 * discount and the ambassador earns the commission once the order is paid. `!mycode`, `!earnings`.
 */
const AMBASSADOR = command('ambassador', '', 'become an ambassador and get your own code');
const MYCODE = command('mycode', '', 'your personal ambassador code');
const EARNINGS = command('earnings', '', 'your ambassador commission');

export const ambassadors: Feature = {
  name: 'ambassadors',
  commands: [MYCODE, EARNINGS, AMBASSADOR],
  wire: ({ config, commands, ambassadors: store, bus, show }) => {
    const settings = config.ambassadors;
    if (!settings.enabled || !config.checkout) return;
    const currency = config.show.currency;
    const { texts } = show;
    const off = discountText(texts, settings.buyerDiscount, currency);

    commands.handle(AMBASSADOR, async ({ event, viewer, prefix }) => {
      if (!settings.selfSignup && !(await store.find(viewer.viewerId))) {
        return [{ text: texts.t('ambassadors.chosenBySeller') }];
      }
      const { record, created } = await store.register(viewer.viewerId, event.user.name);
      if (created) void bus.emit('ambassador.registered', { platform: event.platform, viewerId: viewer.viewerId, code: record.code });
      const values = { created: created ? 'yes' : 'no', code: record.code, off, prefix, percent: record.commissionPercent };
      return [{ text: texts.t('ambassadors.code', values), private: true }];
    });

    commands.handle(MYCODE, async ({ viewer, prefix }) => {
      const record = await store.find(viewer.viewerId);
      if (!record) return [{ text: texts.t('ambassadors.noCode', { prefix }), private: true }];
      return [{ text: texts.t('ambassadors.myCode', { code: record.code, off, percent: record.commissionPercent }), private: true }];
    });

    commands.handle(EARNINGS, async ({ viewer, prefix }) => {
      const record = await store.find(viewer.viewerId);
      if (!record) return [{ text: texts.t('ambassadors.notYet', { prefix }), private: true }];
      const mine = (await store.standings()).find((s) => s.ambassadorId === record.id);
      const earned = texts.money(mine?.earnedCents ?? 0, currency);
      const pending = texts.money(mine?.pendingCents ?? 0, currency);
      return [{ text: texts.t('ambassadors.earnings', { code: record.code, earned, orders: mine?.paidOrders ?? 0, pending }), private: true }];
    });
  },
};
