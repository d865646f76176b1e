import type { polls as en } from '../en/polls.js';

export const polls: Record<keyof typeof en, string> = {
  'polls.option': '{n}) {label}',
  'polls.standing': '{n}) {label} {votes} ({percent}%)',
  'polls.open': '📊 ОПРОС: {question}  {options}  — голосуйте: {prefix}vote N (в Telegram — кнопкой в опросе). На голосование {duration}.',
  'polls.progress':
    '📊 {question} — {standings} — {total, plural, one {# голос} few {# голоса} many {# голосов} other {# голоса}}, осталось {left}: {prefix}vote N',
  'polls.closedEmpty': '📊 Опрос закрыт: {question} — в этот раз без голосов.',
  'polls.winner': 'победил вариант «{name}»!',
  'polls.tie': 'ничья: {names}!',
  'polls.closed':
    '📊 Опрос закрыт: {question} — {head} {standings} ({total, plural, one {# голос} few {# голоса} many {# голосов} other {# голоса}} со всех площадок).',
  'polls.voteHint': 'Голосуйте: от {prefix}vote 1 до {prefix}vote {count}.',
  'polls.none': 'Сейчас опроса нет.',
  'polls.stale': 'Этот опрос уже закрыт; голос в нём не учтён.',
  'polls.noSuchOption': 'В опросе «{question}» {count, plural, one {# вариант} few {# варианта} many {# вариантов} other {# варианта}}. {hint}',
  'polls.ambiguous': '«{typed}» подходит к нескольким: {options}. Напишите название подробнее или номер.',
  'polls.counted': 'Голос учтён: {label}',
  'polls.changed': 'Голос изменён: {label}.',
};
