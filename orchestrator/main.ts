import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-error.js';
import { loadShowFile } from '../config/loader.js';
import { PLATFORM_BOTS } from '../bots/factories.js';
import { startShowcart, type Showcart } from './app.js';
import { COMMAND_NAMES } from './features/index.js';
import { createLogger } from './shared/log.js';
import { Secrets } from './shared/secrets.js';
import { describeDatabase } from './store/database.js';
import { launchShows, SIBLINGS_ENV } from './launcher/launch-shows.js';
import { EXIT_BAD_SHOW_FILE } from './launcher/show-process.js';

const DEFAULT_SHOW = 'config/shows/demo.yaml';
const secrets = new Secrets();

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { show: { type: 'string' }, shows: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('usage: npm start [-- --show FILE]   (or SHOWCART_SHOW=FILE; default config/shows/demo.yaml)');
    console.log('       npm start -- --shows DIR     (or SHOWCART_SHOWS=DIR; one process per *.yaml show file in DIR, one database)');
    return;
  }
  const folder = values.shows ?? (values.show === undefined ? process.env.SHOWCART_SHOWS : undefined);
  if (folder) {
    const code = await launchShows({
      dir: resolve(folder),
      main: process.argv[1]!,
      load: (file) => {
        const loaded = loadShowFile(file, { commands: COMMAND_NAMES });
        for (const value of loaded.secrets) secrets.remember(value);
        return loaded.config;
      },
      database: databaseOptions(),
      secrets,
    });
    process.exit(code);
  }
  const file = resolve(values.show ?? process.env.SHOWCART_SHOW ?? DEFAULT_SHOW);
  let loaded;
  try {
    loaded = loadShowFile(file, { commands: COMMAND_NAMES });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`showcart: the show file cannot be used:\n${secrets.mask(err.message)}`);
      process.exit(EXIT_BAD_SHOW_FILE);
    }
    throw err;
  }
  for (const value of loaded.secrets) secrets.remember(value);
  const log = createLogger({ secrets });
  const database = databaseOptions();
  log.info({ show: loaded.config.show.id, file: loaded.file, database: describeDatabase(database) }, 'starting');

  const media = { enabled: process.env.SHOWCART_MEDIA !== 'off' };
  // Set by the launcher (`--shows`), empty when this is the folder's only show.
  const siblings = process.env[SIBLINGS_ENV]?.split(',').filter((id) => id !== '');
  const app = await startShowcart({
    config: loaded.config,
    database,
    secrets,
    log,
    factories: PLATFORM_BOTS,
    media,
    configPath: file,
    ...(siblings && { siblings }),
  });
  const web = app.channels.some((c) => c.platform === 'web');
  const lines = [
    `showcart is running "${loaded.config.show.name}" (${loaded.file})`,
    web ? `  web chat    ${app.url}/` : '  web chat    off',
    `  health      ${app.url}/api/health`,
    app.media
      ? `  OBS         rtmp://localhost:${loaded.config.media.rtmpPort}/${loaded.config.media.app} (stream key: the value of ${loaded.config.media.streamKeyEnv})`
      : media.enabled
        ? '  OBS         off (the RTMP server did not start; see the log)'
        : '  OBS         off (SHOWCART_MEDIA=off)',
    `  dashboard   ${app.url}/dashboard   overlay ${app.url}/overlay   analytics ${app.url}/analytics`,
    `  show info   ${app.url}/api/show`,
    `  admin API   ${app.url}/api/admin/state (token: ${describeTokenSource(app.admin.source)})`,
    `  channels    ${app.channels.map((c) => c.platform).join(', ') || 'none'}${app.skipped.length ? ` (skipped: ${app.skipped.map((s) => s.platform).join(', ')})` : ''}`,
    '  stop with Ctrl+C',
  ];
  console.log(lines.join('\n'));

  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1);
    log.info({ signal }, 'shutting down');
    app.stop().then(
      () => {
        log.flush();
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A show the launcher started stops when the launcher is gone, even killed hard: no orphan keeps its port.
  if (process.send) process.on('disconnect', () => shutdown('launcher gone'));
}

function databaseOptions() {
  return { url: secrets.read('DATABASE_URL'), sqlitePath: process.env.SHOWCART_SQLITE ?? 'data/showcart.sqlite' };
}

/** Where the admin token is, never what it is. */
function describeTokenSource(source: Showcart['admin']['source']): string {
  if (source.kind === 'env') return `the value of ${source.name}`;
  if (source.kind === 'file') {
    const near = relative(process.cwd(), source.path);
    return `in ${near && !near.startsWith('..') ? near : source.path}`;
  }
  return 'generated for this run only';
}

main().catch((err: unknown) => {
  console.error(`showcart failed to start: ${secrets.mask(err instanceof Error ? err.message : String(err))}`);
  process.exit(1);
});
