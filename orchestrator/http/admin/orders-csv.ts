import { stringify, type Options } from 'csv-stringify/sync';
import { toMajor } from '../../commerce/money.js';
import type { OrderRow } from './order-query.js';

type Cell = string | number | null;

const COLUMNS: Array<[string, (o: OrderRow) => Cell]> = [
  ['order', (o) => o.id],
  ['placed_at', (o) => new Date(o.placedAt).toISOString()],
  ['status', (o) => o.status],
  ['sku', (o) => o.sku],
  ['variant', (o) => o.variant],
  ['title', (o) => o.title],
  ['qty', (o) => o.qty],
  ['subtotal', (o) => toMajor(o.subtotalCents, o.currency)],
  ['discount', (o) => toMajor(o.discountCents, o.currency)],
  ['total', (o) => toMajor(o.totalCents, o.currency)],
  ['currency', (o) => o.currency],
  ['code', (o) => o.code],
  ['platform', (o) => o.platform],
  ['buyer', (o) => o.buyer],
  ['channel', (o) => o.channelId],
  ['hold_expires_at', (o) => (o.holdExpiresAt === null ? null : new Date(o.holdExpiresAt).toISOString())],
  ['paid_at', (o) => (o.paidAt === null ? null : new Date(o.paidAt).toISOString())],
];

/** Orders as RFC 4180 CSV (CRLF, quoted where needed), safe to open in a spreadsheet. */
export function ordersCsv(rows: readonly OrderRow[]): string {
  const lines = [COLUMNS.map(([name]) => name), ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row)))];
  return stringify(lines, csvOptions());
}

/** One CSV cell, written as `ordersCsv` writes it. */
export function csvCell(value: Cell): string {
  return stringify([[value]], { ...csvOptions(), eof: false });
}

// Fresh each time: csv-stringify fills its defaults into the `cast` object it is given.
export function csvOptions(): Options {
  return {
    record_delimiter: 'windows',
    // With a record delimiter of its own, csv-stringify would leave a lone \n or \r unquoted.
    quote_record_delimiter: true,
    cast: { string: defuseFormula },
  };
}

/**
 * Text a viewer chose (a display name) that starts like a formula would run in Excel or Sheets,
 * so it gets a leading apostrophe; a plain number such as a Telegram chat id (-100123) is no
 * formula and stays as it is. Done here rather than by csv-stringify's `escape_formulas`, which
 * would defuse that chat id too, as it arrives as text.
 */
function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}
