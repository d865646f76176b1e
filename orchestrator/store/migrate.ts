import type { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug, type MigrationParams } from 'umzug';
import type { QueryInterface } from 'sequelize';
import * as core from './migrations/001-core.js';
import * as engagement from './migrations/002-engagement.js';
import * as commerce from './migrations/003-commerce.js';
import * as tips from './migrations/005-tips.js';
import * as viewerLinks from './migrations/004-viewer-links.js';
import * as orderOrigin from './migrations/006-order-origin.js';
import * as carts from './migrations/007-carts.js';
import * as stockFile from './migrations/008-stock-file.js';
import * as auctions from './migrations/009-auctions.js';
import * as giveaways from './migrations/010-giveaways.js';
import * as showLinkCodes from './migrations/011-show-link-codes.js';
import * as orderRequestKey from './migrations/012-order-request-key.js';
import * as botTokens from './migrations/013-bot-tokens.js';

type Step = { up: (p: MigrationParams<QueryInterface>) => Promise<void>; down: (p: MigrationParams<QueryInterface>) => Promise<void> };

/** In order; a migration, once released, is never edited: later changes are new entries. */
export const MIGRATIONS: ReadonlyArray<{ name: string; step: Step }> = [
  { name: '001-core', step: core },
  { name: '002-engagement', step: engagement },
  { name: '003-commerce', step: commerce },
  { name: '004-viewer-links', step: viewerLinks },
  { name: '005-tips', step: tips },
  { name: '006-order-origin', step: orderOrigin },
  { name: '007-carts', step: carts },
  { name: '008-stock-file', step: stockFile },
  { name: '009-auctions', step: auctions },
  { name: '010-giveaways', step: giveaways },
  { name: '011-show-link-codes', step: showLinkCodes },
  { name: '012-order-request-key', step: orderRequestKey },
  { name: '013-bot-tokens', step: botTokens },
];

export function migrator(db: Sequelize, upTo = MIGRATIONS.length): Umzug<QueryInterface> {
  return new Umzug({
    migrations: MIGRATIONS.slice(0, upTo).map(({ name, step }) => ({ name, up: step.up, down: step.down })),
    context: db.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize: db, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Applies every pending migration in order; returns the names of those it applied. */
export async function migrate(db: Sequelize): Promise<string[]> {
  const applied = await migrator(db).up();
  return applied.map((m) => m.name);
}
