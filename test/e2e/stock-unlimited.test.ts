import { afterEach, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { isUnlimitedStock, UNLIMITED_STOCK } from '../../config/schema/index.js';
import { summarizeShow } from '../../config/show-summary.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

const show = testConfig(`  - { sku: GIFT, title: Gift card, price: 25, stock: unlimited, maxPerBuyer: 5000 }
  - sku: PDF
    title: Pattern
    price: 8
    variants:
      - { name: A4, stock: unlimited }
      - { name: A3, stock: 2 }
channels: { web: { enabled: false } }
checkout: { linkTemplate: "https://pay.example/{order}" }`);

describe('stock: unlimited', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.app.stop();
    t = undefined;
  });

  it('GIVEN stock: unlimited on a product and on one variant WHEN the file is read THEN both get the ledger figure for unlimited and the summary says unlimited', () => {
    expect(show.products.find((p) => p.sku === 'GIFT')?.stock).toBe(UNLIMITED_STOCK);
    expect(show.products.find((p) => p.sku === 'PDF')?.variants?.map((v) => v.stock)).toEqual([UNLIMITED_STOCK, 2]);
    expect(summarizeShow(show, {})).toMatch(
      /GIFT +Gift card — 25\.00 EUR, stock unlimited, max 5000 per buyer\n.*PDF +Pattern — 8\.00 EUR, stock A4: unlimited, A3: 2/,
    );
  });

  it('GIVEN an unlimited product WHEN a viewer buys 1,000 units and another 1,000 more THEN both are ordered in full, nobody is waitlisted, and neither !stock nor the storefront says 0 left or sold out', async () => {
    const chat = new MemoryChannel('twitch', ['shop']);
    t = await startTestApp(show, [chat]);
    await chat.say({ id: 'ann', name: 'Ann' }, '!buy GIFT 1000');
    await chat.say({ id: 'ben', name: 'Ben' }, '!buy GIFT 1000');
    await t.app.idle();
    const lines = await t.app.store.models.OrderLine.findAll();
    expect(lines.map((l) => l.qty)).toEqual([1000, 1000]);
    expect(await t.app.store.models.WaitlistEntry.count()).toBe(0);
    const gift = await t.app.store.models.Product.findOne({ where: { sku: 'GIFT' } });
    expect(gift?.stockAvailable).toBe(UNLIMITED_STOCK - 2000);
    expect(isUnlimitedStock(gift!.stockAvailable)).toBe(true);

    await chat.say({ id: 'cem', name: 'Cem' }, '!stock GIFT');
    await t.app.idle();
    const reply = chat.texts().at(-1) ?? '';
    expect(reply).toMatch(/Gift card: plenty left\./);

    const storefront = (await (await fetch(`${t.app.url}/api/storefront`)).json()) as {
      catalog: Array<{ sku: string; variants: Array<{ available: number; unlimited: boolean }> }>;
    };
    const shown = storefront.catalog.find((p) => p.sku === 'GIFT')!.variants[0]!;
    expect(isUnlimitedStock(shown.available)).toBe(true);
    // The page reads the flag and says "In stock" rather than a billion left.
    expect(shown.unlimited).toBe(true);
  });

  it('GIVEN units held of an unlimited product WHEN the file changes it to 50 and back THEN availability moves by the difference like any restock', async () => {
    t = await startTestApp(show, []);
    const gift = async () => (await t!.app.store.models.Product.findOne({ where: { sku: 'GIFT' } }))!;
    await (await gift()).update({ stockAvailable: UNLIMITED_STOCK - 10 });
    const fifty = { ...show, products: show.products.map((p) => (p.sku === 'GIFT' ? { ...p, stock: 50 } : p)) };
    await syncCatalog(t.app.store, fifty);
    expect((await gift()).stockAvailable).toBe(40);
    await syncCatalog(t.app.store, show);
    expect((await gift()).stockAvailable).toBe(UNLIMITED_STOCK - 10);
  });
});
