import type { codes as en } from '../en/codes.js';

export const codes: Record<keyof typeof en, string> = {};
