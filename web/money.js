/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/**
 * Currencies priced in whole units in practice: "2 490 ₽", not "2 490,00 ₽"; the kopecks still
 * show when an amount has them. The same list as WHOLE_UNIT_CURRENCIES in
 * orchestrator/i18n/texts.ts, so the page and the chat say the same figure.
 */
const WHOLE_UNIT_CURRENCIES = new Set(['RUB', 'UAH', 'KZT', 'BYN', 'HUF', 'CZK', 'RSD', 'INR', 'TRY']);

/**
 * An amount in the currency's minor units as money text: the currency says how many decimals it
 * has (0 for JPY, 2 for EUR, 3 for KWD), as the server counts them. `locale` undefined is the
 * browser's own; pass the show's (i18n.js `locale`) so every page writes what the chat writes
 * ("€24.00", "2 490 ₽"). `narrow` writes "$" rather than "US$" (what the chat says). A currency
 * code the browser does not know still shows, as "12.00 XYZ".
 * @param {number} minor
 * @param {string | undefined} currency
 * @param {{ locale?: string, narrow?: boolean }} [options]
 */
export function money(minor, currency, options = {}) {
  const key = `${options.locale ?? ''}/${currency}/${options.narrow ? 'n' : ''}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(options.locale, {
        style: 'currency',
        currency: String(currency),
        ...(options.narrow && { currencyDisplay: 'narrowSymbol' }),
        ...(WHOLE_UNIT_CURRENCIES.has(String(currency)) && { trailingZeroDisplay: 'stripIfInteger' }),
      });
    } catch {
      return `${(minor / 100).toFixed(2)} ${currency ?? ''}`.trim();
    }
    formats.set(key, format);
  }
  // trailingZeroDisplay leaves maximumFractionDigits at the currency's own count (2 for RUB).
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
