import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseBuy } from '../../orchestrator/commerce/buy-request.js';
import { Catalog } from '../../orchestrator/commerce/catalog.js';
import { OrderService } from '../../orchestrator/commerce/order-service.js';
import type { Buyer } from '../../orchestrator/commerce/order-types.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { ViewerDirectory } from '../../orchestrator/store/viewer-directory.js';
import { fixedRules } from '../support/order-rules.js';
import { testConfig } from '../support/test-show.js';

const config = testConfig(`  - { sku: PIN, title: Pin, price: 3, stock: 10 }
checkout: { linkTemplate: "https://pay.example/{order}", hold: 15m }`);
const catalog = new Catalog(config);
const request = (sku: string, code?: string) => {
  const r = parseBuy(code ? [sku, code] : [sku], catalog, undefined, '!');
  if (!r.ok) throw new Error(r.message);
  return r.request;
};

/** A web edge's command may be delivered twice (JetStream after a crash before the ack): its order is placed once. */
describe('order ledger: request keys', () => {
  let store: Store;
  let dir: string;
  let service: OrderService;
  let viewers: ViewerDirectory;
  const buyer = async (n: number, requestKey?: string): Promise<Buyer> => {
    const ref = await viewers.resolve('web', { id: `w${n}`, name: `Viewer ${n}`, roles: [] });
    return { ...ref, platform: 'web', userId: `w${n}`, name: `Viewer ${n}`, channelId: 'web', ...(requestKey && { requestKey }) };
  };
  const units = async () => (await store.models.Product.findOne({ where: { sku: 'MUG' } }))!.stockAvailable;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'showcart-request-key-'));
    store = await openStore({ sqlitePath: join(dir, 'orders.sqlite') });
    await syncCatalog(store, config);
    viewers = new ViewerDirectory(store);
    service = new OrderService(store, config.show.id, fixedRules(catalog, { mode: 'hold', holdMs: 15 * 60_000 }));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a keyed buy that was placed WHEN the same key comes again, later or in the same batch THEN it is a duplicate and takes no stock', async () => {
    const first = await service.place(await buyer(1, 'web:edge-a-1'), request('MUG'));
    expect(first.kind).toBe('ordered');
    expect(await service.place(await buyer(1, 'web:edge-a-1'), request('MUG'))).toEqual({ kind: 'duplicate' });
    // Two deliveries in flight at once land in one batch: the first places, the second is the duplicate.
    const both = await Promise.all([
      service.place(await buyer(2, 'web:edge-b-7'), request('MUG')),
      service.place(await buyer(2, 'web:edge-b-7'), request('MUG')),
    ]);
    expect(both.map((r) => r.kind)).toEqual(['ordered', 'duplicate']);
    expect(await units()).toBe(1);
    expect(await store.models.Order.count({ where: { requestKey: 'web:edge-b-7' } })).toBe(1);
  });

  it('GIVEN buys without a key, and keys of other requests WHEN placed THEN each is an order of its own', async () => {
    const results = await Promise.all([
      service.place(await buyer(3), request('MUG')),
      service.place(await buyer(3), request('MUG')),
      service.place(await buyer(3, 'web:edge-a-2'), request('PIN')),
      service.place(await buyer(3, 'web:edge-a-3'), request('PIN')),
    ]);
    expect(results.map((r) => r.kind)).toEqual(['ordered', 'ordered', 'ordered', 'ordered']);
    expect(await units()).toBe(1);
  });
});
