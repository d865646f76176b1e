import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../orchestrator/store/database.js';
import { migrator, MIGRATIONS } from '../../orchestrator/store/migrate.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';
import { testConfig } from '../support/test-show.js';

const TABLES = [
  'ambassadors',
  'auctions',
  'bids',
  'bot_logins',
  'bot_sessions',
  'cart_payments',
  'carts',
  'commissions',
  'events',
  'giveaway_entries',
  'giveaways',
  'identities',
  'link_codes',
  'order_lines',
  'orders',
  'polls',
  'products',
  'promo_codes',
  'redemptions',
  'schema_migrations',
  'show_runs',
  'shows',
  'tips',
  'viewers',
  'votes',
  'waitlist',
];

async function tables(store: Store): Promise<string[]> {
  const [rows] = await store.db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
  return (rows as Array<{ name: string }>).map((r) => r.name);
}

describe('store and migrations', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'showcart-store-'));
    dirs.push(dir);
    return join(dir, 'nested', 'showcart.sqlite');
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('GIVEN an empty database file WHEN opened THEN every migration runs, every table exists, and it is in WAL mode', async () => {
    const store = await openStore({ sqlitePath: tempFile() });
    expect(store.applied).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables(store)).toEqual(TABLES);
    const [[mode]] = (await store.db.query('PRAGMA journal_mode')) as [Array<{ journal_mode: string }>, unknown];
    expect(mode?.journal_mode).toBe('wal');
    await store.close();
  });

  it('GIVEN a database from an older version with data WHEN opened THEN only the new migrations run and the data stays', async () => {
    const file = tempFile();
    const old = await openDatabase({ sqlitePath: file });
    await migrator(old, 1).up();
    await old.query("INSERT INTO shows (id, name, created_at, updated_at) VALUES ('s1', 'Old show', '2026-01-01', '2026-01-01')");
    await old.query("INSERT INTO viewers (display_name, created_at, updated_at) VALUES ('Anna', '2026-01-01', '2026-01-01')");
    await old.close();

    const store = await openStore({ sqlitePath: file });
    expect(store.applied).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
    const [viewers] = await store.db.query('SELECT display_name FROM viewers');
    expect(viewers).toEqual([{ display_name: 'Anna' }]);
    await store.close();

    const again = await openStore({ sqlitePath: file });
    expect(again.applied).toEqual([]);
    await again.close();
  });

  it('GIVEN the event log WHEN anyone tries to change or delete history THEN the database refuses', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    await store.db.query("INSERT INTO events (show_id, type, at, data) VALUES ('s', 'chat.message', 1, '{}')");
    const refused = { original: { message: expect.stringMatching(/the event log is append-only/) } };
    await expect(store.db.query("UPDATE events SET type = 'x'")).rejects.toMatchObject(refused);
    await expect(store.db.query('DELETE FROM events')).rejects.toMatchObject(refused);
    const [[row]] = (await store.db.query('SELECT type FROM events')) as [Array<{ type: string }>, unknown];
    expect(row?.type).toBe('chat.message');
    await store.close();
  });

  it('GIVEN units were reserved WHEN the show file raises or lowers stock THEN availability moves by the difference, a deficit included', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const config = testConfig();
    expect(await syncCatalog(store, config)).toEqual([{ sku: 'MUG', variant: '', change: 'added' }]);
    const mug = await store.models.Product.findOne({ where: { sku: 'MUG' } });
    await mug!.update({ stockAvailable: 1 }); // two of three reserved

    config.products[0]!.stock = 10;
    expect(await syncCatalog(store, config)).toEqual([{ sku: 'MUG', variant: '', change: 'restocked' }]);
    await mug!.reload();
    expect([mug!.stockTotal, mug!.stockAvailable]).toEqual([10, 8]);

    // Two are still reserved: a stock of 1 leaves them one short, and that deficit is kept.
    config.products[0]!.stock = 1;
    expect(await syncCatalog(store, config)).toEqual([{ sku: 'MUG', variant: '', change: 'restocked', deficit: 1 }]);
    await mug!.reload();
    expect([mug!.stockTotal, mug!.stockAvailable]).toEqual([1, -1]);
    expect(await syncCatalog(store, config)).toEqual([]);
    await store.close();
  });

  it('GIVEN a restock from the dashboard WHEN the unchanged file is loaded again, then raised by 2 THEN the restock stays and the file adds its own 2', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const config = testConfig();
    await syncCatalog(store, config);
    const mug = await store.models.Product.findOne({ where: { sku: 'MUG' } });
    const { stockTotal, stockAvailable } = mug!;
    // What the dashboard's restock does to the row: five more units, the file's figure untouched.
    await mug!.update({ stockTotal: stockTotal + 5, stockAvailable: stockAvailable + 5 });

    expect(await syncCatalog(store, config)).toEqual([]);
    await mug!.reload();
    expect([mug!.stockTotal, mug!.stockAvailable]).toEqual([stockTotal + 5, stockAvailable + 5]);

    config.products[0]!.stock = (config.products[0]!.stock ?? 0) + 2;
    expect(await syncCatalog(store, config)).toEqual([{ sku: 'MUG', variant: '', change: 'restocked' }]);
    await mug!.reload();
    expect([mug!.stockTotal, mug!.stockAvailable, mug!.stockFile]).toEqual([stockTotal + 7, stockAvailable + 7, config.products[0]!.stock]);
    await store.close();
  });

  it('GIVEN variants with their own price WHEN synced THEN each variant is its own stock row in cents', async () => {
    const store = await openStore({ sqlitePath: ':memory:' });
    const config = testConfig(`  - sku: VAN
    title: Vanilla
    price: 24.99
    variants: [{ name: S, stock: 2 }, { name: L, stock: 1, price: 34.5 }]`);
    await syncCatalog(store, config);
    const rows = await store.models.Product.findAll({ where: { sku: 'VAN' }, order: [['variant', 'ASC']] });
    expect(rows.map((r) => [r.variant, r.priceCents, r.stockAvailable, r.currency])).toEqual([
      ['L', 3450, 1, 'EUR'],
      ['S', 2499, 2, 'EUR'],
    ]);
    await store.close();
  });
});
