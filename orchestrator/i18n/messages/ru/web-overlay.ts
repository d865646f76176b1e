import type { webOverlay as en } from '../en/web-overlay.js';

export const webOverlay: Record<keyof typeof en, string> = {
  'web.overlay.pageTitle': 'Оверлей · showcart',
  'web.overlay.poll': 'Опрос',
  'web.overlay.voteHint': '!vote 1–{count} · ',
  'web.overlay.result': 'Итог · {n, plural, one {# голос} few {# голоса} many {# голосов} other {# голоса}}',
  'web.overlay.unlock': 'Открой скидку',
  'web.overlay.unlockedUseCode': 'Открыто! Промокод',
  'web.overlay.unlocked': 'Открыто! («{keyword}»)',
  'web.overlay.typeKeyword': 'Пишите «{keyword}» · {count}/{goal}',
  'web.overlay.flashSale': 'Распродажа',
  'web.overlay.valid': 'действует ещё ',
  'web.overlay.justBought': 'Только что купили',
  'web.overlay.drop': 'Промокод',
  'web.overlay.auction': 'Аукцион',
  'web.overlay.noBid': 'ставок пока нет',
  'web.overlay.bidHint': '!bid {next}',
  'web.overlay.giveaway': 'Розыгрыш',
  'web.overlay.enterHint':
    '!enter{keyword, select, none {} other { или {keyword}}} · {n, plural, one {# участник} few {# участника} many {# участников} other {# участника}}',
  'web.overlay.winner': '🎉 Выиграл(а) {name}!',
  'web.overlay.useCode': 'Промокод',
};
