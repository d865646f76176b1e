import { toMajor } from '../../commerce/money.js';
import { toCents } from '../../store/catalog-sync.js';

// "25", "25.50", "25,50", "€25", "25 €", "25eur": what viewers type on any platform.
const AMOUNT = /^[\s€$£₽]*(\d{1,7}(?:[.,]\d{1,2})?)\s*(?:€|\$|£|₽|eur|usd|gbp|rub|руб\.?|р\.?)?\s*$/iu;

/** An amount as typed, in minor units (as product prices are read); undefined when it is none. */
export function parseAmount(typed: string): number | undefined {
  const m = AMOUNT.exec(typed);
  if (!m) return undefined;
  const cents = toCents(Number(m[1]!.replace(',', '.')));
  return cents > 0 ? cents : undefined;
}

/** An amount as a viewer would type it back: "25", "25.50". */
export function plainAmount(cents: number, currency: string): string {
  return toMajor(cents, currency).replace(/\.0+$/u, '');
}
