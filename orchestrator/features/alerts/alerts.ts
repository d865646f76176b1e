import type { OrderSummary } from '../../commerce/order-types.js';
import type { Feature } from '../feature.js';
import { publicName } from './buyer-name.js';

/**
 * Social proof: "Anna just bought the Vanilla candle" on every channel when an order is paid (or
 * placed, per the show file). Purchases of one product within `mergeWithin` become one line,
 * "Anna and 4 others just bought …", so a rush does not flood the chats.
 */
export const alerts: Feature = ({ config, bus, outbox, events }) => {
  const { on, names, mergeWithin } = config.alerts;
  const pending = new Map<string, { title: string; buyers: string[]; timer: NodeJS.Timeout }>();

  const announce = (key: string) => {
    const entry = pending.get(key);
    pending.delete(key);
    if (!entry) return;
    const [first, ...others] = entry.buyers;
    const who = others.length === 0 ? first : `${first} and ${others.length} ${others.length === 1 ? 'other' : 'others'}`;
    const text = `🛍️ ${who} just bought the ${entry.title}!`;
    events.append({ type: 'alert.purchase', data: { text, buyers: entry.buyers.length } });
    outbox.enqueue({ priority: 'alert', target: { kind: 'broadcast' }, body: { kind: 'text', text } });
    void bus.emit('alert.purchase', { text, title: entry.title, buyers: entry.buyers });
  };

  const add = (order: OrderSummary) => {
    const key = order.sku;
    const name = publicName(order.buyer.name, names);
    const entry = pending.get(key);
    if (entry) {
      entry.buyers.push(name);
      return;
    }
    pending.set(key, { title: order.title, buyers: [name], timer: setTimeout(() => announce(key), mergeWithin) });
  };

  const off = bus.on(on === 'paid' ? 'order.paid' : 'order.placed', ({ order }) => add(order));
  return () => {
    off();
    for (const [key, entry] of pending) {
      clearTimeout(entry.timer);
      announce(key);
    }
  };
};
