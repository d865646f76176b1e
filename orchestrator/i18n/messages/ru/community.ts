import type { community as en } from '../en/community.js';

export const community: Record<keyof typeof en, string> = {};
