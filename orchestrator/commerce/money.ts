const formats = new Map<string, Intl.NumberFormat>();
const digits = new Map<string, number>();

/** Digits after the decimal point of a currency's minor unit: 2 for EUR, 0 for JPY, 3 for KWD (ISO 4217, as Intl knows it). */
export function minorDigits(currency: string): number {
  let d = digits.get(currency);
  if (d === undefined) {
    d = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digits.set(currency, d);
  }
  return d;
}

/** A major-unit amount from a show file (4.90) in minor units (490); the one rounding rule: half away from zero, once. */
export function toMinor(major: number, currency: string): number {
  const scaled = major * 10 ** minorDigits(currency);
  // 4.9 * 100 is 490.00000000000006 in binary; rounding to the nearest unit absorbs that before anything is compared.
  return Math.sign(scaled) * Math.round(Math.abs(scaled));
}

/** A share of an amount in minor units, rounded by the same rule (percent discounts, commissions). */
export function percentOf(minor: number, percent: number): number {
  return Math.sign(minor) * Math.round((Math.abs(minor) * percent) / 100);
}

/** "24.00 €"-style text for chat; one formatter per currency, built once. */
export function formatMoney(minor: number, currency: string): string {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    formats.set(currency, f);
  }
  return f.format(minor / 10 ** minorDigits(currency));
}

/** Major units with the currency's decimals, as checkout links and some providers expect ("24.00", "2400" for JPY). */
export function toMajor(minor: number, currency: string): string {
  const d = minorDigits(currency);
  return (minor / 10 ** d).toFixed(d);
}
