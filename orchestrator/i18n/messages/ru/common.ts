import type { common as en } from '../en/common.js';

export const common: Record<keyof typeof en, string> = {
  'ai.answer': '{answer} (источник: {source})',
  'ai.otherQuestions': 'Другие вопросы',
  'time.seconds': '{n} с',
  'time.minutes': '{n} мин',
  'time.minutesSeconds': '{s, plural, =0 {{m} мин} other {{m} мин {s} с}}',
  'time.hoursMinutes': '{m, plural, =0 {{h} ч} other {{h} ч {m} мин}}',
  'time.until': 'до {day}',
};
