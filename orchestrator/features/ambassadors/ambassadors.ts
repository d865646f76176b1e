import { formatMoney } from '../../commerce/money.js';
import { command } from '../../commands/command-specs.js';
import type { Feature } from '../../feature.js';

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
  wire: ({ config, commands, ambassadors: store, bus }) => {
    const settings = config.ambassadors;
    if (!settings.enabled || !config.checkout) return;
    const currency = config.show.currency;
    const discount =
      'percent' in settings.buyerDiscount ? `${settings.buyerDiscount.percent}% off` : `${formatMoney(settings.buyerDiscount.amount * 100, currency)} off`;

    commands.handle(AMBASSADOR, async ({ event, viewer, prefix }) => {
      if (!settings.selfSignup && !(await store.find(viewer.viewerId))) {
        return [{ text: 'Ambassadors are chosen by the seller in this show; ask a moderator.' }];
      }
      const { record, created } = await store.register(viewer.viewerId, event.user.name);
      if (created) void bus.emit('ambassador.registered', { platform: event.platform, viewerId: viewer.viewerId, code: record.code });
      const intro = created ? 'Welcome, ambassador!' : 'You are already an ambassador.';
      return [
        {
          text: `${intro} Your code is ${record.code}: your followers get ${discount} with ${prefix}buy SKU ${record.code}, and you earn ${record.commissionPercent}% of every paid order. ${prefix}earnings shows what you made.`,
          private: true,
        },
      ];
    });

    commands.handle(MYCODE, async ({ viewer, prefix }) => {
      const record = await store.find(viewer.viewerId);
      if (!record) return [{ text: `You have no personal code yet. Type ${prefix}ambassador to get one.`, private: true }];
      return [{ text: `Your code: ${record.code} (${discount} for buyers, ${record.commissionPercent}% for you).`, private: true }];
    });

    commands.handle(EARNINGS, async ({ viewer, prefix }) => {
      const record = await store.find(viewer.viewerId);
      if (!record) return [{ text: `You are not an ambassador yet. Type ${prefix}ambassador to become one.`, private: true }];
      const mine = (await store.standings()).find((s) => s.ambassadorId === record.id);
      const earned = formatMoney(mine?.earnedCents ?? 0, currency);
      const pending = formatMoney(mine?.pendingCents ?? 0, currency);
      return [{ text: `Code ${record.code}: ${earned} earned from ${mine?.paidOrders ?? 0} paid orders; ${pending} waiting for payment.`, private: true }];
    });
  },
};
