import { said, textBody, viewer } from '../../chat-types.js';
import { command } from '../../commands/command-specs.js';
import { formatMoney, toMajor } from '../../commerce/money.js';
import { buyerOf } from '../../commerce/order-types.js';
import { toCents } from '../../store/catalog-sync.js';
import { publicName } from '../alerts/buyer-name.js';
import type { Feature } from '../../feature.js';

const TIP = command('tip', 'AMOUNT', 'support the show', [{ name: 'amount', type: 'number', required: true, min: 0.01, max: 100_000 }]);

/** `!tip AMOUNT` sends a payment link; once the webhook says it is paid, every chat says thank you. */
export const tips: Feature = {
  name: 'tips',
  commands: [TIP],
  wire: ({ config, commands, tips: jar, bus, outbox }) => {
    const settings = config.tips;
    if (!settings.enabled || !settings.linkTemplate) return;
    const template = settings.linkTemplate;
    const currency = config.show.currency;

    commands.handle(TIP, async ({ event, viewer, command: typed }) => {
      const amount = Number(typed.args.amount);
      if (amount < settings.min || amount > settings.max) {
        return [{ text: `A tip can be ${formatMoney(toCents(settings.min), currency)} to ${formatMoney(toCents(settings.max), currency)}.` }];
      }
      const tip = await jar.create(buyerOf(event, viewer), toCents(amount), currency);
      void bus.emit('tip.created', { tip, platform: event.platform, viewerId: viewer.viewerId });
      const link = template.replace(/\{(tip|amount|currency)\}/g, (_m, key: string) =>
        encodeURIComponent(key === 'tip' ? tip.publicId : key === 'amount' ? toMajor(tip.amountCents, currency) : currency),
      );
      return [{ text: `Thank you! Your tip of ${formatMoney(tip.amountCents, currency)}: ${link}`, private: true }];
    });

    bus.on('tip.payment', ({ result }) => {
      if (result.kind !== 'paid') return;
      const { tip } = result;
      const words = said`💛 Thank you ${viewer(publicName(tip.buyer.name, config.alerts.names))} for the ${formatMoney(tip.amountCents, tip.currency)} tip!`;
      outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: textBody(words) });
    });
  },
};
