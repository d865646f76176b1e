import type { moderation as en } from '../en/moderation.js';

export const moderation: Record<keyof typeof en, string> = {
  'moderation.rule.bannedWord': 'пожалуйста, следите за словами',
  'moderation.rule.bannedPattern': 'такие сообщения здесь запрещены',
  'moderation.rule.link': 'пожалуйста, без ссылок',
  'moderation.rule.repeat': 'пожалуйста, не повторяйте одно и то же',
  'moderation.rule.flood': 'пожалуйста, помедленнее',
  'moderation.rule.caps': 'пожалуйста, поменьше заглавных букв',
  'moderation.rule.symbols': 'пожалуйста, поменьше символов',
  'moderation.warning': '{name}, {rule} ({strike}/{steps})',
  'moderation.deleted': '{name}, сообщение удалено: {rule} ({strike}/{steps})',
  'moderation.timedOut': '{name}, пауза в чате на {duration}: {rule} ({strike}/{steps})',
  'moderation.timeoutReason': 'правила чата showcart: {rule}',
  'moderation.inTimeout': '{name}, у вас пауза в чате ещё {left}: сообщения подождут, а команды работают.',
  'moderation.permitOnlyModerators': 'Разрешать ссылки могут только модераторы.',
  'moderation.permitWhom': 'Кому? Назовите зрителя, которому можно отправить ссылку.',
  'moderation.permitted': '{name} может отправить одну ссылку в ближайшие {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}.',
};
