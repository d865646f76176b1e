import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBuy } from '../../orchestrator/commerce/buy-request.js';
import { Catalog } from '../../orchestrator/commerce/catalog.js';
import type { Buyer } from '../../orchestrator/commerce/order-types.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import { PromoCodes } from '../../orchestrator/commerce/promo-codes.js';
import { endOfDayIn } from '../../orchestrator/shared/zoned-time.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';
import { testConfig } from '../support/test-show.js';
import { fixedRules } from '../support/order-rules.js';
import { cartsOf } from '../support/carts.js';

const config = testConfig(`  - { sku: CUP, title: Cup, price: 20, stock: 100 }
checkout: { linkTemplate: "https://pay.example/{order}" }
promotions:
  codes:
    - { code: five, discount: { amount: 5 }, maxUses: 5 }
    - { code: CUPONLY, discount: { percent: 50 }, products: [CUP] }
    - { code: OLD, discount: { percent: 10 }, expires: "2020-01-31" }
    - { code: TWICE, discount: { percent: 10 }, maxUsesPerViewer: 2 }`);
const catalog = new Catalog(config);
const req = (words: string[]) => {
  const r = parseBuy(words, catalog, undefined, '!');
  if (!r.ok) throw new Error(r.message);
  return r.request;
};

describe('promo codes at buy time', () => {
  let store: Store;
  let orders: OrderService;
  let codes: PromoCodes;
  let viewers: ViewerDirectory;
  const buyer = async (n: number): Promise<Buyer> => ({
    ...(await viewers.resolve('web', { id: `w${n}`, name: `W${n}`, roles: [] })),
    platform: 'web',
    userId: `w${n}`,
    name: `W${n}`,
    channelId: 'web',
  });

  beforeEach(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    await syncCatalog(store, config);
    codes = new PromoCodes(store, config.show.id);
    await codes.sync(config);
    viewers = new ViewerDirectory(store);
    orders = new OrderService(store, config.show.id, fixedRules(catalog, { mode: 'hold', holdMs: 60_000 }), { codes });
  });
  afterEach(() => store.close());

  it('GIVEN a fixed code limited to 5 uses WHEN 20 viewers use it at once THEN exactly 5 orders get it and the rest are told it is used up', async () => {
    const buyers = await Promise.all(Array.from({ length: 20 }, (_, i) => buyer(i)));
    const results = await Promise.all(buyers.map((b) => orders.place(b, req(['CUP', 'FIVE']))));
    const discounted = results.filter((r) => r.kind === 'ordered');
    expect(discounted).toHaveLength(5);
    expect(discounted.every((r) => r.kind === 'ordered' && r.order.totalCents === 1500 && r.order.code === 'FIVE')).toBe(true);
    expect(results.filter((r) => r.kind === 'bad-code' && r.message === 'Code FIVE has been used up.')).toHaveLength(15);
    expect((await store.models.PromoCode.findOne({ where: { code: 'FIVE' } }))?.uses).toBe(5);
  });

  it('GIVEN a percent code for one product WHEN used on another THEN it is refused with where it works', async () => {
    expect(await orders.place(await buyer(1), req(['MUG', 'CUPONLY']))).toEqual({ kind: 'bad-code', message: 'Code CUPONLY works only for CUP.' });
    expect(await orders.place(await buyer(1), req(['CUP', '2', 'CUPONLY']))).toMatchObject({ kind: 'ordered', order: { totalCents: 2000 } });
  });

  it('GIVEN an expired, an unknown and a per-viewer-limited code WHEN used THEN each answer says why', async () => {
    const b = await buyer(2);
    expect(await orders.place(b, req(['CUP', 'OLD']))).toEqual({ kind: 'bad-code', message: 'Code OLD has expired.' });
    expect(await orders.place(b, req(['CUP', 'NOPE']))).toEqual({ kind: 'bad-code', message: 'Code NOPE does not exist.' });
    expect((await orders.place(b, req(['CUP', 'TWICE']))).kind).toBe('ordered');
    expect((await orders.place(b, req(['CUP', 'TWICE']))).kind).toBe('ordered');
    expect(await orders.place(b, req(['CUP', 'TWICE']))).toEqual({ kind: 'bad-code', message: 'You have already used code TWICE.' });
  });

  it('GIVEN an order with a code WHEN its hold expires THEN the use is given back', async () => {
    const placed = await orders.place(await buyer(3), req(['CUP', 'FIVE']));
    if (placed.kind !== 'ordered') throw new Error('expected an order');
    expect((await store.models.PromoCode.findOne({ where: { code: 'FIVE' } }))?.uses).toBe(1);
    await cartsOf(store, config.show.id, orders).release(placed.cart.id, 'expired');
    expect((await store.models.PromoCode.findOne({ where: { code: 'FIVE' } }))?.uses).toBe(0);
  });

  it('GIVEN "expires 2026-12-31" in Berlin WHEN read THEN the code works until 23:59:59 local, 22:59:59 UTC', () => {
    expect(new Date(endOfDayIn('2026-12-31', 'Europe/Berlin')).toISOString()).toBe('2026-12-31T22:59:59.999Z');
    expect(new Date(endOfDayIn('2026-07-01', 'America/New_York')).toISOString()).toBe('2026-07-02T03:59:59.999Z');
  });
});
