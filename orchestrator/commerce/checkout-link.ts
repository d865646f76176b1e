import { toMajor } from './money.js';
import type { OrderSummary } from './order-types.js';

/** Fills the show's checkout link template; every value is URL-encoded so a code cannot break the link. */
export function checkoutLink(template: string, order: OrderSummary, code?: string): string {
  const values: Record<string, string> = {
    order: order.publicId,
    sku: order.sku,
    qty: String(order.qty),
    code: code ?? '',
    total: toMajor(order.totalCents),
    currency: order.currency,
  };
  return template.replace(/\{(order|sku|qty|code|total|currency)\}/g, (_m, key: string) => encodeURIComponent(values[key] ?? ''));
}
