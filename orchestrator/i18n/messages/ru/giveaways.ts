import type { giveaways as en } from '../en/giveaways.js';

export const giveaways: Record<keyof typeof en, string> = {
  'giveaways.started':
    '🎁 РОЗЫГРЫШ: {title}! Напишите {prefix}enter{keyword, select, none {} other { или {keyword}}} в течение {window}, чтобы участвовать{eligible, select, buyers { (для покупателей этого эфира)} linked { (для зрителей со связанными аккаунтами)} supporters { (для тех, кто поддержал эфир)} other {}}{minLines, plural, =0 {} other { — после # сообщений в чате}}. Одно участие на человека. Проверка розыгрыша: {proof}',
  'giveaways.entered': 'Вы участвуете в розыгрыше «{title}» (участник №{n}). Удачи!',
  'giveaways.enteredMerged': 'вы участвуете в розыгрыше «{title}» — удачи!',
  'giveaways.already': 'Вы уже участвуете в розыгрыше «{title}»; одно участие на человека.',
  'giveaways.full': 'В розыгрыше «{title}» больше нет мест.',
  'giveaways.none': 'Сейчас розыгрыша нет.',
  'giveaways.notBuyer': 'Этот розыгрыш — для покупателей эфира: сначала {prefix}buy.',
  'giveaways.notLinked': 'Этот розыгрыш — для зрителей со связанными аккаунтами: {prefix}link подскажет, как.',
  'giveaways.notSupporter': 'Этот розыгрыш — для тех, кто поддержал эфир: {prefix}tip.',
  'giveaways.fewLines':
    'Сначала пообщайтесь в чате: нужно {need, plural, one {# сообщение} few {# сообщения} many {# сообщений} other {# сообщения}}, у вас {have}.',
  'giveaways.drawn':
    '🎉 {name} выигрывает «{title}» (участников: {entries}{round, plural, =1 {} other {, тираж №#}})! Напишите {prefix}claim в течение {left}, чтобы забрать. Проверка: seed {seed}',
  'giveaways.youWon': 'Вы выиграли «{title}»! Напишите {prefix}claim в течение {left} — приз бесплатно ляжет в вашу корзину (доставка по правилам магазина).',
  'giveaways.claimed': '🎁 {name} забирает «{title}». Поздравляем!',
  'giveaways.claimedYou': '«{title}» в вашей корзине {cart} бесплатно. Оформите заказ в течение {left}, чтобы его отправили.',
  'giveaways.notWinner': 'Забрать приз «{title}» может только победитель.',
  'giveaways.noClaim': 'Сейчас забирать нечего.',
  'giveaways.noStock': 'Увы, «{title}» закончился; продавец свяжется с вами.',
  'giveaways.empty': '🎁 Розыгрыш «{title}» закрыт: участников не было.',
  'giveaways.unclaimed': '🎁 Никто не забрал «{title}» вовремя, а все участники уже разыграны: розыгрыш окончен.',
  'giveaways.linkCart': 'Корзина',
};
