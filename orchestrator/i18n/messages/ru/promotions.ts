import type { promotions as en } from '../en/promotions.js';

export const promotions: Record<keyof typeof en, string> = {
  'promotions.percentOff': 'скидка {percent}%',
  'promotions.amountOff': 'скидка {amount}',
  'promotions.offOn': '{off} на {products}',
  'promotions.validFor': '{duration}',
  'promotions.unlockProgress': 'Откроется {off}, если попросят {goal}: уже {count}/{goal} — пишите «{keyword}»!',
  'promotions.unlockReached': 'Открыто! Код {code}: {off}, действует {valid} — !buy {sku} {code}',
  'promotions.dropIntro': 'Внезапный дроп: {off}.',
  'promotions.dropIntroFirst':
    'Внезапный дроп: {off} {n, plural, =1 {на первый заказ} one {на первый # заказ} few {на первые # заказа} many {на первые # заказов} other {на первые # заказа}}.',
  'promotions.dropCode': '{intro} Код {code} действует {valid} — !buy {sku} {code}',
  'promotions.flashStart': 'Флеш-распродажа! {title} за {price} — только {duration}, не больше {max} шт. в одни руки. !buy {sku}',
  'promotions.flashStartWas': 'Флеш-распродажа! {title} за {price} вместо {regular} — только {duration}, не больше {max} шт. в одни руки. !buy {sku}',
  'promotions.flashLeft': 'Флеш-распродажа: осталось {left} — {title} за {price}. !buy {sku}',
  'promotions.flashEnd': 'Флеш-распродажа закончилась: {title} снова за {regular}.',
  'promotions.flashEndRegular': 'Флеш-распродажа закончилась: {title} снова по обычной цене.',
};
