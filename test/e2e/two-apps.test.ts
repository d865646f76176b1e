import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryChannel } from '../../bots/memory/memory-channel.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-show.js';

/**
 * Two shows in one process, each on its own SQLite file: every store binds its own models, so
 * nothing one app reads or writes can land in the other's database.
 */
describe('two apps in one process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showcart-two-apps-'));
  const chatA = new MemoryChannel('twitch', ['shop-a']);
  const chatB = new MemoryChannel('twitch', ['shop-b']);
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const config = (id: string, stock: number) =>
      testConfig(
        `  - { sku: CANDLE, title: Candle, price: 20, stock: ${stock} }
checkout: { linkTemplate: "https://pay.example/{order}" }
channels: { web: { enabled: false } }`.replace('test-show', id),
      );
    const showA = config('show-a', 5);
    showA.show.id = 'show-a';
    const showB = config('show-b', 7);
    showB.show.id = 'show-b';
    // Started one after the other: the second app's models must not rebind the first's.
    a = await startTestApp(showA, [chatA], { sqlitePath: join(dir, 'a.sqlite') });
    b = await startTestApp(showB, [chatB], { sqlitePath: join(dir, 'b.sqlite') });
  });
  afterAll(async () => {
    await a?.app.stop();
    await b?.app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN two apps on two SQLite files WHEN viewers buy and chat in each THEN orders, stock, events and viewers of one never appear in the other', async () => {
    await chatA.say({ id: 'anna', name: 'Anna' }, '!buy CANDLE 2');
    await chatA.say({ id: 'ben', name: 'Ben' }, 'hello from A');
    await chatB.say({ id: 'carl', name: 'Carl' }, '!buy CANDLE 3');
    await Promise.all([a.app.idle(), b.app.idle()]);

    const ordersOf = async (t: TestApp) => (await t.app.store.models.Order.findAll()).map((o) => ({ show: o.showId, total: o.totalCents }));
    expect(await ordersOf(a)).toEqual([{ show: 'show-a', total: 4000 }]);
    expect(await ordersOf(b)).toEqual([{ show: 'show-b', total: 6000 }]);

    const stockOf = async (t: TestApp) => (await t.app.store.models.Product.findAll({ where: { sku: 'CANDLE' } })).map((p) => [p.showId, p.stockAvailable]);
    expect(await stockOf(a)).toEqual([['show-a', 3]]);
    expect(await stockOf(b)).toEqual([['show-b', 4]]);

    const viewersOf = async (t: TestApp) => (await t.app.store.models.Viewer.findAll({ order: [['id', 'ASC']] })).map((v) => v.displayName);
    expect(await viewersOf(a)).toEqual(['Anna', 'Ben']);
    expect(await viewersOf(b)).toEqual(['Carl']);

    const eventsOf = async (t: TestApp) => new Set((await t.app.store.models.LoggedEvent.findAll()).map((e) => e.showId));
    expect(await eventsOf(a)).toEqual(new Set(['show-a']));
    expect(await eventsOf(b)).toEqual(new Set(['show-b']));

    // What each chat was told comes from its own ledger.
    await chatA.say({ id: 'anna', name: 'Anna' }, '!stock CANDLE');
    await chatB.say({ id: 'carl', name: 'Carl' }, '!stock CANDLE');
    await Promise.all([a.app.idle(), b.app.idle()]);
    expect(chatA.texts().at(-1)).toContain('Candle: 3 left.');
    expect(chatB.texts().at(-1)).toContain('Candle: 4 left.');
  });
});
