import type { alerts as en } from '../en/alerts.js';

export const alerts: Record<keyof typeof en, string> = {
  'alerts.someone': 'Покупатель',
  'alerts.bought': '🛍️ Покупка! {name} берёт «{title}»!',
  'alerts.boughtMany':
    '🛍️ {name} и ещё {others, plural, one {# покупатель} few {# покупателя} many {# покупателей} other {# покупателя}} только что купили «{title}»!',
};
