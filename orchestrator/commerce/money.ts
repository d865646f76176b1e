const formats = new Map<string, Intl.NumberFormat>();

/** "24.00 €"-style text for chat; one formatter per currency, built once. */
export function formatMoney(cents: number, currency: string): string {
  let f = formats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' });
    formats.set(currency, f);
  }
  return f.format(cents / 100);
}

/** Major units with two decimals, as checkout links and payment providers expect ("24.00"). */
export function toMajor(cents: number): string {
  return (cents / 100).toFixed(2);
}
