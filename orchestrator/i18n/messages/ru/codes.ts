import type { codes as en } from '../en/codes.js';

export const codes: Record<keyof typeof en, string> = {
  'codes.none': 'Сейчас кодов нет — следите за чатом, дропы и открытые скидки объявляем здесь.',
  'codes.onlyOn': '{off} на {products}',
  'codes.usesLeft': 'осталось {n}',
  'codes.toGo': 'ещё {duration}',
  'codes.item': '{code} ({details})',
  'codes.list': 'Коды сейчас: {codes}. Добавьте код к заказу: {prefix}buy АРТИКУЛ КОД',
  'codes.unknown': 'Кода {code} нет.',
  'codes.expired': 'Срок кода {code} истёк.',
  'codes.notYet': 'Код {code} ещё не действует.',
  'codes.onlyFor': 'Код {code} действует только на {products}.',
  'codes.usedUp': 'Код {code} уже закончился.',
  'codes.alreadyUsed': 'Вы уже использовали код {code}.',
};
