// @ts-check
// The featured product card under the video: price (the flash price while a sale runs), stock left,
// variants, quantity and Buy, which sends the viewer's own `!buy` through the chat socket.
import { act } from './chat.js';
import { money as formatMoney } from '../money.js';
import { locale, t } from '../i18n.js';

/**
 * GET /api/storefront (orchestrator/http/live/storefront.ts).
 * @typedef {{ name: string, priceCents: number, available: number, unlimited?: boolean }} Variant `name`: '' for a product without variants
 * @typedef {{ priceCents: number, leftMs: number, maxPerBuyer: number }} Flash
 * @typedef {{ sku: string, title: string, currency: string, image: string | null, maxPerBuyer: number | null, variants: Variant[], flash: Flash | null }} Product
 * @typedef {{ title: string, start: number, end: number }} NextShow UTC epoch ms
 * @typedef {{ name: string, live: boolean, currency: string, language: string, locale: string, next: NextShow | null }} ShowInfo
 * @typedef {{ show: ShowInfo, featured: Product | null, catalog: Product[] }} Storefront
 */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const card = $('card');
const img = /** @type {HTMLImageElement} */ ($('card-img'));
const fallback = $('card-fallback');
const variantSelect = /** @type {HTMLSelectElement} */ ($('variant'));
const qtyInput = /** @type {HTMLInputElement} */ ($('qty'));
/** How often the card asks again: the server builds it once a second for everyone. */
const REFRESH_MS = 2000;

/** @type {Storefront | undefined} */
let shown;
/** When the running flash sale ends, on this page's clock. */
let flashEndsAt = 0;
/**
 * Money as the chat says it: the show's locale and currency, the narrow symbol.
 * @param {number} minor
 * @param {string} currency
 */
export function money(minor, currency) {
  return formatMoney(minor, currency, { locale, narrow: true });
}

// "4:59 left" / "ещё 4:59": the words go around the clock as the language orders them; the clock
// itself (#card-left) is the only part that changes.
{
  const [before = '', after = ''] = t('web.chat.timeLeft', { time: '\u0000' }).split('\u0000');
  const left = $('card-left');
  $('card-when').replaceChildren(before, left, after);
}

/** @param {Product} p */
function selected(p) {
  return p.variants.find((v) => v.name === variantSelect.value) ?? p.variants[0];
}

/**
 * The unit price `!buy` charges for a variant while the flash sale the server reported runs: the
 * flash price when it is lower (pricing.ts). The card and the off-air catalog both read it.
 * @param {Product} p
 * @param {Variant} v
 */
export function priceNow(p, v) {
  return p.flash && p.flash.priceCents < v.priceCents ? p.flash.priceCents : v.priceCents;
}

/**
 * The card's price for a variant: the flash price until the card's own countdown ends.
 * @param {Product} p
 * @param {Variant} v
 */
function unitPrice(p, v) {
  return Date.now() < flashEndsAt ? priceNow(p, v) : v.priceCents;
}

/** @param {number} ms */
export function clock(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The fallback box names the product, so a missing picture still says what it is. */
function showFallback() {
  img.hidden = true;
  fallback.hidden = false;
}

/** @param {Product} p */
function renderImage(p) {
  fallback.textContent = p.title.slice(0, 1).toUpperCase();
  if (!p.image) return showFallback();
  if (img.getAttribute('src') !== p.image) {
    img.hidden = true;
    fallback.hidden = false;
    img.src = p.image;
  } else if (img.complete && img.naturalWidth > 0) {
    img.hidden = false;
    fallback.hidden = true;
  }
}
img.addEventListener('load', () => {
  img.hidden = false;
  fallback.hidden = true;
});
img.addEventListener('error', showFallback);

/** @param {Product} p */
function renderVariants(p) {
  const keep = variantSelect.value;
  const hasVariants = p.variants.length > 1 || p.variants[0]?.name !== '';
  $('variant-label').hidden = !hasVariants;
  variantSelect.hidden = !hasVariants;
  variantSelect.replaceChildren(
    ...p.variants.map((v) => {
      const o = document.createElement('option');
      o.value = v.name;
      o.textContent = t(v.available === 0 ? 'web.chat.variantSoldOut' : 'web.chat.variant', { name: v.name, price: money(unitPrice(p, v), p.currency) });
      return o;
    }),
  );
  if (p.variants.some((v) => v.name === keep)) variantSelect.value = keep;
  else variantSelect.value = (p.variants.find((v) => v.available > 0) ?? p.variants[0])?.name ?? '';
}

/** Price, flash countdown and stock of the variant picked now. */
function renderPrice() {
  const p = shown?.featured;
  if (!p) return;
  const v = selected(p);
  if (!v) return;
  const unit = unitPrice(p, v);
  const flash = unit !== v.priceCents;
  $('card-price').textContent = money(unit, p.currency);
  const was = $('card-was');
  was.hidden = !flash;
  was.textContent = flash ? money(v.priceCents, p.currency) : '';
  $('card-flash').hidden = !flash;
  $('card-left').textContent = clock(flashEndsAt - Date.now());
  $('card-stock').textContent = v.unlimited
    ? t('web.chat.inStock')
    : v.available === 0
      ? t('web.chat.soldOutWaitlist')
      : t('web.chat.left', { n: v.available });
  $('card-stock').classList.toggle('low', !v.unlimited && v.available <= 3);
  $('buy-button').textContent = t(v.available === 0 ? 'web.chat.joinWaitlist' : 'web.chat.buy');
  const cap = Math.min(99, (flash ? p.flash?.maxPerBuyer : undefined) ?? p.maxPerBuyer ?? 99);
  qtyInput.max = String(cap);
}

/** @param {Storefront} next */
function render(next) {
  shown = next;
  // The header names the show (the chat's own title is only the chat's).
  $('title').textContent = next.show.name;
  document.title = `${next.show.name} · showcart`;
  // The off-air box and the widgets read the same answer rather than asking again.
  document.dispatchEvent(new CustomEvent('showcart:storefront', { detail: next }));
  const p = next.featured;
  card.hidden = !p;
  if (!p) return;
  flashEndsAt = p.flash ? Date.now() + p.flash.leftMs : 0;
  $('card-title').textContent = p.title;
  renderImage(p);
  renderVariants(p);
  renderPrice();
}

async function refresh() {
  try {
    const res = await fetch('/api/storefront', { headers: { Accept: 'application/json' } });
    if (res.ok) render(await res.json());
  } catch {
    // Offline for a moment: the card keeps what it showed and the next round tries again.
  }
}

variantSelect.addEventListener('change', renderPrice);

$('buy').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const p = shown?.featured;
  const v = p && selected(p);
  if (!p || !v) return;
  const qty = Math.min(99, Math.max(1, Math.trunc(Number(qtyInput.value)) || 1));
  qtyInput.value = String(qty);
  act({ type: 'buy', sku: p.sku, ...(v.name !== '' && { variant: v.name }), qty });
});

// The countdown ticks on this page's clock between refreshes; when the sale ends the price goes back.
setInterval(() => {
  if (flashEndsAt > 0) {
    renderPrice();
    if (Date.now() >= flashEndsAt && shown?.featured) renderVariants(shown.featured);
  }
}, 1000);
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, REFRESH_MS);
document.addEventListener('showcart:back', () => void refresh());
void refresh();
