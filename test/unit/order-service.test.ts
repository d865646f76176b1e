import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBuy } from '../../orchestrator/commerce/buy-request.js';
import { Catalog } from '../../orchestrator/commerce/catalog.js';
import type { Buyer } from '../../orchestrator/commerce/order-types.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';
import { testConfig } from '../support/test-show.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedRules } from '../support/order-rules.js';
import { cartsOf, paid } from '../support/carts.js';
import type { Carts } from '../../orchestrator/commerce/carts/cart-service.js';

const config = testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 10 }
  - { sku: CAP, title: Capped, price: 5, stock: 50, maxPerBuyer: 2 }
checkout: { linkTemplate: "https://pay.example/{order}", hold: 15m }`);
const catalog = new Catalog(config);

function request(words: string[]) {
  const r = parseBuy(words, catalog, undefined, '!');
  if (!r.ok) throw new Error(r.message);
  return r.request;
}

describe('order service: the stock ledger', () => {
  let store: Store;
  let dir: string;
  let service: OrderService;
  let carts: Carts;
  let viewers: ViewerDirectory;
  const buyer = async (n: number): Promise<Buyer> => {
    const ref = await viewers.resolve('twitch', { id: `u${n}`, name: `Viewer ${n}`, roles: [] });
    return { ...ref, platform: 'twitch', userId: `u${n}`, name: `Viewer ${n}`, channelId: 'c' };
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'showcart-orders-'));
    store = await openStore({ sqlitePath: join(dir, 'orders.sqlite') });
    await syncCatalog(store, config);
    viewers = new ViewerDirectory(store);
    service = new OrderService(store, config.show.id, fixedRules(catalog, { mode: 'hold', holdMs: 15 * 60_000 }));
    carts = cartsOf(store, config.show.id, service);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN 2,000 viewers buying the same product with 10 units at once WHEN the orders land THEN exactly 10 are reserved and the rest waitlisted in order', async () => {
    const buyers = await Promise.all(Array.from({ length: 2000 }, (_, i) => buyer(i)));
    const results = await Promise.all(buyers.map((b) => service.place(b, request(['LAST']))));
    expect(results.filter((r) => r.kind === 'ordered')).toHaveLength(10);
    expect(results.filter((r) => r.kind === 'waitlisted')).toHaveLength(1990);
    expect(results.slice(0, 10).every((r) => r.kind === 'ordered')).toBe(true);
    const positions = results.slice(10).map((r) => (r.kind === 'waitlisted' ? r.position : -1));
    expect(positions).toEqual(Array.from({ length: 1990 }, (_, i) => i + 1));
    const product = await store.models.Product.findOne({ where: { sku: 'LAST' } });
    expect(product?.stockAvailable).toBe(0);
    const waiting = await store.models.WaitlistEntry.findAll({ where: { status: 'waiting' }, order: [['id', 'ASC']] });
    expect(waiting.map((w) => w.viewerId)).toEqual(buyers.slice(10).map((b) => b.viewerId));
  }, 120_000);

  it('GIVEN a cap of 2 per buyer WHEN one viewer asks for 3 and then 1 more THEN they get 2 and are told the cap', async () => {
    const anna = await buyer(1);
    const first = await service.place(anna, request(['CAP', '3']));
    expect(first).toMatchObject({ kind: 'ordered', order: { qty: 2, totalCents: 1000 } });
    expect(await service.place(anna, request(['CAP']))).toEqual({ kind: 'capped', max: 2, already: 2 });
  });

  it('GIVEN fewer units left than asked WHEN ordered THEN the rest goes to the waitlist', async () => {
    await service.place(await buyer(2), request(['LAST', '8']));
    const result = await service.place(await buyer(1), request(['LAST', '5']));
    expect(result).toMatchObject({ kind: 'ordered', order: { qty: 2 }, waitlisted: { qty: 3, position: 1 } });
  });

  it('GIVEN more asked than the product has at all WHEN ordered THEN the order is for what exists and nothing waits for units that will never come', async () => {
    const result = await service.place(await buyer(1), request(['LAST', '12']));
    expect(result).toMatchObject({ kind: 'ordered', order: { qty: 10 } });
    expect('waitlisted' in result && result.waitlisted).toBeFalsy();
  });

  it('GIVEN a held cart WHEN it expires THEN the stock goes to the first waitlisted viewer, in their own cart with its own hold', async () => {
    const first = await service.place(await buyer(1), request(['LAST', '10']));
    const second = await service.place(await buyer(2), request(['LAST', '3']));
    expect(second).toMatchObject({ kind: 'waitlisted', qty: 3, position: 1 });
    if (first.kind !== 'ordered') throw new Error('expected an order');
    const released = await carts.release(first.cart.id, 'expired');
    expect(released?.released.map((o) => o.status)).toEqual(['expired']);
    expect(released?.cart.status).toBe('expired');
    expect(released?.offers).toHaveLength(1);
    expect(released?.offers[0]).toMatchObject({ qty: 3, status: 'held', buyer: { userId: 'u2' } });
    expect(released?.offeredCarts[0]).toMatchObject({ status: 'open', buyer: { userId: 'u2' } });
    expect(released?.offeredCarts[0]?.lines).toHaveLength(1);
    expect((await store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(7);
    expect(await carts.release(first.cart.id, 'expired')).toBeUndefined();
  });

  it('GIVEN one viewer buying three times WHEN the buys land THEN they are three lines of one cart whose hold each add extends', async () => {
    const anna = await buyer(1);
    const a = await service.place(anna, request(['LAST', '1']));
    const b = await service.place(anna, request(['CAP', '1']));
    const c = await service.place(anna, request(['LAST', '2']));
    if (a.kind !== 'ordered' || b.kind !== 'ordered' || c.kind !== 'ordered') throw new Error('expected orders');
    expect(new Set([a.cart.id, b.cart.id, c.cart.id]).size).toBe(1);
    expect(c.cart).toMatchObject({ lines: 3, itemsCents: 1000 + 500 + 2000 });
    expect(c.cart.holdExpiresAt).toBeGreaterThanOrEqual(a.cart.holdExpiresAt!);
    const view = await carts.view(a.cart.token);
    expect(view?.lines.map((l) => [l.n, l.order.sku, l.order.qty, l.order.holdExpiresAt])).toEqual([
      [1, 'LAST', 1, c.cart.holdExpiresAt],
      [2, 'CAP', 1, c.cart.holdExpiresAt],
      [3, 'LAST', 2, c.cart.holdExpiresAt],
    ]);
  });

  it('GIVEN a paid event WHEN applied twice, with a wrong amount, or a second payment arrives THEN it pays once, refuses the mismatch and flags the second payment for a refund', async () => {
    const placed = await service.place(await buyer(1), request(['CAP', '2']));
    if (placed.kind !== 'ordered') throw new Error('expected an order');
    const id = placed.cart.publicId;
    expect(await carts.pay(paid(id, 999, 'evt1'))).toMatchObject({ kind: 'amount-mismatch', expectedCents: 1000, currency: 'EUR' });
    expect((await carts.pay(paid(id, 1000, 'evt1'))).kind).toBe('paid');
    expect((await carts.pay(paid(id, 1000, 'evt1'))).kind).toBe('duplicate');
    expect(await carts.pay(paid(id, 1000, 'evt2'))).toMatchObject({ kind: 'paid-twice', refundCents: 1000 });
    expect(await carts.pay(paid(id, 1000, 'pi_1', 'stripe'))).toMatchObject({ kind: 'paid-twice', refundCents: 1000 });
    expect((await carts.pay(paid(id, 1000, 'evt2'))).kind).toBe('duplicate');
    expect((await carts.pay(paid('NOPE1234', 1000, 'evt3'))).kind).toBe('unknown-cart');
    expect((await carts.pay(paid(placed.order.publicId, 1000, 'evt4'))).kind).toBe('paid-twice');
    expect(await carts.release(placed.cart.id, 'expired')).toBeUndefined();
    expect((await carts.view(id))?.refundCents).toBe(3000);
  });

  it('GIVEN first-paid mode WHEN two pay for the last unit THEN the first payment gets it and the second is told it sold out and owed a refund', async () => {
    const fp = new OrderService(store, config.show.id, fixedRules(catalog, { mode: 'first-paid', holdMs: 0 }));
    const fpCarts = cartsOf(store, config.show.id, fp);
    const placed = [];
    for (const n of [1, 2]) {
      const r = await fp.place(await buyer(n), request(['LAST', '10']));
      if (r.kind !== 'ordered') throw new Error('expected an order');
      expect(r.order.status).toBe('pending');
      expect(r.cart.holdExpiresAt).toBeUndefined();
      placed.push(r);
    }
    expect((await store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(10);
    expect((await fpCarts.pay(paid(placed[1]!.cart.publicId, 10_000, 'e1'))).kind).toBe('paid');
    const late = await fpCarts.pay(paid(placed[0]!.cart.publicId, 10_000, 'e2'));
    expect(late).toMatchObject({ kind: 'paid', orders: [], cart: { status: 'cancelled', fulfilment: 'refund-due', refundCents: 10_000 } });
    expect(late.kind === 'paid' && late.soldOut.map((o) => o.sku)).toEqual(['LAST']);
    expect((await store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(0);
  });
});
