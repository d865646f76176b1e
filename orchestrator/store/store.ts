import type { Sequelize } from 'sequelize';
import { WriteQueue } from './write-queue.js';
import { openDatabase, type DatabaseOptions } from './database.js';
import { migrate } from './migrate.js';
import { bindModels, type Models } from './models.js';

/** The opened, migrated database with its models bound. */
export interface Store {
  db: Sequelize;
  /** This store's own models: reach tables through these (or through a service given them), never a global. */
  models: Models;
  /** Names of the migrations applied while opening (empty when the schema was current). */
  applied: string[];
  /** Every write transaction goes through this one queue (see WriteQueue). */
  writes: WriteQueue;
  close(): Promise<void>;
}

/** What services that read and write the store are given: the database, its own models, and the one write queue. */
export type StoreAccess = Pick<Store, 'db' | 'models' | 'writes'>;

/** Opens the database, applies pending migrations (never drops user data), and binds its own models. */
export async function openStore(options: DatabaseOptions): Promise<Store> {
  const db = await openDatabase(options);
  const applied = await migrate(db);
  const models = bindModels(db);
  const writes = new WriteQueue(db);
  return {
    db,
    models,
    applied,
    writes,
    close: async () => {
      await writes.idle();
      await db.close();
    },
  };
}
