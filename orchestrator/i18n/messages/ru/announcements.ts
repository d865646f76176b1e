import type { announcements as en } from '../en/announcements.js';

export const announcements: Record<keyof typeof en, string> = {};
