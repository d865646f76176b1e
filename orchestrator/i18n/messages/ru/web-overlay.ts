import type { webOverlay as en } from '../en/web-overlay.js';

export const webOverlay: Record<keyof typeof en, string> = {};
