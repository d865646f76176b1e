import { formatMoney, toMajor } from '../../commerce/money.js';
import { toCents } from '../../store/catalog-sync.js';
import { buyerOf } from '../../commerce/order-types.js';
import type { Feature } from '../feature.js';
import { publicName } from '../alerts/buyer-name.js';

/** `!tip AMOUNT` sends a payment link; once the webhook says it is paid, every chat says thank you. */
export const tips: Feature = ({ config, commands, commerce, bus, outbox, events }) => {
  const settings = config.tips;
  if (!settings.enabled || !settings.linkTemplate) return;
  const template = settings.linkTemplate;
  const currency = config.show.currency;

  commands.handle('tip', async ({ event, viewer, command }) => {
    const amount = Number(command.args.amount);
    if (amount < settings.min || amount > settings.max) {
      return [{ text: `A tip can be ${formatMoney(toCents(settings.min), currency)} to ${formatMoney(toCents(settings.max), currency)}.` }];
    }
    const tip = await commerce.tips.create(
      buyerOf(event, viewer),
      toCents(amount),
      currency,
    );
    events.append({ type: 'tip.created', platform: event.platform, viewerId: viewer.viewerId, data: { tip: tip.publicId, amountCents: tip.amountCents } });
    const link = template.replace(/\{(tip|amount|currency)\}/g, (_m, key: string) =>
      encodeURIComponent(key === 'tip' ? tip.publicId : key === 'amount' ? toMajor(tip.amountCents) : currency),
    );
    return [{ text: `Thank you! Your tip of ${formatMoney(tip.amountCents, currency)}: ${link}`, private: true }];
  });

  return bus.on('tip.paid', ({ tip }) => {
    const text = `💛 Thank you ${publicName(tip.buyer.name, config.alerts.names)} for the ${formatMoney(tip.amountCents, tip.currency)} tip!`;
    outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text } });
  });
};
