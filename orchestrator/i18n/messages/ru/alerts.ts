import type { alerts as en } from '../en/alerts.js';

export const alerts: Record<keyof typeof en, string> = {};
