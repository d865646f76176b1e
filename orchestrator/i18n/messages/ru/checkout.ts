import type { checkout as en } from '../en/checkout.js';

export const checkout: Record<keyof typeof en, string> = {
  'checkout.invoiceTitle': 'Заказ {id}',
  'checkout.invoiceDescription': '{shop}: {items}',
  'checkout.invoiceLine': '{qty}× {title}',
  'checkout.invoiceShipping': 'Доставка',
  'checkout.pressStart': 'Telegram не дал боту прислать вам счёт: откройте бота в Telegram, нажмите «Старт» и попробуйте снова.',
  'checkout.refuse.unknown': 'Не нашли этот заказ. Купите снова в чате, чтобы получить новый счёт.',
  'checkout.refuse.ended': 'Бронь закончилась — купите снова в чате.',
  'checkout.refuse.paid': 'Этот заказ уже оплачен. Платить больше ничего не нужно.',
  'checkout.refuse.changed': 'Корзина изменилась после того, как пришёл счёт. Откройте ссылку на оформление ещё раз и оплатите новую сумму.',
  'checkout.refuse.elsewhere': 'Этот заказ оплачивают другим способом, поэтому счёт больше не действует. Деньги не списаны.',
};
