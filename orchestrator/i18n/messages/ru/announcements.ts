import type { announcements as en } from '../en/announcements.js';

export const announcements: Record<keyof typeof en, string> = {
  'announcements.minutes': '{n, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}',
  'announcements.hours': '{n, plural, one {# час} few {# часа} many {# часов} other {# часа}}',
  'announcements.hourMinutes': '1 час {m, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}',
  'announcements.upcoming': '{name} начнётся через {left}, в {at}',
  'announcements.upcomingTitle': '{name} начнётся через {left}: {title}, в {at}',
  'announcements.live': '{name}: мы в эфире!',
  'announcements.liveWatch': '{name}: мы в эфире! Смотрите: {links}',
  'announcements.recap':
    'Спасибо, что смотрели {name}! За эфир: {orders, plural, one {# оплаченный заказ} few {# оплаченных заказа} many {# оплаченных заказов} other {# оплаченного заказа}}, {items, plural, one {# товар распродан} few {# товара распродано} many {# товаров распродано} other {# товара распродано}}.',
  'announcements.next': 'Следующий эфир — {at}.',
  'announcements.nextTitle': 'Следующий эфир: {title}, {at}.',
};
