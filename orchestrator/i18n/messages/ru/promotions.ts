import type { promotions as en } from '../en/promotions.js';

export const promotions: Record<keyof typeof en, string> = {};
