import { textBody, viewer } from '../../chat-types.js';
import { command } from '../../commands/command-specs.js';
import { toMajor } from '../../commerce/money.js';
import { buyerOf } from '../../commerce/order-types.js';
import { toCents } from '../../store/catalog-sync.js';
import { publicName } from '../alerts/buyer-name.js';
import type { Feature } from '../../feature.js';

const TIP = command('tip', 'AMOUNT', 'support the show', [{ name: 'amount', type: 'number', required: true, min: 0.01, max: 100_000 }]);

/** `!tip AMOUNT` sends a payment link; once the webhook says it is paid, every chat says thank you. */
export const tips: Feature = {
  name: 'tips',
  commands: [TIP],
  wire: ({ config, commands, tips: jar, bus, outbox, show }) => {
    const settings = config.tips;
    if (!settings.enabled || !settings.linkTemplate) return;
    const template = settings.linkTemplate;
    const currency = config.show.currency;

    commands.handle(TIP, async ({ event, viewer, command: typed }) => {
      const amount = Number(typed.args.amount);
      if (amount < settings.min || amount > settings.max) {
        const { texts } = show;
        return [{ text: texts.t('tips.range', { min: texts.money(toCents(settings.min), currency), max: texts.money(toCents(settings.max), currency) }) }];
      }
      const tip = await jar.create(buyerOf(event, viewer), toCents(amount), currency);
      void bus.emit('tip.created', { tip, platform: event.platform, viewerId: viewer.viewerId });
      const link = template.replace(/\{(tip|amount|currency)\}/g, (_m, key: string) =>
        encodeURIComponent(key === 'tip' ? tip.publicId : key === 'amount' ? toMajor(tip.amountCents, currency) : currency),
      );
      return [{ text: show.texts.t('tips.link', { amount: show.texts.money(tip.amountCents, currency), link }), private: true }];
    });

    bus.on('tip.payment', ({ result }) => {
      if (result.kind !== 'paid') return;
      const { tip } = result;
      const { texts } = show;
      const name = viewer(publicName(tip.buyer.name, config.alerts.names, texts.t('alerts.someone')));
      const words = texts.said('tips.thanks', { name, amount: texts.money(tip.amountCents, tip.currency) });
      outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: textBody(words) });
    });
  },
};
