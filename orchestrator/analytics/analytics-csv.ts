import { stringify, type Options } from 'csv-stringify/sync';
import type { ShowReport } from './show-report.js';

type Cell = string | number | boolean | null | undefined;

// Fresh each time: csv-stringify fills its defaults into the `cast` object it is given.
function csvOptions(): Options {
  return {
    record_delimiter: 'windows',
    // With a record delimiter of its own, csv-stringify would leave a lone \n or \r unquoted.
    quote_record_delimiter: true,
    // Text starting with = + - @, tab or CR gets a leading `'`; numbers are left alone.
    escape_formulas: true,
    // Leading or trailing spaces are quoted so spreadsheets keep them (a leading tab is defused instead).
    quoted_match: /^[^\S\t]|\s$/,
    cast: { boolean: String },
  };
}

/**
 * One CSV cell. Text a spreadsheet would run as a formula (starting with = + - @, tab or CR) is
 * prefixed with `'`; anything with a comma, quote or line break is quoted. Numbers stay numbers.
 */
export function csvCell(value: Cell): string {
  return stringify([[value]], { ...csvOptions(), eof: false });
}

/** One section: its header row, then its rows, each line ending in CRLF. */
function section(name: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return stringify([['section', ...header], ...rows.map((r) => [name, ...r])], csvOptions());
}

/**
 * The report as one CSV file of sections separated by a blank line; each section starts with its
 * own header row (first cell `section`) and every row names its section in the first column:
 * timeline, golden, products, platforms, promo-codes, ambassadors, revenue.
 */
export function showReportCsv(report: ShowReport): string {
  const c = report.conversions;
  return [
    section(
      'timeline',
      ['run', 'second', 'chat', 'buys', 'votes', 'featured'],
      report.timeline.map((b) => [b.runId, b.startMs / 1000, b.chat, b.buys, b.votes, b.featured]),
    ),
    section(
      'golden',
      ['run', 'second', 'score', 'chat', 'buys', 'votes', 'featured', 'said'],
      report.goldenSeconds.moments.map((m) => [
        m.runId,
        m.second,
        m.score,
        m.chat,
        m.buys,
        m.votes,
        m.featured,
        m.lines.map((l) => `${l.user}: ${l.text}`).join(' | '),
      ]),
    ),
    section(
      'products',
      ['sku', 'title', 'mentioned', 'buyers', 'mentioned_and_bought', 'rate', 'paid_buyers', 'units', 'paid_units'],
      c.products.map((p) => [p.sku, p.title, p.mentioned, p.buyers, p.mentionedAndBought, p.rate, p.paidBuyers, p.units, p.paidUnits]),
    ),
    section(
      'platforms',
      ['platform', 'chatters', 'buyers', 'chatters_who_bought', 'rate', 'orders'],
      c.platforms.map((p) => [p.platform, p.chatters, p.buyers, p.chattersWhoBought, p.rate, p.orders]),
    ),
    section(
      'promo-codes',
      ['code', 'source', 'ambassador', 'currency', 'orders', 'paid_orders', 'paid_cents', 'discount_cents'],
      c.promoCodes.map((p) => [p.code, p.source, p.ambassador, p.currency, p.orders, p.paidOrders, p.paidCents, p.discountCents]),
    ),
    section(
      'ambassadors',
      ['ambassador', 'code', 'currency', 'orders', 'paid_orders', 'paid_cents', 'commission_earned_cents', 'commission_pending_cents'],
      c.ambassadors.map((a) => [a.ambassador, a.code, a.currency, a.orders, a.paidOrders, a.paidCents, a.commissionEarnedCents, a.commissionPendingCents]),
    ),
    section(
      'revenue',
      [
        'currency',
        'paid_orders',
        'paid_cents',
        'held_orders',
        'held_cents',
        'expired_orders',
        'expired_cents',
        'cancelled_orders',
        'cancelled_cents',
        'refund_due_orders',
        'refund_due_cents',
        'discount_cents',
      ],
      report.revenue.map((r) => [
        r.currency,
        r.paid.orders,
        r.paid.cents,
        r.held.orders,
        r.held.cents,
        r.expired.orders,
        r.expired.cents,
        r.cancelled.orders,
        r.cancelled.cents,
        r.refundDue.orders,
        r.refundDue.cents,
        r.discountCents,
      ]),
    ),
    // Each section ends in CRLF already, so one more between them is the blank line.
  ].join('\r\n');
}
