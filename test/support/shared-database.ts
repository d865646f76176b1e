import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseOptions } from '../../orchestrator/store/database.js';

/**
 * One database that several apps open by its address, as shows side by side do: a SQLite file
 * always, and PostgreSQL when SHOWCART_TEST_DATABASE_URL is set, in a database of its own per test
 * file (`tag`), as in test/unit/viewer-merge-backends.ts. `fresh()` empties it for the next test.
 */
export interface SharedDatabase {
  name: string;
  fresh(): Promise<DatabaseOptions>;
  dispose(): Promise<void>;
}

function sqlite(tag: string): SharedDatabase {
  const dir = mkdtempSync(join(tmpdir(), `showcart-${tag}-`));
  let n = 0;
  return {
    name: 'SQLite',
    fresh: async () => ({ sqlitePath: join(dir, `shows-${++n}.sqlite`) }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** PostgreSQL in a database of its own for one test file (`tag`); the role needs CREATEDB. */
export function postgresDatabase(baseUrl: string, tag: string): SharedDatabase {
  const own = new URL(baseUrl);
  const name = `${own.pathname.slice(1)}_${tag}`;
  own.pathname = `/${name}`;
  let created = false;
  const run = async (url: string, sql: string) => {
    const db = await openDatabase({ url });
    try {
      await db.query(sql);
    } finally {
      await db.close();
    }
  };
  return {
    name: 'PostgreSQL',
    async fresh() {
      if (!created) {
        await run(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await run(baseUrl, `CREATE DATABASE ${name}`).catch((err: unknown) => {
          throw new Error(`these tests need a PostgreSQL role that may CREATE DATABASE (${String(err)})`);
        });
        created = true;
      }
      await run(own.toString(), 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
      return { url: own.toString() };
    },
    async dispose() {
      if (created) await run(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** SQLite, plus PostgreSQL when SHOWCART_TEST_DATABASE_URL is set (CI sets it). */
export function sharedDatabases(tag: string): SharedDatabase[] {
  const url = process.env.SHOWCART_TEST_DATABASE_URL;
  return url ? [sqlite(tag), postgresDatabase(url, tag)] : [sqlite(tag)];
}
