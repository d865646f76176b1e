import type { moderation as en } from '../en/moderation.js';

export const moderation: Record<keyof typeof en, string> = {};
