import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SUITE_LOG_DIR_ENV } from './quiet-log.js';
import { leaks, secretsInTests } from './suite-secrets.js';

const STALE_MS = 24 * 3600_000;

/**
 * Vitest global setup: every log line the suite writes (test loggers and the showcart processes
 * tests start) goes to files in one directory per run; at the end they are scanned for every
 * secret value the tests use. A leak fails the run and keeps the files for reading.
 */
export function setup(): () => void {
  const root = resolve('test-artifacts', 'logs');
  mkdirSync(root, { recursive: true });
  // Runs that were killed never reached their teardown; a day later nobody is still writing there.
  for (const old of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name.startsWith('run-'))) {
    if (Date.now() - statSync(join(root, old.name)).mtimeMs > STALE_MS) rmSync(join(root, old.name), { recursive: true, force: true });
  }
  const dir = join(root, `run-${Date.now()}-${process.pid}`);
  mkdirSync(dir);
  process.env[SUITE_LOG_DIR_ENV] = dir;
  return () => scan(dir);
}

function scan(dir: string): void {
  const secrets = secretsInTests();
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  const found = files.flatMap((f) => leaks(readFileSync(join(dir, f), 'utf8'), secrets).map((l) => ({ file: f, ...l })));
  if (found.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const shown = found
    .slice(0, 10)
    .map((l) => `  ${l.file}: ${l.line}`)
    .join('\n');
  // A throw here is only printed by vitest; the exit code is what CI reads.
  console.error(`\nsecret scan: ${found.length} log line(s) contain a secret the tests use (kept in ${dir}):\n${shown}\n`);
  process.exitCode = 1;
}
