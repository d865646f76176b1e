import type { webChat as en } from '../en/web-chat.js';

export const webChat: Record<keyof typeof en, string> = {};
