import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config-error.js';
import { loadShowFile } from '../config/loader.js';
import type { ShowConfig } from '../config/schema/index.js';
import type { PromoCodes } from './commerce/promo-codes.js';
import type { Secrets } from './shared/secrets.js';
import type { RunningShow } from './show.js';
import { syncCatalog } from './store/catalog-sync.js';
import type { Bus } from './bus.js';
import type { StoreAccess } from './store/store.js';

/** Where the running config came from and whether the last edit was refused. */
export interface ConfigStatus {
  file: string | null;
  loadedAt: number;
  lastError: string | null;
  /** What the last good reload warned about (sections needing a restart, stock deficits), for the dashboard. */
  warnings: string[];
}

export type ReloadOutcome = { ok: true; warnings: string[]; config: ConfigStatus } | { ok: false; error: string; config: ConfigStatus };

/** The show file, re-read on demand. */
export interface ConfigControl {
  status(): ConfigStatus;
  reload(): Promise<ReloadOutcome>;
}

/** Sections that are read once at start-up (ports, bot logins, RTMP, the admin token). */
export const RESTART_SECTIONS = ['server', 'channels', 'media', 'admin'] as const;

export interface LiveConfigOptions {
  /** The show file; null when the app was started from a config object (tests): reload says so. */
  file: string | null;
  show: RunningShow;
  store: StoreAccess;
  codes: PromoCodes;
  bus: Bus;
  secrets: Secrets;
  log: Logger;
  /** Re-wires the features with the new config (the last step of a good reload). */
  rewire: (config: ShowConfig) => Promise<void>;
  /** Environment for `${VAR}` in the file; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** The names of the commands showcart has, which the file's aliases and `disabled` must use. */
  commands?: readonly string[];
  /** Watch the file and reload on save (debounced); off when no file. */
  watch?: boolean;
  debounceMs?: number;
}

export interface LiveConfig extends ConfigControl {
  close(): void;
}

/**
 * Live reload of the show file. A bad edit keeps the running config and reports where the
 * problem is; a good one syncs products and codes, swaps the config and re-wires the features.
 * Sections that need a restart keep their running values and are reported as warnings.
 */
export function createLiveConfig(options: LiveConfigOptions): LiveConfig {
  const { file, show, log, bus, secrets } = options;
  let status: ConfigStatus = { file, loadedAt: Date.now(), lastError: null, warnings: [] };
  let queue: Promise<unknown> = Promise.resolve();

  const reject = (error: string): ReloadOutcome => {
    status = { ...status, lastError: error };
    void bus.emit('config.rejected', { file, error });
    log.warn({ file, error }, 'the edited show file was refused; the running config stays');
    return { ok: false, error, config: status };
  };

  const reloadNow = async (): Promise<ReloadOutcome> => {
    if (file === null) return { ok: false, error: 'this show was not started from a file', config: status };
    let loaded;
    try {
      loaded = loadShowFile(file, { ...(options.env && { env: options.env }), ...(options.commands && { commands: options.commands }) });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      return reject(secrets.mask(err.message));
    }
    for (const value of loaded.secrets) secrets.remember(value);
    const { config, warnings } = keepRestartSections(show.config, loaded.config);
    try {
      const changes = await syncCatalog(options.store, config);
      for (const c of changes) {
        if (c.deficit)
          warnings.push(
            `products ${c.sku}${c.variant ? ` ${c.variant}` : ''}: ${c.deficit} more held or sold than the new stock; nothing is offered to the waitlist until stock covers them`,
          );
      }
      await options.codes.sync(config);
      show.config = config;
      await options.rewire(config);
      status = { file, loadedAt: Date.now(), lastError: null, warnings };
      void bus.emit('config.reloaded', { file, products: changes.length, warnings });
      log.info({ file, catalogChanges: changes.length, warnings }, 'show file reloaded');
      for (const w of warnings) log.warn({ file }, w);
      return { ok: true, warnings, config: status };
    } catch (err) {
      log.error({ err, file }, 'the show file could not be applied');
      return reject(`${file}: could not be applied: ${secrets.mask(err instanceof Error ? err.message : String(err))}`);
    }
  };

  // One reload at a time: a save during a reload waits for it, then reads the file again.
  const reload = (): Promise<ReloadOutcome> => {
    const next = queue.then(reloadNow, reloadNow);
    queue = next.catch(() => undefined);
    return next;
  };

  const watcher = options.watch && file !== null ? watchFile(file, options.debounceMs ?? 300, () => void reload(), log) : undefined;
  return { status: () => status, reload, close: () => watcher?.close() };
}

/** The new config with the start-up-only sections (and the show id) as they are running. */
export function keepRestartSections(running: ShowConfig, next: ShowConfig): { config: ShowConfig; warnings: string[] } {
  const warnings: string[] = [];
  const config = { ...next, show: { ...next.show, id: running.show.id } };
  for (const section of RESTART_SECTIONS) {
    if (JSON.stringify(running[section]) !== JSON.stringify(next[section])) {
      warnings.push(`${section}: changed in the file; restart showcart to apply it (the running ${section} settings stay)`);
    }
    (config as Record<string, unknown>)[section] = running[section];
  }
  if (running.show.id !== next.show.id) warnings.push('show.id: changed in the file; a different show needs a restart (the running id stays)');
  return { config, warnings };
}

/**
 * Watches the file's folder rather than the file: editors save by writing a new file and renaming
 * it over the old one, which a watch on the old file would miss.
 */
function watchFile(file: string, debounceMs: number, onChange: () => void, log: Logger): FSWatcher | undefined {
  const name = basename(file);
  let timer: NodeJS.Timeout | undefined;
  try {
    const watcher = watch(dirname(file), (_event, changed) => {
      if (changed !== null && changed !== name) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
    watcher.on('error', (err) => log.warn({ err, file }, 'stopped watching the show file'));
    watcher.on('close', () => clearTimeout(timer));
    return watcher;
  } catch (err) {
    log.warn({ err, file }, 'cannot watch the show file; use POST /api/admin/reload after editing it');
    return undefined;
  }
}
