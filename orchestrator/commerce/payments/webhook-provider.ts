import type { CheckoutConfig } from '../../../config/schema/checkout.js';
import { toMajor } from '../money.js';
import type { PaymentProvider } from './provider.js';

/**
 * The seller's own shop: the buyer goes to the show's link template, and the shop calls our signed
 * webhook when paid. Empty values are left out of the link's query, so it never ends in `&code=`.
 */
export function webhookProvider(checkout: () => CheckoutConfig | undefined, secretEnv: string, secret: string | undefined): PaymentProvider {
  return {
    name: 'webhook',
    missing: secret === undefined ? [secretEnv] : [],
    label: 'Pay in the shop',
    start: (cart) => {
      const template = checkout()?.linkTemplate;
      if (template === undefined) throw new Error('the webhook provider needs checkout.linkTemplate');
      const first = cart.lines[0]?.order;
      const values: Record<string, string> = {
        order: cart.publicId,
        sku: cart.lines.length === 1 && first ? first.sku : '',
        qty: cart.lines.length === 1 && first ? String(first.qty) : '',
        code: cart.lines.length === 1 && first?.code ? first.code : '',
        total: toMajor(cart.totalCents ?? cart.itemsCents, cart.currency),
        currency: cart.currency,
      };
      return Promise.resolve({ kind: 'redirect', url: fillTemplate(template, values) });
    },
  };
}

/** Fills `{name}` placeholders URL-encoded; a query parameter whose value is empty is dropped with its name. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\{(order|sku|qty|code|total|currency)\}/g, (_m, key: string) => encodeURIComponent(values[key] ?? ''));
  const [head, query] = filled.split('?', 2) as [string, string | undefined];
  if (query === undefined) return filled;
  const kept = query.split('&').filter((pair) => pair !== '' && !pair.endsWith('='));
  return kept.length > 0 ? `${head}?${kept.join('&')}` : head;
}
