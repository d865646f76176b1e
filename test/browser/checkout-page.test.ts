import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import type { CheckoutState } from '../../orchestrator/http/checkout/checkout-view.js';
import { join } from 'node:path';
import { canRunBrowser, launchChromium, screenshot, SCREENSHOTS, watchedPage } from '../support/browser.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const MOBILE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

const SHOP = `  - { sku: JUG, title: Jug, price: 12, stock: 50 }
  - { sku: TEE, title: T-shirt, price: 20, variants: [{ name: M, stock: 5 }, { name: L, stock: 5 }] }
promotions:
  codes: [{ code: FIVE, discount: { amount: 5 } }]
overlay: { colors: { accent: "#5b3cc4" } }`;

const SHIPPING = `shipping: { flat: 4.9, freeOver: 100, pickup: "Shop, Main St 1, Sat 10–14", countries: { DE: 4.9, AT: 6.9, "*": 12 } }`;

/** Buys as a Twitch viewer and returns the cart's token, read from the "Pay now" link of the reply. */
async function buy(t: TestApp, chat: MemoryChannel, user: { id: string; name: string }, ...commands: string[]): Promise<string> {
  const before = chat.sent.length;
  for (const text of commands) await chat.say(user, text);
  await t.app.idle();
  const url = chat.sent
    .slice(before)
    .filter((m) => m.link)
    .at(-1)?.link?.url;
  if (!url) throw new Error(`no checkout link for ${user.name}: ${chat.texts().join(' | ')}`);
  return url.split('/c/')[1]!;
}

/** The visible text of an element, with runs of whitespace as one space. */
async function text(page: Page, selector: string): Promise<string> {
  return ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
}

/** The whole page, scrolled or not (the form runs below a phone's screen); beside the helper's shots. */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-full.png`), fullPage: true });
}

/** The id of the element that has the keyboard focus. */
function focused(page: Page): Promise<unknown> {
  return page.evaluate('document.activeElement?.id');
}

/** The totals, one "label amount" row after another. */
async function totals(page: Page): Promise<string> {
  return (await page.locator('#totals .total-row').allTextContents()).join(' ');
}

async function fillContact(page: Page): Promise<void> {
  await page.fill('#name', 'Anna Berger');
  await page.fill('#email', 'anna@example.com');
}

describe.skipIf(!canRunBrowser)('the checkout page /c/<token> in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  const chat = new MemoryChannel('twitch');

  beforeAll(async () => {
    t = await startTestApp(testConfig(`${SHOP}\ncheckout: { provider: builtin, hold: 15m, ${SHIPPING} }`), [chat]);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN a buyer with two lines, one with a code WHEN they open the link on a phone THEN they see the items at their prices, shipping, the total, the hold and the test-mode label', async () => {
    const token = await buy(t, chat, { id: 'u1', name: 'anna' }, '!buy JUG 2', '!buy TEE M FIVE');
    const { page, problems } = await watchedPage(browser, MOBILE);
    await page.goto(`${t.app.url}/c/${token}`);
    await page.locator('#form').waitFor({ state: 'visible' });

    expect(await page.locator('#lines li').allTextContents()).toEqual(['Jug2 × €12.00€24.00', 'T-shirtM1 × €20.00€20.00Code FIVE−€5.00']);
    expect(await page.locator('#delivery-options label').allTextContents()).toEqual([
      'Shippingfrom €4.90, by country · free from €100.00',
      'Pick up at Shop, Main St 1, Sat 10–14free',
    ]);
    // Chromium's language is en-US: the page guesses the United States, whose rate is the "*" one.
    expect(await page.inputValue('#country')).toBe('US');
    expect(await totals(page)).toBe('Subtotal€44.00 Discounts−€5.00 Shipping€12.00 Total€51.00');
    await page.selectOption('#country', 'DE');
    expect(await totals(page)).toBe('Subtotal€44.00 Discounts−€5.00 Shipping€4.90 Total€43.90');
    expect(await text(page, '#test-banner')).toBe('Test mode — no money moves');
    expect(await page.textContent('#submit')).toBe('Pay (test)');
    expect(await page.textContent('#hold')).toMatch(/^Reserved for 1[45]:\d\d$/);
    expect(await page.textContent('#shop-name')).toBe('Test show');
    // Every field has a label a screen reader reads out, and the seller's colour is on the button with readable text.
    expect(
      await page
        .locator('#form input:not([type=radio]), #form select')
        .evaluateAll((els) => els.filter((e) => (e as unknown as { labels: ArrayLike<unknown> | null }).labels?.length !== 1).length),
    ).toBe(0);
    expect(await page.evaluate(`(({ backgroundColor, color }) => [backgroundColor, color])(getComputedStyle(document.querySelector('#submit')))`)).toEqual([
      'rgb(91, 60, 196)',
      'rgb(255, 255, 255)',
    ]);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(MOBILE.width);
    await fullScreenshot(page, 'checkout-mobile');
    await page.setViewportSize(DESKTOP);
    await fullScreenshot(page, 'checkout-desktop');
    expect(problems).toEqual([]);
  });

  it('GIVEN the form WHEN the buyer pays with fields missing THEN each error is beside its field, tied to it, and focus is on the first', async () => {
    const token = await buy(t, chat, { id: 'u2', name: 'ben' }, '!buy JUG');
    const { page, problems } = await watchedPage(browser, MOBILE);
    await page.goto(`${t.app.url}/c/${token}`);
    await page.click('#submit');
    await page.locator('#name-error').waitFor({ state: 'visible' });

    expect(await page.textContent('#name-error')).toBe('Your name, please.');
    expect(await page.textContent('#email-error')).toBe('An email or a phone number, so the seller can reach you.');
    expect(await page.textContent('#line1-error')).toBe('Street and number, please.');
    expect(await page.textContent('#city-error')).toBe('The town or city, please.');
    expect(await page.textContent('#postalCode-error')).toBe('The postal code, please.');
    expect(await page.getAttribute('#name', 'aria-describedby')).toBe('name-error');
    expect(await page.getAttribute('#email', 'aria-describedby')).toBe('reach-hint email-error');
    expect(await page.getAttribute('#line1', 'aria-invalid')).toBe('true');
    expect(await focused(page)).toBe('name');
    await fullScreenshot(page, 'checkout-errors-mobile');
    expect((await t.app.runtime.carts.view(token))?.status).toBe('open');

    // Fixed fields lose their errors on the next try.
    await fillContact(page);
    await page.click('#submit');
    await page.locator('#line1-error').waitFor({ state: 'visible' });
    expect(await page.isHidden('#name-error')).toBe(true);
    expect(await page.getAttribute('#name', 'aria-invalid')).toBeNull();
    expect(await focused(page)).toBe('line1');
    expect(problems).toEqual([]);
  });

  it('GIVEN pickup WHEN the buyer picks it THEN the address disappears, pickup is free, and paying needs no address', async () => {
    const token = await buy(t, chat, { id: 'u3', name: 'cleo' }, '!buy JUG');
    const { page, problems } = await watchedPage(browser, MOBILE);
    await page.goto(`${t.app.url}/c/${token}`);
    await page.locator('#address').waitFor({ state: 'visible' });
    await page.check('input[name=delivery][value=pickup]');

    expect(await page.isHidden('#address')).toBe(true);
    expect(await totals(page)).toBe('Subtotal€12.00 Pickupfree Total€12.00');
    await page.fill('#name', 'Cleo');
    await page.fill('#phone', '+49 170 1234567');
    await page.click('#submit');
    await page.locator('#view-message').waitFor({ state: 'visible' });

    expect(await page.textContent('#title')).toBe('Thank you!');
    expect(await page.textContent('#message-more')).toBe('We’ll tell you in the chat when it is ready to pick up.');
    const cart = await t.app.runtime.carts.view(token);
    expect([cart?.status, cart?.delivery, cart?.contact?.address]).toEqual(['paid', 'pickup', undefined]);
    expect(problems).toEqual([]);
  });

  it('GIVEN a filled address WHEN the buyer presses Pay (test) THEN the thank-you page shows the order and the cart is paid in the store', async () => {
    const token = await buy(t, chat, { id: 'u4', name: 'dora' }, '!buy JUG', '!buy TEE L');
    const { page, problems } = await watchedPage(browser, MOBILE);
    await page.goto(`${t.app.url}/c/${token}`);
    await fillContact(page);
    await page.fill('#line1', 'Hauptstraße 5');
    await page.fill('#postalCode', '1010');
    await page.fill('#city', 'Wien');
    await page.selectOption('#country', 'AT');
    expect(await totals(page)).toBe('Subtotal€32.00 Shipping€6.90 Total€38.90');
    await page.click('#submit');
    await page.locator('#view-message').waitFor({ state: 'visible' });

    expect(await page.textContent('#title')).toBe('Thank you!');
    expect(await focused(page)).toBe('title');
    expect(await page.textContent('#message-more')).toBe('We’ll tell you in the chat when it ships.');
    expect(await page.textContent('#message-where')).toBe('Ships to Anna Berger, Wien, Austria.');
    expect(await totals(page)).toBe('Subtotal€32.00 Shipping€6.90 Total€38.90');
    expect(await page.isHidden('#form')).toBe(true);
    const cart = await t.app.runtime.carts.view(token);
    expect([cart?.status, cart?.totalCents, cart?.contact?.address?.city]).toEqual(['paid', 3890, 'Wien']);
    await screenshot(page, 'checkout-paid-mobile');

    // The seller ships it: the same link now says so.
    await t.app.runtime.carts.fulfil(cart!.id, 'packed');
    await t.app.runtime.carts.fulfil(cart!.id, 'shipped', 'https://track.example/AB123');
    await page.setViewportSize(DESKTOP);
    await page.reload();
    await page.locator('#fulfilment').waitFor({ state: 'visible' });
    expect(await text(page, '#fulfilment')).toBe('Status: Shipped. Track the parcel');
    expect(await page.isHidden('#message-more')).toBe(true);
    expect(await page.getAttribute('#fulfilment a', 'href')).toBe('https://track.example/AB123');
    await screenshot(page, 'checkout-paid-desktop');
    expect(problems).toEqual([]);
  });

  it('GIVEN a token nobody has WHEN it is opened THEN the not-found page answers 404', async () => {
    const { page, problems } = await watchedPage(browser, MOBILE);
    const res = await page.goto(`${t.app.url}/c/AAAAAAAAAAAAAAAAAAAAAA`);

    expect(res?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('This cart does not exist');
    expect(await page.locator('link[rel=stylesheet]').evaluate((l) => (l as unknown as { sheet: unknown }).sheet !== null)).toBe(true);
    await screenshot(page, 'checkout-not-found-mobile');
    expect(problems).toEqual([]);
  });

  it('GIVEN a cart whose hold ended WHEN its link is opened THEN the page says so and how to buy again, with no pay button', async () => {
    const token = await buy(t, chat, { id: 'u5', name: 'emil' }, '!buy JUG');
    const cart = await t.app.runtime.carts.view(token);
    await t.app.runtime.payments.end(cart!.id, 'expired', 'test');
    const { page, problems } = await watchedPage(browser, MOBILE);
    await page.goto(`${t.app.url}/c/${token}`);
    await page.locator('#view-message').waitFor({ state: 'visible' });

    expect(await page.textContent('#title')).toBe('This reservation has ended');
    expect(await page.textContent('#message-text')).toContain('Nothing was charged.');
    expect(await page.textContent('#message-more')).toContain('write !buy in the show’s chat');
    expect(await page.isHidden('#submit')).toBe(true);
    expect(await page.isHidden('#hold')).toBe(true);
    await screenshot(page, 'checkout-ended-mobile');
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!canRunBrowser)('the checkout page when the seller takes payment by hand', () => {
  let t: TestApp;
  let browser: Browser;
  const chat = new MemoryChannel('twitch');
  const instructions = 'Bank transfer to IBAN DE02 1203 0000 0000 2020 51,\nreference: your order number.';

  beforeAll(async () => {
    const checkout = `checkout: { provider: builtin, builtin: { mode: manual, instructions: ${JSON.stringify(instructions)} }, ${SHIPPING} }`;
    t = await startTestApp(testConfig(`${SHOP}\n${checkout}`), [chat]);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN manual payment WHEN the buyer sends their details THEN the seller’s instructions show, Back to edit reopens the form, and the seller’s confirmation shows as paid', async () => {
    const token = await buy(t, chat, { id: 'u9', name: 'fritz' }, '!buy JUG 2');
    const { page, problems } = await watchedPage(browser, MOBILE);
    await page.goto(`${t.app.url}/c/${token}`);
    await page.locator('#form').waitFor({ state: 'visible' });
    expect(await page.isHidden('#test-banner')).toBe(true);
    expect(await page.textContent('#submit')).toBe('Place order');
    await fillContact(page);
    await page.check('input[name=delivery][value=pickup]');
    await page.click('#submit');
    await page.locator('#instructions-box').waitFor({ state: 'visible' });

    expect(await page.textContent('#title')).toBe('Pay the seller');
    expect(await page.textContent('#instructions')).toBe(instructions);
    expect(await page.textContent('#message-more')).toBe('The seller will confirm your payment; we’ll tell you in the chat.');
    expect(await page.textContent('#message-where')).toBe('Pick up at Shop, Main St 1, Sat 10–14.');
    // A transfer takes days: the page names the day rather than counting down.
    expect(await page.textContent('#hold')).toMatch(/^Reserved until /);
    expect((await t.app.runtime.carts.view(token))?.status).toBe('checkout');
    await screenshot(page, 'checkout-manual-mobile');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'checkout-manual-desktop');

    await page.click('#back');
    await page.locator('#form').waitFor({ state: 'visible' });
    expect((await t.app.runtime.carts.view(token))?.status).toBe('open');
    expect(await page.inputValue('#name')).toBe('Anna Berger');

    // Sent again as it was, then the seller sees the transfer and marks the cart paid on the dashboard.
    await page.click('#submit');
    await page.locator('#instructions-box').waitFor({ state: 'visible' });
    const cart = await t.app.runtime.carts.view(token);
    expect((await t.app.runtime.payments.markPaid(cart!)).kind).toBe('paid');
    await page.reload();
    await page.locator('#view-message').waitFor({ state: 'visible' });
    expect(await page.textContent('#title')).toBe('Thank you!');
    expect(await page.isHidden('#instructions-box')).toBe(true);
    expect(problems).toEqual([]);
  });
});

/**
 * What the page does with the other providers' answers (built by their own parts, tested there
 * against their fakes): the real API's state with a card provider added, and the POST answered
 * the way checkout-routes.ts answers for a redirect, a provider that failed, and a Telegram invoice.
 */
describe.skipIf(!canRunBrowser)('the checkout page with several providers', () => {
  let t: TestApp;
  let browser: Browser;
  const chat = new MemoryChannel('twitch');

  beforeAll(async () => {
    t = await startTestApp(testConfig(`${SHOP}\ncheckout: { provider: builtin, hold: 15m }`), [chat]);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  /** The page with a card provider offered beside the test one; `answer` is what the POST gets. */
  async function withCard(token: string, answer: (state: CheckoutState) => { status: number; body: unknown }) {
    const { page, problems } = await watchedPage(browser, MOBILE);
    let state = undefined as unknown as CheckoutState;
    await page.route(`**/api/checkout/${token}`, async (route) => {
      if (route.request().method() === 'POST') return route.fulfill({ json: answer(state).body, status: answer(state).status });
      const res = await route.fetch();
      state = (await res.json()) as CheckoutState;
      state.providers = [...state.providers, { name: 'stripe', label: 'Card (Stripe)' }];
      return route.fulfill({ response: res, json: state });
    });
    await page.goto(`${t.app.url}/c/${token}`);
    await page.locator('#form').waitFor({ state: 'visible' });
    return { page, problems, state: () => state };
  }

  it('GIVEN two providers WHEN the buyer picks the card and the provider fails THEN the page says to try again and keeps the form', async () => {
    const token = await buy(t, chat, { id: 'p1', name: 'gina' }, '!buy JUG');
    const message = 'The payment service did not answer. Your items stay reserved; please try again in a moment.';
    const { page, problems } = await withCard(token, () => ({ status: 502, body: { status: 'failed', message } }));

    // No shipping in this show: no delivery choice and no address.
    expect(await page.isHidden('#delivery-set')).toBe(true);
    expect(await page.isHidden('#address')).toBe(true);
    expect(await page.locator('#provider-options label').allTextContents()).toEqual(['Test payment (no money moves)', 'Card (Stripe)']);
    expect(await page.textContent('#submit')).toBe('Pay (test)');
    await page.check('input[name=provider][value=stripe]');
    expect(await page.textContent('#submit')).toBe('Continue to payment');
    expect(await page.isHidden('#test-note')).toBe(true);
    expect(await page.isHidden('#test-banner')).toBe(true);
    await fillContact(page);
    await page.click('#submit');
    await page.locator('#form-error').waitFor({ state: 'visible' });

    expect(await page.textContent('#form-error')).toBe(message);
    expect(await focused(page)).toBe('form-error');
    expect(await page.isEnabled('#submit')).toBe(true);
    await fullScreenshot(page, 'checkout-providers-failed-mobile');
    expect(problems).toEqual([]);
  });

  it('GIVEN the card provider WHEN the API answers with a redirect THEN the browser goes to the payment page', async () => {
    const token = await buy(t, chat, { id: 'p2', name: 'hugo' }, '!buy JUG');
    const url = 'https://pay.example/session/cs_test_1';
    const { page, state, problems } = await withCard(token, (s) => ({ status: 200, body: { status: 'redirect', url, state: s } }));
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Stripe</title>' }));
    await page.check('input[name=provider][value=stripe]');
    await fillContact(page);
    await Promise.all([page.waitForURL(url), page.click('#submit')]);

    expect(page.url()).toBe(url);
    expect(state().cart.status).toBe('open');
    expect(problems).toEqual([]);
  });

  it('GIVEN a Telegram invoice was sent WHEN the page hears so THEN it says the invoice is in the chat, and Back to edit reopens the cart', async () => {
    const token = await buy(t, chat, { id: 'p3', name: 'ida' }, '!buy JUG');
    const { page, problems } = await withCard(token, (s) => ({
      status: 200,
      body: { status: 'sent', state: { ...s, cart: { ...s.cart, status: 'checkout', provider: 'telegram', totalCents: 1200 } } },
    }));
    await fillContact(page);
    await page.click('#submit');
    await page.locator('#view-message').waitFor({ state: 'visible' });

    expect(await page.textContent('#title')).toBe('Pay in Telegram');
    expect(await page.textContent('#message-text')).toBe('The invoice is in your Telegram chat.');
    await page.click('#back');
    await page.locator('#form').waitFor({ state: 'visible' });
    expect(await page.textContent('#title')).toBe('Checkout');
    expect(problems).toEqual([]);
  });
});
