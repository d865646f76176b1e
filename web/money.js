/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/**
 * An amount in the currency's minor units as money text: the currency says how many decimals it
 * has (0 for JPY, 2 for EUR, 3 for KWD), as the server counts them. `locale` undefined is the
 * browser's own; `narrow` writes "$" rather than "US$" (what the chat says). A currency code the
 * browser does not know still shows, as "12.00 XYZ".
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
      });
    } catch {
      return `${(minor / 100).toFixed(2)} ${currency ?? ''}`.trim();
    }
    formats.set(key, format);
  }
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}
