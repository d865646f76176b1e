// @ts-check
// Off air the video's place shows the next show (in the viewer's own timezone, with a calendar
// file) and the catalog, each product with a Buy that takes the same path as the card's.
import { act } from './chat.js';
import { money, priceNow } from './storefront.js';
import { locale, t } from '../i18n.js';

/**
 * @typedef {import('./storefront.js').Storefront} Storefront
 * @typedef {import('./storefront.js').Product} Product
 */

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const box = $('offair');
const grid = $('catalog');
/** The catalog as last drawn: redrawn only when it changed, so a viewer's pick survives refreshes. */
let drawn = '';

// The show's language in the viewer's own timezone (no timeZone option): a show at 19:00 in Berlin reads 13:00 in New York.
const WHEN = new Intl.DateTimeFormat(locale, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});

/**
 * The lowest price a product sells at now.
 * @param {Product} p
 */
function fromPrice(p) {
  return Math.min(...p.variants.map((v) => priceNow(p, v)));
}

/** @param {Product} p */
function image(p) {
  const tile = document.createElement('div');
  tile.className = 'img-fallback';
  tile.textContent = p.title.slice(0, 1).toUpperCase();
  tile.setAttribute('aria-hidden', 'true');
  if (!p.image) return [tile];
  const img = document.createElement('img');
  img.alt = '';
  img.hidden = true;
  img.addEventListener('load', () => {
    img.hidden = false;
    tile.hidden = true;
  });
  // A picture that fails keeps the initial tile: the card still says what it is.
  img.addEventListener('error', () => img.remove());
  img.src = p.image;
  return [img, tile];
}

/** @param {Product} p */
function productCard(p) {
  const li = document.createElement('li');
  li.className = 'product';
  li.dataset.sku = p.sku;
  const media = document.createElement('div');
  media.className = 'product-media';
  media.append(...image(p));
  const title = document.createElement('h4');
  title.textContent = p.title;
  const price = document.createElement('p');
  price.className = 'price';
  price.textContent = p.variants.length > 1 ? t('web.chat.from', { price: money(fromPrice(p), p.currency) }) : money(fromPrice(p), p.currency);
  const left = p.variants.reduce((n, v) => n + v.available, 0);
  const unlimited = p.variants.some((v) => v.unlimited);
  const stock = document.createElement('p');
  stock.className = `stock${!unlimited && left <= 3 ? ' low' : ''}`;
  stock.textContent = unlimited ? t('web.chat.inStock') : left === 0 ? t('web.chat.soldOut') : t('web.chat.left', { n: left });
  const form = document.createElement('form');
  form.className = 'buy';
  /** @type {HTMLSelectElement | undefined} */
  let select;
  const hasVariants = p.variants.length > 1 || p.variants[0]?.name !== '';
  if (hasVariants) {
    select = document.createElement('select');
    select.setAttribute('aria-label', t('web.chat.optionOf', { title: p.title }));
    for (const v of p.variants) {
      const o = document.createElement('option');
      o.value = v.name;
      o.textContent = t(v.available === 0 ? 'web.chat.variantSoldOut' : 'web.chat.variant', { name: v.name, price: money(priceNow(p, v), p.currency) });
      select.append(o);
    }
    select.value = (p.variants.find((v) => v.available > 0) ?? p.variants[0])?.name ?? '';
    form.append(select);
  }
  const buy = document.createElement('button');
  buy.type = 'submit';
  buy.textContent = t(left === 0 ? 'web.chat.joinWaitlist' : 'web.chat.buy');
  buy.setAttribute('aria-label', t('web.chat.actionOn', { action: buy.textContent, title: p.title }));
  form.append(buy);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const variant = select?.value ?? '';
    act({ type: 'buy', sku: p.sku, ...(variant !== '' && { variant }), qty: 1 });
  });
  li.append(media, title, price, stock, form);
  return li;
}

const video = $('show');
/** @type {Storefront | undefined} */
let last;

/** @param {Storefront} s */
function render(s) {
  last = s;
  // Live, or while a stream plays (the player shows itself then), the video has the place.
  const onAir = s.show.live || !video.hidden;
  box.hidden = onAir;
  if (onAir) return;
  const next = s.show.next;
  $('next-show').hidden = !next;
  $('no-next').hidden = !!next;
  if (next) {
    $('next-title').textContent = next.title;
    const time = /** @type {HTMLTimeElement} */ ($('next-time'));
    time.dateTime = new Date(next.start).toISOString();
    time.textContent = WHEN.format(next.start);
  }
  const key = JSON.stringify(s.catalog);
  if (key === drawn) return;
  drawn = key;
  // Keep the viewer's picks across a redraw (stock changed under them).
  /** @type {Map<string, string>} */
  const picks = new Map();
  for (const li of grid.querySelectorAll('li')) {
    const sel = li.querySelector('select');
    if (sel && li instanceof HTMLElement && li.dataset.sku) picks.set(li.dataset.sku, sel.value);
  }
  grid.replaceChildren(...s.catalog.map(productCard));
  for (const li of grid.querySelectorAll('li')) {
    const sel = li.querySelector('select');
    const pick = li instanceof HTMLElement && li.dataset.sku ? picks.get(li.dataset.sku) : undefined;
    if (sel && pick !== undefined && [...sel.options].some((o) => o.value === pick)) sel.value = pick;
  }
}

new MutationObserver(() => {
  if (last) render(last);
}).observe(video, { attributes: true, attributeFilter: ['hidden'] });
document.addEventListener('showcart:storefront', (ev) => render(/** @type {CustomEvent<Storefront>} */ (ev).detail));
