import type { Texts } from '../i18n/texts.js';

/** "!bye or !buy", "VAN or VANL or VANS": choices for "did you mean", in the show's language. */
export function orList(texts: Texts, items: readonly string[]): string {
  if (items.length === 0) return '';
  return items.slice(1).reduce((first, second) => texts.t('commands.or', { first, second }), items[0]!);
}
