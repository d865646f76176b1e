import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseShow } from '../../config/loader.js';
import { axeViolations } from '../support/axe.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-show.js';
import { giveName, openViewerPage } from '../support/viewer-page.js';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** A show in `language` and `currency`: a candle with two sizes, featured, and the built-in test checkout. */
function show(language: string, currency: string, title: string, price: number): ReturnType<typeof parseShow>['config'] {
  const src = `
show: { id: lang-show, name: ${language === 'ru' ? 'Вечерний эфир' : 'Evening show'}, language: ${language}, currency: ${currency} }
server: { host: 127.0.0.1, port: 0 }
products:
  - sku: CANDLE
    title: ${title}
    price: ${price}
    variants:
      - { name: ${language === 'ru' ? 'Маленькая' : 'Small'}, stock: 5 }
      - { name: ${language === 'ru' ? 'Большая' : 'Large'}, stock: 2, price: ${price + 800} }
featured: CANDLE
checkout: { provider: builtin, builtin: { mode: test }, shipping: { flat: 390, pickup: "Магазин на Тверской, 1" } }
`;
  return parseShow(src, 'lang.yaml', {}).config;
}

/** Text as a reader sees it: the no-break and narrow spaces Intl puts in money read as spaces. */
const plain = (s: string | null) =>
  (s ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The page is no wider than the phone: a Russian word that does not fit would push it sideways. */
const width = (page: Page) => page.evaluate('document.documentElement.scrollWidth');

const openViewer = (browser: Browser, url: string, viewport = PHONE) => openViewerPage(browser, url, viewport, { timezoneId: 'Europe/Moscow' });

/** Buy on the card, give a name when asked, and open the cart drawer once the cart exists. */
async function buyAndOpenCart(page: Page, name: string): Promise<void> {
  await page.click('#buy-button');
  await giveName(page, name);
  await page.locator('#cart-button').waitFor({ state: 'visible' });
  await page.click('#cart-button');
  await page.locator('#cart').waitFor({ state: 'visible' });
}

/**
 * The viewer page, the checkout page and the overlay speak the show's language: every label from
 * the catalog, money the way the chat writes it, `lang` for screen readers, and nothing pushed off
 * a 390 px phone by longer words.
 */
describe.skipIf(!canRunBrowser)('the pages in the show’s language in a real browser', () => {
  let ru: TestApp;
  let en: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ru = await startTestApp(show('ru', 'RUB', 'Свеча ручной работы', 2490));
    en = await startTestApp(show('en', 'EUR', 'Handmade candle', 24));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await ru?.app.stop();
    await en?.app.stop();
  });

  it('GIVEN a Russian show in roubles WHEN a viewer opens the page on a phone and buys THEN labels are Russian, the card and the drawer say "2 490 ₽", lang is ru and axe finds nothing', async () => {
    const { page, problems } = await openViewer(browser, ru.app.url);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(plain(await page.textContent('#card-price'))).toBe('2 490 ₽');
    expect(await page.textContent('#buy-button')).toBe('Купить');
    expect(await page.textContent('label[for=qty]')).toBe('Кол-во');
    expect(plain(await page.textContent('#card-stock'))).toBe('осталось 5 шт.');
    expect((await page.locator('#variant option').allTextContents()).map(plain)).toEqual(['Маленькая — 2 490 ₽', 'Большая — 3 290 ₽']);
    expect(await page.getAttribute('#text', 'placeholder')).toBe('Напишите что-нибудь или !help');
    await screenshot(page, 'lang-ru-viewer-phone');

    await buyAndOpenCart(page, 'Анна');
    expect(plain(await page.textContent('#cart-total'))).toBe('2 490 ₽');
    expect((await page.locator('#cart-lines li').allTextContents()).map(plain)).toEqual(['1× Свеча ручной работы (Маленькая)2 490 ₽']);
    expect(plain(await page.textContent('#cart-heading'))).toMatch(/^Ваша корзина /);
    expect(await page.getAttribute('#cart-button', 'aria-label')).toBe('Корзина, 1 товар');
    expect(plain(await page.textContent('#cart-hold'))).toMatch(/^Отложено для вас ещё \d+:\d\d$/);
    expect(await page.textContent('#status')).toBe('в чате: Анна');
    expect(await width(page)).toBe(PHONE.width);
    await screenshot(page, 'lang-ru-viewer-phone-cart');
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'lang-ru-viewer-desktop');
    expect(problems).toEqual([]);
  });

  it('GIVEN a Russian show WHEN the buyer opens their checkout link and sends it empty THEN the page, its totals and the field errors are Russian', async () => {
    const { page, problems } = await openViewer(browser, ru.app.url);
    await buyAndOpenCart(page, 'Борис');
    const link = await page.getAttribute('#cart-checkout', 'href');
    const checkout = await watchedPage(browser, PHONE);
    await checkout.page.goto(new URL(link!, ru.app.url).href);
    await checkout.page.locator('#form').waitFor({ state: 'visible' });
    const p = checkout.page;
    expect(await p.getAttribute('html', 'lang')).toBe('ru');
    expect(await p.textContent('#title')).toBe('Оформление заказа');
    expect(plain(await p.textContent('#test-banner'))).toBe('Тестовый режим — деньги не списываются');
    expect(await p.textContent('#submit')).toBe('Оплатить (тест)');
    expect(plain(await p.textContent('#hold'))).toMatch(/^Забронировано ещё \d+:\d\d$/);
    expect((await p.locator('#delivery-options label').allTextContents()).map(plain)).toEqual(['Доставка390 ₽', 'Самовывоз: Магазин на Тверской, 1бесплатно']);
    expect((await p.locator('#totals .total-row').allTextContents()).map(plain)).toEqual(['Товары2 490 ₽', 'Доставка390 ₽', 'Итого2 880 ₽']);
    await screenshot(p, 'lang-ru-checkout-phone');

    await p.click('#submit');
    await p.locator('#name-error').waitFor({ state: 'visible' });
    expect(await p.textContent('#name-error')).toBe('Укажите имя.');
    expect(await p.textContent('#email-error')).toBe('Укажите email или телефон, чтобы продавец мог с вами связаться.');
    expect(await p.textContent('#line1-error')).toBe('Укажите улицу и дом.');
    expect(await width(p)).toBe(PHONE.width);
    await p.screenshot({ path: 'test-artifacts/screenshots/lang-ru-checkout-phone-errors-full.png', fullPage: true });
    expect(await axeViolations(p)).toEqual([]);
    await p.setViewportSize(DESKTOP);
    await screenshot(p, 'lang-ru-checkout-desktop');

    await p.goto(`${ru.app.url}/c/${'x'.repeat(22)}`);
    expect(await p.textContent('h1')).toBe('Такой корзины нет');
    expect(await p.getAttribute('html', 'lang')).toBe('ru');
    expect([...problems, ...checkout.problems]).toEqual([]);
  });

  it('GIVEN a Russian show WHEN the overlay opens THEN it is lang ru and prices the product as the chat does', async () => {
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 720 });
    await page.goto(`${ru.app.url}/overlay`);
    await page.locator('#featured').waitFor({ state: 'visible' });
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(plain(await page.textContent('#featured .price'))).toBe('2 490 ₽');
    expect(await page.title()).toBe('Оверлей · showcart');
    expect(problems).toEqual([]);
  });

  it('GIVEN an English show in euros WHEN a viewer buys on a phone THEN the page reads as before: English labels, "€24.00", lang en', async () => {
    const { page, problems } = await openViewer(browser, en.app.url);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#card-price')).toBe('€24.00');
    expect(await page.textContent('#buy-button')).toBe('Buy');
    expect(await page.textContent('#card-stock')).toBe('5 left');
    await screenshot(page, 'lang-en-viewer-phone');
    await buyAndOpenCart(page, 'Anna');
    expect(await page.textContent('#cart-total')).toBe('€24.00');
    expect(await page.getAttribute('#cart-button', 'aria-label')).toBe('Cart, 1 item');
    expect(await page.textContent('#cart-checkout')).toBe('Checkout');
    await screenshot(page, 'lang-en-viewer-phone-cart');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'lang-en-viewer-desktop');

    const link = await page.getAttribute('#cart-checkout', 'href');
    await page.setViewportSize(PHONE);
    await page.goto(new URL(link!, en.app.url).href);
    await page.locator('#form').waitFor({ state: 'visible' });
    expect(await page.textContent('#submit')).toBe('Pay (test)');
    expect((await page.locator('#totals .total-row').allTextContents()).join(' ')).toBe('Subtotal€24.00 Shipping€390.00 Total€414.00');
    await screenshot(page, 'lang-en-checkout-phone');
    expect(problems).toEqual([]);
  });
});
