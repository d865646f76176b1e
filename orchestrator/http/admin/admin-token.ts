import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Secrets } from '../../shared/secrets.js';

/** Where the admin token came from; never the token itself, so this can be logged and shown. */
export type AdminTokenSource = { kind: 'env'; name: string } | { kind: 'file'; path: string } | { kind: 'memory' };

export interface AdminToken {
  token: string;
  source: AdminTokenSource;
}

export interface AdminTokenOptions {
  /** The environment variable named by `admin.tokenEnv`. */
  tokenEnv: string;
  secrets: Secrets;
  /** Where a generated token is kept (`file` in it); null keeps it in memory for this run only. */
  dir: string | null;
  /** The token file's name in `dir`; `admin-token` unless given (see `adminTokenFile`). */
  file?: string;
  log: Logger;
}

export const ADMIN_TOKEN_FILE = 'admin-token';

/**
 * The token file's name for a show. A show run alone keeps `admin-token`, the name every existing
 * install, its scripts and its Prometheus `credentials_file` already use. Shows run side by side
 * (`--shows`) share one data directory, so each gets `admin-token-<show id>` and its own token: one
 * show's token must never open another's dashboard. The old file is not adopted by a show of a
 * folder, since any of them could claim it.
 */
export function adminTokenFile(showId: string, sideBySide: boolean): string {
  return sideBySide ? `${ADMIN_TOKEN_FILE}-${showId.replace(/[^A-Za-z0-9_-]/g, '_')}` : ADMIN_TOKEN_FILE;
}

/**
 * The admin token from the environment, else the one generated on an earlier start, else a new
 * random one written (0600) for the next start. Only where it lives is logged, never its value.
 */
export function resolveAdminToken(options: AdminTokenOptions): AdminToken {
  const { tokenEnv, secrets, dir, log } = options;
  const fromEnv = secrets.read(tokenEnv);
  if (fromEnv !== undefined) {
    log.info({ tokenEnv }, `admin token: from ${tokenEnv}`);
    return { token: fromEnv, source: { kind: 'env', name: tokenEnv } };
  }
  if (dir === null) {
    const token = generateToken(secrets);
    log.warn({ tokenEnv }, `admin token: generated for this run only (no data directory); set ${tokenEnv} to choose one`);
    return { token, source: { kind: 'memory' } };
  }
  const path = join(dir, options.file ?? ADMIN_TOKEN_FILE);
  const stored = readStored(path);
  if (stored !== undefined) {
    secrets.remember(stored);
    // A copied or restored file may have lost its mode; the token is as good as a password.
    chmodSync(path, 0o600);
    log.info({ file: path }, `admin token: in ${path} (or set ${tokenEnv})`);
    return { token: stored, source: { kind: 'file', path } };
  }
  const token = generateToken(secrets);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  log.info({ file: path }, `admin token: generated and stored in ${path} (or set ${tokenEnv})`);
  return { token, source: { kind: 'file', path } };
}

/** Where the token file goes for a database: next to the SQLite file; `data/` for a server database; none in memory. */
export function adminTokenDir(database: { url?: string; sqlitePath?: string }): string | null {
  if (database.url) return 'data';
  const sqlite = database.sqlitePath ?? 'data/showcart.sqlite';
  if (sqlite === ':memory:') return null;
  const slash = Math.max(sqlite.lastIndexOf('/'), sqlite.lastIndexOf('\\'));
  return slash < 0 ? '.' : sqlite.slice(0, slash) || '/';
}

function readStored(path: string): string | undefined {
  try {
    const value = readFileSync(path, 'utf8').trim();
    return value === '' ? undefined : value;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function generateToken(secrets: Secrets): string {
  const token = randomBytes(32).toString('base64url');
  secrets.remember(token);
  return token;
}
