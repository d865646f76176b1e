import type { CheckoutConfig } from '../../../config/schema/checkout.js';
import type { PaymentProvider, StartResult } from './provider.js';

/**
 * showcart's own checkout. In test mode "Pay" marks the cart paid (the page says it is a test);
 * in manual mode the buyer gets the seller's instructions and the seller confirms on the dashboard.
 */
export function builtinProvider(checkout: () => CheckoutConfig | undefined): PaymentProvider {
  return {
    name: 'builtin',
    missing: [],
    get label() {
      return checkout()?.builtin.mode === 'manual' ? 'Pay the seller directly' : 'Test payment (no money moves)';
    },
    start: (): Promise<StartResult> => {
      const builtin = checkout()?.builtin;
      if (builtin?.mode === 'manual') {
        return Promise.resolve({
          kind: 'instructions',
          text: builtin.instructions ?? 'The seller will tell you how to pay. Your items stay reserved meanwhile.',
        });
      }
      return Promise.resolve({ kind: 'paid' });
    },
  };
}
