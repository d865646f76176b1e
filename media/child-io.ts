import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from '../orchestrator/shared/log.js';
import { scrubLibraryLine } from './mask.js';

/**
 * The media process's environment: enough to run node and ffmpeg. showcart's own environment
 * holds every token (bots, database, payments); the process that parses hostile bytes gets none of
 * them. Its two or three keys arrive over IPC.
 */
const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'NODE_ENV', 'SYSTEMROOT'];

export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(PASSED_ENV.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
}

/**
 * The media process's entry next to this file: the compiled `.js` under `npm start`, the `.ts`
 * source under tsx or vitest (then run through tsx's loader, resolved from here, not from the cwd).
 */
export function childEntry(): { entry: string; execArgv: string[] } {
  const ext = extname(fileURLToPath(import.meta.url));
  const entry = fileURLToPath(new URL(`./media-child${ext}`, import.meta.url));
  if (ext !== '.ts') return { entry, execArgv: [] };
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return { entry, execArgv: ['--import', pathToFileURL(tsx).href] };
}

const LEVELS: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** One pino JSON line from the media process, logged again here (our time, pid and bindings; its fields and message). */
export function relogLine(log: Logger, line: string): void {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return;
  }
  if (typeof record !== 'object' || record === null) return;
  const fields = { ...(record as Record<string, unknown>) };
  const method = LEVELS[Number(fields.level)] ?? 'info';
  const msg = typeof fields.msg === 'string' ? fields.msg : '';
  for (const name of ['level', 'msg', 'time', 'pid', 'hostname', 'app']) delete fields[name];
  log[method](fields, msg);
}

/** Anything the media process prints outside our logger (a loader error, a warning), logged with stream names masked. */
export function forwardOutput(stream: Readable | null, log: Logger, publicName: string): void {
  if (!stream) return;
  let pending = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!.slice(-4096);
    for (const line of lines) if (line.trim()) log.warn(`media process output: ${scrubLibraryLine(line.trim(), publicName).slice(0, 500)}`);
  });
}
