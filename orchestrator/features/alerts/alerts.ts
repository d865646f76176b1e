import { textBody, viewer } from '../../chat-types.js';
import type { OrderSummary } from '../../commerce/order-types.js';
import type { Feature, FeatureServices } from '../../feature.js';
import { publicName } from './buyer-name.js';

interface Pending {
  title: string;
  buyers: string[];
  timer: NodeJS.Timeout;
}

/**
 * Purchases waiting to be announced, merged per product. Process-lived, so a rush that spans a
 * reload of the show file is still one line.
 */
class PurchaseAlerts {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly services: Pick<FeatureServices, 'bus' | 'outbox' | 'show'>) {}

  add(order: OrderSummary, name: string, mergeWithinMs: number): void {
    const entry = this.pending.get(order.sku);
    if (entry) {
      entry.buyers.push(name);
      return;
    }
    this.pending.set(order.sku, { title: order.title, buyers: [name], timer: setTimeout(() => this.announce(order.sku), mergeWithinMs) });
  }

  /** Shutdown: what is still merging is said now. */
  flush(): void {
    for (const [key, entry] of this.pending) {
      clearTimeout(entry.timer);
      this.announce(key);
    }
  }

  private announce(key: string): void {
    const entry = this.pending.get(key);
    this.pending.delete(key);
    if (!entry) return;
    const [first = '', ...others] = entry.buyers;
    const { texts } = this.services.show;
    const words =
      others.length === 0
        ? texts.said('alerts.bought', { name: viewer(first), title: entry.title })
        : texts.said('alerts.boughtMany', { name: viewer(first), others: others.length, title: entry.title });
    this.services.outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: textBody(words) });
    void this.services.bus.emit('alert.purchase', { text: words.text, title: entry.title, buyers: entry.buyers, sku: key });
  }
}

/**
 * Social proof: "Anna just bought the Vanilla candle" on every channel when an order is paid (or
 * placed, per the show file). Purchases of one product within `mergeWithin` become one line,
 * "Anna and 4 others just bought …", so a rush does not flood the chats.
 */
export const alerts: Feature<PurchaseAlerts> = {
  name: 'alerts',
  start: (services) => new PurchaseAlerts(services),
  wire: ({ config, bus, show }, pending) => {
    const { on, names, mergeWithin } = config.alerts;
    const add = (order: OrderSummary) => pending.add(order, publicName(order.buyer.name, names, show.texts.t('alerts.someone')), mergeWithin);
    if (on === 'paid') {
      bus.on('payment.received', ({ result }) => {
        if (result.kind === 'paid') for (const order of result.orders) add(order);
      });
    } else {
      bus.on('order.placed', ({ order }) => add(order));
    }
  },
  stop: (pending) => pending.flush(),
};
