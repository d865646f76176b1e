import { formatMoney } from '../../commerce/money.js';
import type { AdminCart } from './admin-cart.js';

export interface PackingPage {
  shop: string;
  /** Where pickups are collected (checkout.shipping.pickup), shown on a pickup's slip. */
  pickup: string | undefined;
  timezone: string;
  now: number;
}

const PLATFORMS: Record<string, string> = { telegram: 'Telegram', twitch: 'Twitch', discord: 'Discord', web: 'the web chat' };

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value on the page came from a buyer or the show file: none of it may become markup. */
function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function when(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: timezone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

function shipTo(cart: AdminCart, page: PackingPage): string {
  const c = cart.contact;
  const reach = [c?.phone, c?.email].filter((v): v is string => Boolean(v)).map(esc);
  if (cart.delivery === 'pickup') {
    return `<h3>Pickup</h3><address><strong>${esc(c?.name ?? cart.buyer.name)}</strong>${page.pickup ? `<br>${esc(page.pickup)}` : ''}${reach.length ? `<br>${reach.join(' · ')}` : ''}</address>`;
  }
  const a = c?.address;
  if (!a) return `<h3>Ship to</h3><p class="missing">No address given: ask ${esc(cart.buyer.name)} (${esc(cart.buyer.platform)}).</p>`;
  const lines = [c.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter((v): v is string => Boolean(v)).map(esc);
  return `<h3>Ship to</h3><address><strong>${lines[0]}</strong><br>${lines.slice(1).join('<br>')}${reach.length ? `<br>${reach.join(' · ')}` : ''}</address>`;
}

function slip(cart: AdminCart, page: PackingPage): string {
  const rows = cart.lines
    .map(
      (l) =>
        `<tr><td class="box" aria-hidden="true"></td><td class="qty">${esc(l.qty)} ×</td><td>${esc(l.title)}${l.variant ? ` <span class="variant">(${esc(l.variant)})</span>` : ''}</td><td class="sku">${esc(l.sku)}</td></tr>`,
    )
    .join('');
  const units = cart.lines.reduce((n, l) => n + l.qty, 0);
  const paid = cart.paidAt === null ? '' : ` · paid ${esc(when(cart.paidAt, page.timezone))}`;
  const total = cart.totalCents === null ? '' : ` · ${esc(formatMoney(cart.totalCents, cart.currency))}`;
  return `<article class="slip" data-cart="${esc(cart.publicId)}">
<header><h2>Order <code>${esc(cart.publicId)}</code></h2><p>${esc(cart.buyer.name)} on ${esc(PLATFORMS[cart.buyer.platform] ?? cart.buyer.platform)}${paid}${total}${cart.fulfilment === 'packed' ? ' · <strong>packed</strong>' : ''}</p></header>
<div class="to">${shipTo(cart, page)}</div>
<table><thead><tr><th aria-label="Packed"></th><th>Qty</th><th>Item</th><th>SKU</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><td></td><td colspan="3">${esc(units)} ${units === 1 ? 'item' : 'items'}</td></tr></tfoot></table>
</article>`;
}

/**
 * The packing list: one slip per paid cart not yet shipped (oldest payment first), each with the
 * address or pickup, the items with a box to tick, and the cart id the buyer knows. Printed one per page.
 */
export function packingHtml(carts: readonly AdminCart[], page: PackingPage): string {
  const body = carts.length ? carts.map((c) => slip(c, page)).join('\n') : '<p class="none">Nothing to pack: every paid order has shipped.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Packing list · ${esc(page.shop)}</title>
<link rel="stylesheet" href="/dashboard/packing.css">
</head>
<body>
<div class="bar"><h1>Packing list · ${esc(page.shop)}</h1><span>${esc(carts.length)} ${carts.length === 1 ? 'order' : 'orders'} · ${esc(when(page.now, page.timezone))}</span><button id="print" type="button">Print</button></div>
${body}
<script src="/dashboard/packing.js" type="module"></script>
</body>
</html>
`;
}
