import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../orchestrator/store/database.js';
import { migrator, MIGRATIONS } from '../../orchestrator/store/migrate.js';
import { openStore } from '../../orchestrator/store/store.js';
import { syncCatalog } from '../../orchestrator/store/catalog-sync.js';
import { Bus } from '../../orchestrator/bus.js';
import { EventLog } from '../../orchestrator/events/event-log.js';
import { memoryLog } from '../support/quiet-log.js';
import { testConfig } from '../support/test-show.js';

/** Set by .ci/run, which installs and starts PostgreSQL; locally: a throwaway database you own. */
const url = process.env.SHOWCART_TEST_DATABASE_URL;

async function emptyDatabase(): Promise<void> {
  const db = await openDatabase({ url: url! });
  await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await db.close();
}

describe.skipIf(!url)('the same store on PostgreSQL (DATABASE_URL)', () => {
  it('GIVEN an empty PostgreSQL database WHEN opened THEN every migration runs and the catalog syncs', async () => {
    await emptyDatabase();
    const store = await openStore({ url: url! });
    expect(store.applied).toEqual(MIGRATIONS.map((m) => m.name));
    await syncCatalog(store, testConfig());
    expect((await store.models.Product.findOne({ where: { sku: 'MUG' } }))?.stockAvailable).toBe(3);
    await store.close();
  });

  it('GIVEN a database from an older version WHEN opened THEN only the new migrations run and data stays', async () => {
    await emptyDatabase();
    const old = await openDatabase({ url: url! });
    await migrator(old, 1).up();
    await old.query("INSERT INTO viewers (display_name, created_at, updated_at) VALUES ('Anna', now(), now())");
    await old.close();
    const store = await openStore({ url: url! });
    expect(store.applied).toEqual(MIGRATIONS.slice(1).map((m) => m.name));
    const [rows] = await store.db.query('SELECT display_name FROM viewers');
    expect(rows).toEqual([{ display_name: 'Anna' }]);
    await store.close();
  });

  it('GIVEN the event log WHEN anyone tries to change history THEN PostgreSQL refuses too', async () => {
    await emptyDatabase();
    const store = await openStore({ url: url! });
    await store.db.query(`INSERT INTO events (show_id, type, at, data) VALUES ('s', 'chat.message', 1, '{}')`);
    const refused = { original: { message: expect.stringMatching(/the event log is append-only/) } };
    await expect(store.db.query("UPDATE events SET type = 'x'")).rejects.toMatchObject(refused);
    await expect(store.db.query('DELETE FROM events')).rejects.toMatchObject(refused);
    await store.close();
  });
  it('GIVEN the event log on PostgreSQL WHEN a batch is appended THEN every row reads back in order with its data', async () => {
    await emptyDatabase();
    const store = await openStore({ url: url! });
    const bus = new Bus(() => undefined);
    const log = new EventLog(
      bus,
      store.models.LoggedEvent,
      () => 'pg-show',
      () => ({ runId: null, showMs: null }),
      memoryLog().log,
    );
    for (let i = 0; i < 250; i++) void bus.emit('poll.vote', { platform: 'twitch', poll: `line ${i} 'quoted' ✓`, option: i, replaced: false });
    await log.flush();
    const rows = await store.models.LoggedEvent.findAll({ order: [['id', 'ASC']] });
    expect(rows).toHaveLength(250);
    expect(rows[249]!.data).toEqual({ poll: "line 249 'quoted' ✓", option: 249, replaced: false });
    expect(rows.map((r) => (r.data as { option: number }).option)).toEqual([...Array(250).keys()]);
    await store.close();
  });
});
