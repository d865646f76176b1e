import type { Sequelize } from 'sequelize';
import { WriteQueue } from './write-queue.js';
import { openDatabase, type DatabaseOptions } from './database.js';
import { migrate } from './migrate.js';
import { initCoreModels } from './models-core.js';
import { initEngagementModels } from './models-engagement.js';
import { initTipModel } from './models-tips.js';

/** The opened, migrated database with its models bound. */
export interface Store {
  db: Sequelize;
  /** Names of the migrations applied while opening (empty when the schema was current). */
  applied: string[];
  /** Every write transaction goes through this one queue (see WriteQueue). */
  writes: WriteQueue;
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations (never drops user data), and binds the models. */
export async function openStore(options: DatabaseOptions): Promise<Store> {
  const db = await openDatabase(options);
  const applied = await migrate(db);
  initCoreModels(db);
  initEngagementModels(db);
  initTipModel(db);
  const writes = new WriteQueue(db);
  return {
    db,
    applied,
    writes,
    close: async () => {
      await writes.idle();
      await db.close();
    },
  };
}
