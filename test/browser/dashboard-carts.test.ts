import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { adminClient, startAdminApp } from '../support/admin-app.js';
import { canRunBrowser, launchChromium, screenshot, watchedPage } from '../support/browser.js';
import { testConfig, type TestApp } from '../support/test-show.js';
import { waitFor } from '../support/wait-for.js';

const ADMIN_TOKEN = 'admin-token-for-the-carts-test-0123456789';
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
/** The built-in checkout in manual mode (the seller confirms), and Stripe without its secrets. */
const SHOW = `  - { sku: LAMP, title: Lamp, price: 30, variants: [{ name: Brass, stock: 3 }, { name: Black, stock: 2 }] }
featured: MUG
channels: { web: { enabled: false } }
checkout:
  provider: [builtin, stripe]
  builtin: { mode: manual, instructions: "Bank transfer to DE00 1234 5678, reference: your order id." }
  shipping: { flat: 4.90, pickup: "Candle shop, Main St 1, Sat 10-14" }
  hold: 10m`;
const ADDRESS = {
  name: 'Tanya Petrova',
  email: 'tanya@example.com',
  delivery: 'ship',
  line1: 'Hauptstr. 5',
  city: 'Berlin',
  postalCode: '10115',
  country: 'DE',
};

interface Cart {
  id: number;
  publicId: string;
  status: string;
  fulfilment: string | null;
  tracking: string | null;
  buyer: { name: string };
}

/** The seller's Carts panel in Debian's chromium: a cart bought in chat, paid by hand, packed, shipped, delivered. */
describe.skipIf(!canRunBrowser)('the Carts panel of the dashboard in a real browser', () => {
  const telegram = new MemoryChannel('telegram', ['-100'], undefined, { canDirectMessage: true });
  let t: TestApp;
  let admin: ReturnType<typeof adminClient>;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let cart: Cart;
  const row = () => page.locator(`#carts li[data-cart="${cart.publicId}"]`);
  /** What the buyer was told in chat, once everything the app set off has played out. */
  const toldBuyer = async (pattern: RegExp) => {
    await t.app.idle();
    expect(telegram.sent.filter((m) => m.userId === '77').map((m) => m.text)).toContainEqual(expect.stringMatching(pattern));
  };
  const carts = async (list = 'all') => (await admin.json<{ carts: Cart[] }>(`/api/admin/carts?list=${list}`)).carts;

  beforeAll(async () => {
    t = await startAdminApp(testConfig(SHOW), [telegram], { env: { SHOWCART_ADMIN_TOKEN: ADMIN_TOKEN } });
    admin = adminClient(t.app.url, ADMIN_TOKEN);
    browser = await launchChromium();
    ({ page, problems } = await watchedPage(browser, WIDE));
    // A step that cannot happen fails with its own name, not the test's timeout.
    page.setDefaultTimeout(5000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.app.stop();
  });

  it('GIVEN a provider without its secret WHEN the seller logs in THEN a banner names the variable to set', async () => {
    await page.goto(`${t.app.url}/dashboard`);
    await page.fill('#token', ADMIN_TOKEN);
    await page.click('#login button[type=submit]');
    await waitFor(async () => (await page.textContent('#status')) === 'connected', 3000, 'the live feed open');

    const banner = page.locator('#payments-off');
    await banner.waitFor({ state: 'visible' });
    await page.locator('#carts-empty').waitFor({ state: 'visible' });
    expect(await banner.textContent()).toBe(
      'Stripe is off: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, then restart showcart. Buyers are not offered it until then.',
    );
    expect(await page.textContent('#carts-empty')).toContain('Nothing to do');
  });

  it('GIVEN the dashboard open WHEN a Telegram viewer buys two products in chat THEN one cart row appears with both lines, held, its countdown and total', async () => {
    await telegram.say({ id: '77', name: 'Tanya' }, '!buy MUG');
    await telegram.say({ id: '77', name: 'Tanya' }, '!buy LAMP black');
    await t.app.idle();
    const all = await carts();
    expect(all).toHaveLength(1);
    cart = all[0]!;

    // A held cart is in "To do" and "All" alike; "All" also keeps it once it has ended.
    await page.click('#cart-filters button[data-list="all"]');
    // No reload: the live feed tells the panel.
    await row().waitFor({ timeout: 3000 });
    expect(await row().getAttribute('data-status')).toBe('held');
    expect(await row().locator('.lines li').allTextContents()).toEqual(['1× Mug', '1× Lamp (Black)']);
    expect(await row().locator('.buyer').textContent()).toBe('Tanya');
    expect(await row().locator('.badge').textContent()).toBe('Telegram');
    expect(await row().locator('.total').textContent()).toMatch(/42[.,]00/);
    expect(await row().locator('.hold').textContent()).toMatch(/^(10:00|9:\d\d)$/);
    // Not checked out yet: nothing to confirm, only a cancel.
    expect(await row().locator('.actions button').allTextContents()).toEqual(['Cancel…']);
  });

  it('GIVEN the buyer checked out with a manual payment WHEN the seller clicks "Mark paid" THEN the cart is paid and the buyer is told', async () => {
    const link = telegram.sent.find((m) => m.link?.url.includes('/c/'))?.link?.url;
    const token = link?.split('/c/')[1];
    const res = await fetch(`${t.app.url}/api/checkout/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADDRESS, provider: 'builtin' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: string }).status).toBe('instructions');

    await page.locator(`#carts li[data-cart="${cart.publicId}"][data-status="checkout"]`).waitFor({ timeout: 3000 });
    await page.click('#cart-filters button[data-list="todo"]');
    await page.locator(`#carts li[data-cart="${cart.publicId}"][data-status="checkout"]`).waitFor({ timeout: 3000 });
    expect(await row().locator('.status').textContent()).toBe('awaiting payment');
    expect(await row().locator('.provider').textContent()).toBe('Manual payment');
    expect(await row().locator('.shipping').textContent()).toMatch(/incl\. .*4[.,]90 shipping/);
    expect(await row().locator('.total').textContent()).toMatch(/46[.,]90/);
    await screenshot(page, 'dashboard-carts-awaiting-payment');

    await row().locator('button[data-action="paid"]').click();
    await page.locator(`#carts li[data-cart="${cart.publicId}"][data-status="paid"]`).waitFor({ timeout: 3000 });
    expect(await row().locator('.step').textContent()).toBe('to pack');
    expect(await row().locator('.actions button').allTextContents()).toEqual(['Packed', 'Shipped…', 'Cancel…']);
    await toldBuyer(new RegExp(`^Paid, thank you! Order ${cart.publicId}: 2 items`));
  });

  it('GIVEN a paid cart not yet shipped WHEN the seller opens the packing list THEN it shows the address, the items and the cart id', async () => {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#packing')]);
    await popup.waitForLoadState();
    const slip = popup.locator(`.slip[data-cart="${cart.publicId}"]`);
    expect(await slip.locator('address').innerText()).toBe('Tanya Petrova\nHauptstr. 5\n10115 Berlin\nDE\ntanya@example.com');
    expect(await slip.locator('tbody tr').allInnerTexts()).toEqual(['\t1 ×\tMug\tMUG', '\t1 ×\tLamp (Black)\tLAMP']);
    expect(await slip.locator('h2').textContent()).toBe(`Order ${cart.publicId}`);
    await popup.setViewportSize(WIDE);
    await screenshot(popup, 'dashboard-packing-list');
    await popup.close();
  });

  it('GIVEN a paid cart WHEN the seller marks it packed, shipped with a tracking link, then delivered THEN each step shows and the buyer is told each time', async () => {
    await row().locator('button[data-action="packed"]').click();
    await page.locator(`#carts li[data-cart="${cart.publicId}"][data-fulfilment="packed"]`).waitFor({ timeout: 3000 });
    await toldBuyer(new RegExp(`Your order ${cart.publicId} is packed`));

    await row().locator('button[data-action="shipped"]').click();
    const tracking = row().locator('input[name="tracking"]');
    // The field opens focused, inline: no window.prompt.
    expect(await tracking.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await tracking.fill('https://track.example/DHL-0034043416');
    // The live feed redraws the panel while the seller types: the field keeps its focus and its text.
    const redrawn = page.waitForResponse((r) => r.url().includes('/api/admin/carts?list=todo'));
    await telegram.say({ id: '55', name: 'Zoe' }, '!buy MUG');
    await redrawn;
    await page.keyboard.type('1094042557');
    expect(await tracking.inputValue()).toBe('https://track.example/DHL-00340434161094042557');
    await screenshot(page, 'dashboard-carts-tracking');
    await row().locator('button[data-action="confirm-ship"]').click();
    await page.locator(`#carts li[data-cart="${cart.publicId}"][data-fulfilment="shipped"]`).waitFor({ timeout: 3000 });
    expect(await row().locator('a.tracking').getAttribute('href')).toBe('https://track.example/DHL-00340434161094042557');
    await toldBuyer(new RegExp(`Your order ${cart.publicId} has shipped\\. Tracking: https://track\\.example/DHL-00340434161094042557`));
    expect((await carts('pack')).map((c) => c.publicId)).not.toContain(cart.publicId);

    await row().locator('button[data-action="delivered"]').click();
    // Delivered is done: it leaves "to do"; "all" still has it.
    await row().waitFor({ state: 'detached', timeout: 3000 });
    await toldBuyer(new RegExp(`Your order ${cart.publicId} was delivered`));
    await page.click('#cart-filters button[data-list="all"]');
    await page.locator(`#carts li[data-cart="${cart.publicId}"][data-fulfilment="delivered"]`).waitFor({ timeout: 3000 });
    expect(await row().locator('.actions button').count()).toBe(0);
  });

  it('GIVEN a cart whose payment provider failed WHEN the dashboard shows it THEN the failure is highlighted, and the seller can cancel it inline and the buyer is told', async () => {
    await telegram.say({ id: '88', name: 'Oleg' }, '!buy MUG');
    await t.app.idle();
    const other = (await carts()).find((c) => c.buyer.name === 'Oleg')!;
    const token = telegram.sent.find((m) => m.userId === '88' && m.link?.url.includes('/c/'))?.link?.url.split('/c/')[1];
    const res = await fetch(`${t.app.url}/api/checkout/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Oleg', phone: '+49 30 1234567', delivery: 'pickup', provider: 'builtin' }),
    });
    expect(res.status).toBe(200);
    // What Payments.begin records when a provider times out (the providers' own tests drive that path for real).
    await t.app.store.models.Cart.update({ provider: 'stripe', providerError: 'Stripe did not answer' }, { where: { id: other.id } });
    await t.app.bus.emit('checkout.failed', { cart: other.publicId, provider: 'stripe', error: 'Stripe did not answer' });
    // "All": a cancelled cart leaves "To do".
    await page.click('#cart-filters button[data-list="all"]');
    const line = page.locator(`#carts li[data-cart="${other.publicId}"]`);
    await line.locator('.provider-error').waitFor({ timeout: 3000 });
    expect(await line.locator('.provider-error').textContent()).toBe('Stripe did not answer — the buyer was told to retry');
    expect(await line.locator('.fulfil').textContent()).toContain('pickup');
    await screenshot(page, 'dashboard-carts-provider-error');

    await line.locator('button[data-action="cancel"]').click();
    expect(await line.locator('.question').textContent()).toBe(`Cancel ${other.publicId}? The items go back to stock.`);
    expect(await line.locator('button[data-action="paid"]').count(), 'a Stripe payment is not confirmed by hand').toBe(0);
    // The safe answer has the keyboard; Escape closes the question as "Keep" would.
    expect(await line.locator('button[data-action="keep"]').evaluate((b) => b === b.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await line.locator('.question').count()).toBe(0);
    await line.locator('button[data-action="cancel"]').click();
    await line.locator('button[data-action="confirm-cancel"]').click();
    await page.locator(`#carts li[data-cart="${other.publicId}"][data-status="cancelled"]`).waitFor({ timeout: 3000 });
    await t.app.idle();
    expect(telegram.sent.filter((m) => m.userId === '88').map((m) => m.text)).toContainEqual(expect.stringMatching(/cancelled by the seller/));
  });

  it('GIVEN a paid cart WHEN the seller cancels it THEN the question and the row say a refund is due, and the buyer is told the amount', async () => {
    await telegram.say({ id: '99', name: 'Mia' }, '!buy MUG');
    await t.app.idle();
    const token = telegram.sent.find((m) => m.userId === '99' && m.link?.url.includes('/c/'))?.link?.url.split('/c/')[1];
    const res = await fetch(`${t.app.url}/api/checkout/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mia', email: 'mia@example.com', delivery: 'pickup', provider: 'builtin' }),
    });
    expect(res.status).toBe(200);
    const mia = (await carts()).find((c) => c.buyer.name === 'Mia')!;
    expect((await admin.post(`/api/admin/carts/${mia.id}/paid`)).status).toBe(200);
    const line = page.locator(`#carts li[data-cart="${mia.publicId}"][data-status="paid"]`);
    await line.waitFor({ timeout: 3000 });
    // A pickup has no parcel to track: it is handed over.
    expect(await line.locator('.actions button').allTextContents()).toEqual(['Packed', 'Picked up', 'Cancel…']);

    await line.locator('button[data-action="cancel"]').click();
    expect(await line.locator('.question').textContent()).toMatch(
      /^Cancel .{8}\? The items go back to stock\. A refund of €12\.00 will be due to the buyer\.$/,
    );
    await screenshot(page, 'dashboard-carts-cancel-paid');
    await line.locator('button[data-action="confirm-cancel"]').click();
    const refund = page.locator(`#carts li[data-cart="${mia.publicId}"][data-fulfilment="refund-due"]`);
    await refund.waitFor({ timeout: 3000 });
    expect(await refund.locator('.step').textContent()).toBe('refund due €12.00');
    await t.app.idle();
    expect(telegram.sent.filter((m) => m.userId === '99').map((m) => m.text)).toContainEqual(
      expect.stringMatching(/cancelled by the seller; €12\.00 will be refunded/),
    );
  });

  it('GIVEN carts in every state WHEN the dashboard is seen wide and on a phone THEN nothing overflows the screen', async () => {
    await page.locator('#carts').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-carts-wide');
    await page.setViewportSize(PHONE);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'dashboard-carts-phone-top');
    await page.locator('#carts').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-carts-phone');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow, 'nothing wider than the phone').toBe(0);
    expect(problems).toEqual([]);
  });
});
