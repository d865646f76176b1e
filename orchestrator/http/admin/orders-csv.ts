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
  ['subtotal', (o) => money(o.subtotalCents)],
  ['discount', (o) => money(o.discountCents)],
  ['total', (o) => money(o.totalCents)],
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
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * One CSV cell. Text a viewer chose (a display name) that starts like a formula would run in
 * Excel or Sheets, so it gets a leading apostrophe; a plain number such as a Telegram chat id
 * (-100123) is no formula and stays as it is.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) && !/^[-+]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}
