import type { webCheckout as en } from '../en/web-checkout.js';

export const webCheckout: Record<keyof typeof en, string> = {};
