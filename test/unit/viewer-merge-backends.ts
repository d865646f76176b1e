import { QueryTypes } from 'sequelize';
import { postgresDatabase } from '../support/shared-database.js';
import { openStore, type Store } from '../../orchestrator/store/store.js';

/** A store to run the same merge tests on: SQLite always, PostgreSQL when a test server is given. */
export interface Backend {
  name: string;
  open(): Promise<Store>;
  /** Columns (`table.column`) with a foreign key to viewers, read from the live schema. */
  viewerReferences(store: Store): Promise<string[]>;
  dispose(): Promise<void>;
}

const sqlite: Backend = {
  name: 'SQLite',
  open: () => openStore({ sqlitePath: ':memory:' }),
  async viewerReferences(store) {
    const tables = await store.db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", {
      type: QueryTypes.SELECT,
    });
    const found: string[] = [];
    for (const { name } of tables) {
      const keys = await store.db.query<{ table: string; from: string }>(`PRAGMA foreign_key_list(${name})`, { type: QueryTypes.SELECT });
      for (const k of keys) if (k.table === 'viewers') found.push(`${name}.${k.from}`);
    }
    return found.sort();
  },
  dispose: async () => undefined,
};

/**
 * PostgreSQL in a database of its own: store-postgres.test.ts empties the shared test database
 * while other test files run in parallel, and sequelize only looks for tables in `public`, so a
 * separate schema would not do. One database per test file (`tag`): files run in parallel.
 */
function postgres(baseUrl: string, tag: string): Backend {
  const database = postgresDatabase(baseUrl, tag);
  return {
    name: 'PostgreSQL',
    open: async () => openStore(await database.fresh()),
    async viewerReferences(store) {
      const rows = await store.db.query<{ table_name: string; column_name: string }>(
        `SELECT kcu.table_name, kcu.column_name
           FROM information_schema.table_constraints tc
           JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
           JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
          WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'viewers' AND tc.table_schema = 'public'`,
        { type: QueryTypes.SELECT },
      );
      return rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
    },
    dispose: () => database.dispose(),
  };
}

/** SQLite, plus PostgreSQL when SHOWCART_TEST_DATABASE_URL is set (CI sets it; see .ci/run). */
export function backends(tag: string): Backend[] {
  const url = process.env.SHOWCART_TEST_DATABASE_URL;
  return url ? [sqlite, postgres(url, tag)] : [sqlite];
}
