import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ConfigError } from '../../config/config-error.js';
import type { ShowConfig } from '../../config/schema/index.js';

/** One show file of the folder that loaded: what the launcher starts a process for. */
export interface PlannedShow {
  file: string;
  id: string;
}

/** What a folder of show files comes to: the shows to run, and the files that cannot be used (said once, never started). */
export interface ShowFolderPlan {
  shows: PlannedShow[];
  unusable: Array<{ file: string; message: string }>;
}

/** Why nothing was started: the folder is empty, or its files clash. */
export class ShowFolderError extends Error {}

type Load = (file: string) => ShowConfig;

/**
 * Reads every `*.yaml` show file in `dir` (sorted, so the order is the same on every start) and
 * refuses, before anything runs, what two processes could not both have: one show id (their data
 * would be one show's), one listening port. Media ports count only when media runs (`media`).
 */
export function planShowFolder(dir: string, load: Load, options: { media: boolean }): ShowFolderPlan {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.'));
  } catch (err) {
    throw new ShowFolderError(`cannot read the show folder ${dir}: ${(err as Error).message}`);
  }
  if (names.length === 0) throw new ShowFolderError(`no show file (*.yaml) in ${dir}`);
  const shown = (file: string) => relative(process.cwd(), file) || file;
  const loaded: Array<{ file: string; config: ShowConfig }> = [];
  const unusable: ShowFolderPlan['unusable'] = [];
  for (const name of names.sort()) {
    const file = join(dir, name);
    try {
      loaded.push({ file, config: load(file) });
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      unusable.push({ file: shown(file), message: err.message });
    }
  }
  const clashes = findClashes(
    loaded.map((l) => ({ file: shown(l.file), config: l.config })),
    options,
  );
  if (clashes.length > 0) throw new ShowFolderError(`the show files clash; nothing was started:\n${clashes.map((c) => `  ${c}`).join('\n')}`);
  return { shows: loaded.map((l) => ({ file: l.file, id: l.config.show.id })), unusable };
}

/** Every value two show files may not share, one sentence per clash naming both files. */
export function findClashes(shows: ReadonlyArray<{ file: string; config: ShowConfig }>, options: { media: boolean }): string[] {
  const clashes: string[] = [];
  const ids = new Map<string, string>();
  const ports = new Map<number, { file: string; key: string }>();
  for (const { file, config } of shows) {
    const sameId = ids.get(config.show.id);
    if (sameId !== undefined) clashes.push(`${sameId} and ${file} both have show.id "${config.show.id}"`);
    else ids.set(config.show.id, file);
    const used: Array<[string, number]> = [['server.port', config.server.port]];
    if (options.media) used.push(['media.rtmpPort', config.media.rtmpPort], ['media.httpPort', config.media.httpPort]);
    for (const [key, port] of used) {
      // Port 0 is any free port: it never clashes.
      if (port === 0) continue;
      const taken = ports.get(port);
      if (taken === undefined) ports.set(port, { file, key });
      else if (taken.file !== file) clashes.push(`${taken.file} (${taken.key}) and ${file} (${key}) both use port ${port}`);
    }
  }
  return clashes;
}
