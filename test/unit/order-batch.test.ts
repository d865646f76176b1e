import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBuy } from '../../orchestrator/commerce/buy-request.js';
import { Catalog } from '../../orchestrator/commerce/catalog.js';
import type { Buyer, PlaceResult } from '../../orchestrator/commerce/order-types.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import { PromoCodes } from '../../orchestrator/commerce/promo-codes.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import type { Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';
import { WriteGroup, WriteQueue } from '../../orchestrator/store/write-queue.js';
import { testConfig } from '../support/test-show.js';
import { backends } from './viewer-merge-backends.js';
import { fixedRules } from '../support/order-rules.js';

const config = testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 3 }
  - { sku: CAP, title: Capped, price: 5, stock: 50, maxPerBuyer: 2 }
checkout: { linkTemplate: "https://pay.example/{order}", hold: 15m }
promotions: { codes: [{ code: TEN, discount: { percent: 10 } }] }`);
/** The show file as the buyers' parser knows it: GHOST was added to the file but is not in the store yet. */
const catalog = new Catalog(
  testConfig(`  - { sku: LAST, title: Last candle, price: 10, stock: 3 }
  - { sku: CAP, title: Capped, price: 5, stock: 50, maxPerBuyer: 2 }
  - { sku: GHOST, title: Ghost, price: 1, stock: 1 }`),
);
const request = (words: string[]) => {
  const r = parseBuy(words, catalog, undefined, '!');
  if (!r.ok) throw new Error(r.message);
  return r.request;
};
const kinds = (results: PromiseSettledResult<PlaceResult>[]) => results.map((r) => (r.status === 'fulfilled' ? r.value.kind : 'failed'));
const positionOf = (r: PromiseSettledResult<PlaceResult>) => (r.status === 'fulfilled' && r.value.kind === 'waitlisted' ? r.value.position : undefined);

for (const backend of backends('order_batch')) {
  describe(`buys placed together in one transaction (${backend.name})`, () => {
    let store: Store;
    let service: OrderService;
    let buyers: Buyer[];

    /** The database itself refuses this viewer's rows in `table`: a failure no in-memory check foresees. */
    const refuseRows = async (table: 'orders' | 'waitlist', viewerId: number) => {
      if (store.db.getDialect() === 'sqlite') {
        await store.db.query(
          `CREATE TRIGGER refuse_${table} BEFORE INSERT ON ${table} WHEN NEW.viewer_id = ${viewerId} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`,
        );
      } else {
        await store.db.query(
          `CREATE FUNCTION refuse_${table}() RETURNS trigger AS $$ BEGIN IF NEW.viewer_id = ${viewerId} THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
        );
        await store.db.query(`CREATE TRIGGER refuse_${table} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_${table}()`);
      }
    };

    beforeEach(async () => {
      store = await backend.open();
      await syncCatalog(store, config);
      const codes = new PromoCodes(store, config.show.id);
      await codes.sync(config);
      service = new OrderService(store, config.show.id, fixedRules(catalog, { mode: 'hold', holdMs: 15 * 60_000 }), { codes });
      const viewers = new ViewerDirectory(store);
      buyers = [];
      for (let n = 0; n < 6; n++) {
        const ref = await viewers.resolve('twitch', { id: `u${n}`, name: `Viewer ${n}`, roles: [] });
        buyers.push({ ...ref, platform: 'twitch', userId: `u${n}`, name: `Viewer ${n}`, channelId: 'c' });
      }
    });
    afterEach(() => store.close());
    afterAll(() => backend.dispose());

    it('GIVEN buys arriving while a write runs WHEN it ends THEN they run together, each answered only after the commit', async () => {
      const writes = new WriteQueue(store.db);
      const groups: number[][] = [];
      const group = new WriteGroup<number, number>(writes, async (_t, items) => {
        groups.push([...items]);
        return items.map((n) => ({ ok: true, value: n * 10 }));
      });
      let finish!: () => void;
      let begun!: () => void;
      const running = new Promise<void>((resolve) => (begun = resolve));
      const busy = writes.run(
        () =>
          new Promise<void>((resolve) => {
            finish = resolve;
            begun();
          }),
      );
      await running;
      // The group opens with the first call and stays open until its write can start (after `busy`).
      const first = group.submit(1);
      const later = [group.submit(2), group.submit(3), group.submit(4)];
      finish();
      await busy;
      expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40]);
      expect(groups).toEqual([[1, 2, 3, 4]]);
    });

    it('GIVEN six buys for three units at once WHEN placed THEN the first three are ordered and the rest waitlisted in arrival order', async () => {
      const results = await Promise.allSettled(buyers.map((b) => service.place(b, request(['LAST']))));
      expect(kinds(results)).toEqual(['ordered', 'ordered', 'ordered', 'waitlisted', 'waitlisted', 'waitlisted']);
      expect(results.slice(3).map(positionOf)).toEqual([1, 2, 3]);
      const waiting = await store.models.WaitlistEntry.findAll({ where: { status: 'waiting' }, order: [['id', 'ASC']] });
      expect(waiting.map((w) => w.viewerId)).toEqual(buyers.slice(3).map((b) => b.viewerId));
      expect((await store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(0);
    });

    it('GIVEN a batch where the database refuses one order WHEN placed THEN that order fails alone and the others keep their units', async () => {
      await refuseRows('orders', buyers[1]!.viewerId);
      const results = await Promise.allSettled(buyers.slice(0, 4).map((b) => service.place(b, request(['LAST']))));
      expect(kinds(results)).toEqual(['ordered', 'failed', 'ordered', 'ordered']);
      expect(await store.models.Order.count()).toBe(3);
      expect((await store.models.Product.findOne({ where: { sku: 'LAST' } }))?.stockAvailable).toBe(0);
    });

    it('GIVEN a batch where the database refuses one waitlist entry WHEN placed THEN the others keep their places, in order and without a gap', async () => {
      await refuseRows('waitlist', buyers[4]!.viewerId);
      const results = await Promise.allSettled(buyers.map((b) => service.place(b, request(['LAST']))));
      expect(kinds(results)).toEqual(['ordered', 'ordered', 'ordered', 'waitlisted', 'failed', 'waitlisted']);
      expect([positionOf(results[3]!), positionOf(results[5]!)]).toEqual([1, 2]);
    });

    it('GIVEN a product missing from the store and a promo code in the middle of a batch WHEN placed THEN the missing one fails alone and the order of the rest holds', async () => {
      const words = [['LAST'], ['GHOST'], ['LAST', 'TEN'], ['LAST'], ['LAST', 'TEN'], ['LAST']];
      const results = await Promise.allSettled(buyers.map((b, i) => service.place(b, request(words[i]!))));
      expect(kinds(results)).toEqual(['ordered', 'failed', 'ordered', 'ordered', 'waitlisted', 'waitlisted']);
      expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'product GHOST/ is not in the store' } });
      expect(results[2]).toMatchObject({ value: { order: { code: 'TEN', totalCents: 900 } } });
      expect([positionOf(results[4]!), positionOf(results[5]!)]).toEqual([1, 2]);
    });

    it('GIVEN one viewer sending three buys of a capped product at once WHEN placed THEN the cap counts the batch too', async () => {
      const anna = buyers[0]!;
      const results = await Promise.allSettled([
        service.place(anna, request(['CAP'])),
        service.place(anna, request(['CAP', '3'])),
        service.place(anna, request(['CAP'])),
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason))).toEqual([
        expect.objectContaining({ kind: 'ordered', order: expect.objectContaining({ qty: 1 }) }),
        expect.objectContaining({ kind: 'ordered', order: expect.objectContaining({ qty: 1 }) }),
        { kind: 'capped', max: 2, already: 2 },
      ]);
    });
  });
}
