import type { Writable } from 'node:stream';
import type { ShowConfig } from '../../config/schema/index.js';
import type { Secrets } from '../shared/secrets.js';
import type { DatabaseOptions } from '../store/database.js';
import { openStore } from '../store/store.js';
import { planShowFolder, ShowFolderError } from './show-folder.js';
import { ShowProcess } from './show-process.js';

export interface LaunchOptions {
  dir: string;
  /** The module each show process runs (main.ts itself). */
  main: string;
  load: (file: string) => ShowConfig;
  database: DatabaseOptions;
  secrets: Secrets;
  env?: NodeJS.ProcessEnv;
  out?: Writable;
  err?: Writable;
}

/** The environment variable that tells a show process the ids of the shows beside it. */
export const SIBLINGS_ENV = 'SHOWCART_SIBLINGS';

/**
 * `npm start -- --shows DIR`: one process per show file of the folder, on one database. Returns
 * the exit code: 2 when nothing could be started (the folder is empty, its files clash, none
 * loads), else 0 once every show was stopped by SIGINT/SIGTERM.
 */
export async function launchShows(options: LaunchOptions): Promise<number> {
  const env = options.env ?? process.env;
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const say = (line: string) => err.write(`showcart: ${options.secrets.mask(line)}\n`);
  let plan;
  try {
    plan = planShowFolder(options.dir, options.load, { media: env.SHOWCART_MEDIA !== 'off' });
  } catch (e) {
    if (!(e instanceof ShowFolderError)) throw e;
    say(e.message);
    return 2;
  }
  for (const bad of plan.unusable) say(`${bad.file} is not started; the show file cannot be used:\n${bad.message}`);
  if (plan.shows.length === 0) {
    say(`none of the show files in ${options.dir} can be used; nothing was started`);
    return 2;
  }
  // Every show process would migrate the schema on start; two at once on a new database would both
  // try to create the same tables. Done once here, each one finds the schema current.
  const store = await openStore(options.database);
  await store.close();

  const ids = plan.shows.map((s) => s.id);
  const { SHOWCART_SHOWS: _folder, ...inherited } = env;
  const shows = plan.shows.map(
    (s) =>
      new ShowProcess({
        id: s.id,
        file: s.file,
        main: options.main,
        env: { ...inherited, [SIBLINGS_ENV]: ids.filter((id) => id !== s.id).join(',') },
        out,
        err,
        say,
      }),
  );
  say(`starting ${shows.length} show${shows.length === 1 ? '' : 's'} from ${options.dir}: ${ids.join(', ')}`);
  for (const show of shows) show.start();

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      say(`${signal}: stopping ${ids.join(', ')}`);
      void Promise.all(shows.map((s) => s.stop())).then(() => resolve(0));
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
