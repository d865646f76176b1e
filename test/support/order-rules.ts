import type { Catalog } from '../../orchestrator/commerce/catalog.js';
import type { OrderRules } from '../../orchestrator/commerce/order-service.js';

/** Order rules that never change, for tests of the order service alone. */
export function fixedRules(catalog: Catalog, policy: Partial<OrderRules['policy']> & Pick<OrderRules['policy'], 'mode' | 'holdMs'>): () => OrderRules {
  const rules: OrderRules = {
    catalog,
    policy: { wholesale: false, supporterDiscount: undefined, waitlistEntries: 1000, holdsPerAddress: 1000, lapsesBeforeBack: 1000, ...policy },
  };
  return () => rules;
}
