import { stringify } from 'csv-stringify/sync';
import { toMajor } from '../../commerce/money.js';
import type { AdminCart } from './admin-cart.js';
import { csvOptions } from './orders-csv.js';

type Cell = string | number | null;

/** One row per line of a cart, the cart's money and delivery repeated: what a seller sorts and ships from. */
const COLUMNS: Array<[string, (c: AdminCart, l: AdminCart['lines'][number]) => Cell]> = [
  ['cart', (c) => c.publicId],
  ['cart_status', (c) => c.status],
  ['fulfilment', (c) => c.fulfilment],
  ['line', (_c, l) => l.n],
  ['order', (_c, l) => l.order],
  ['sku', (_c, l) => l.sku],
  ['variant', (_c, l) => l.variant],
  ['title', (_c, l) => l.title],
  ['qty', (_c, l) => l.qty],
  ['line_total', (c, l) => toMajor(l.totalCents, c.currency)],
  ['items', (c) => toMajor(c.itemsCents, c.currency)],
  ['shipping', (c) => (c.shippingCents === null ? null : toMajor(c.shippingCents, c.currency))],
  ['total', (c) => (c.totalCents === null ? null : toMajor(c.totalCents, c.currency))],
  ['currency', (c) => c.currency],
  ['refund_due', (c) => (c.refundCents > 0 ? toMajor(c.refundCents, c.currency) : null)],
  ['platform', (c) => c.buyer.platform],
  ['buyer', (c) => c.contact?.name ?? c.buyer.name],
  ['email', (c) => c.contact?.email ?? null],
  ['phone', (c) => c.contact?.phone ?? null],
  ['delivery', (c) => c.delivery],
  ['address', (c) => (c.contact?.address ? [c.contact.address.line1, c.contact.address.line2].filter(Boolean).join(', ') : null)],
  ['postal_code', (c) => c.contact?.address?.postalCode ?? null],
  ['city', (c) => c.contact?.address?.city ?? null],
  ['country', (c) => c.contact?.address?.country ?? null],
  ['provider', (c) => c.provider],
  ['tracking', (c) => c.tracking],
  ['paid_at', (c) => (c.paidAt === null ? null : new Date(c.paidAt).toISOString())],
];

export function cartsCsv(carts: readonly AdminCart[]): string {
  const rows = carts.flatMap((c) => c.lines.map((l) => COLUMNS.map(([, cell]) => cell(c, l))));
  return stringify([COLUMNS.map(([name]) => name), ...rows], csvOptions());
}
