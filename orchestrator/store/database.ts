import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Sequelize } from 'sequelize';

export interface DatabaseOptions {
  /** A sequelize URL (postgres://…, mysql://…); SQLite is used when absent. */
  url?: string;
  /** SQLite file, or ':memory:' for tests. */
  sqlitePath?: string;
}

const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the store: SQLite in WAL mode by default (readers never block the writer, and a crash
 * keeps every committed order), or any sequelize dialect from DATABASE_URL.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Sequelize> {
  if (options.url) {
    const db = new Sequelize(options.url, { logging: false });
    await db.authenticate();
    return db;
  }
  const storage = options.sqlitePath ?? 'data/showcart.sqlite';
  if (storage !== ':memory:') mkdirSync(dirname(storage), { recursive: true });
  const db = new Sequelize({
    dialect: 'sqlite',
    storage,
    logging: false,
    // A writer that finds the file locked retries instead of failing the viewer's order.
    retry: { match: [/SQLITE_BUSY/], max: 10 },
  });
  setBusyTimeoutOnEveryConnection(db);
  if (storage !== ':memory:') reuseOneWriterConnection(db);
  await db.authenticate();
  if (storage !== ':memory:') {
    await db.query('PRAGMA journal_mode=WAL');
    await db.query('PRAGMA synchronous=NORMAL');
  }
  return db;
}

/** Human-readable description of where data lives, never including credentials. */
export function describeDatabase(options: DatabaseOptions): string {
  if (!options.url) return `SQLite ${options.sqlitePath ?? 'data/showcart.sqlite'}`;
  try {
    const u = new URL(options.url);
    return `${u.protocol.replace(':', '')} at ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'DATABASE_URL (unparseable)';
  }
}

interface SqliteHandle {
  configure(option: 'busyTimeout', ms: number): void;
}

/**
 * Sequelize opens a new SQLite connection per transaction and sets no busy timeout on it, so
 * two concurrent transactions would fail with SQLITE_BUSY at once instead of waiting their turn.
 */
function setBusyTimeoutOnEveryConnection(db: Sequelize): void {
  const manager = db.connectionManager as unknown as { getConnection(o?: object): Promise<SqliteHandle> };
  const original = manager.getConnection.bind(manager);
  const configured = new WeakSet<object>();
  manager.getConnection = async (o?: object) => {
    const connection = await original(o);
    if (!configured.has(connection)) {
      connection.configure('busyTimeout', BUSY_TIMEOUT_MS);
      configured.add(connection);
    }
    return connection;
  };
}

interface Pooled {
  getConnection(o?: { uuid?: string }): Promise<object>;
  releaseConnection(connection: object, force?: boolean): unknown;
}

/**
 * Sequelize's SQLite dialect opens (and afterwards closes) a new database connection for every
 * transaction: a file open, a mkdir and pragmas each time. Write transactions run one at a time
 * (WriteQueue), so they all share one connection that stays open; reads outside transactions keep
 * their own. `npm run bench -- order` with 1,500 buyers: 215 → 316 buys/s.
 */
function reuseOneWriterConnection(db: Sequelize): void {
  const manager = db.connectionManager as unknown as Pooled;
  const get = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  let writer: object | undefined;
  manager.getConnection = async (o) => {
    if (!o?.uuid || o.uuid === 'default') return get(o);
    writer ??= await get({ ...o, uuid: 'showcart-writer' });
    return writer;
  };
  manager.releaseConnection = (connection, force) => (connection === writer && !force ? undefined : release(connection, force));
}
