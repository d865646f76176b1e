import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendSuiteLog } from './quiet-log.js';
import { waitFor } from './wait-for.js';

export interface ShowcartProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** The showcart HTTP base URL once it has printed it (always 127.0.0.1). */
  url(timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code (or the signal's name) once the process is gone. */
  exited: Promise<number | string | null>;
}

/**
 * Runs what `npm start` runs, as a separate process, the way a seller would: used by tests that
 * must stop it hard (kill -9) or restart it on the same database. Its output also goes to the
 * suite's log files, so the secret scan sees it.
 */
export function startShowcartProcess(showFile: string, env: NodeJS.ProcessEnv): ShowcartProcess {
  const { child, output: out, exited } = spawnShowcart(['--show', showFile], env);
  return {
    child,
    output: out,
    url: async (timeoutMs = 20_000) => {
      const port = await waitFor(() => /web chat\s+http:\/\/[^:/\s]+:(\d+)\//.exec(out())?.[1], timeoutMs, 'the printed URL');
      return `http://127.0.0.1:${port}`;
    },
    exited,
  };
}

/** `orchestrator/main.ts` with `args` (tsx instead of the build), its output collected and copied to the suite's log. */
export function spawnShowcart(args: string[], env: NodeJS.ProcessEnv): Pick<ShowcartProcess, 'child' | 'output' | 'exited'> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'orchestrator/main.ts', ...args], {
    env: { ...process.env, LOG_FORMAT: 'json', SHOWCART_MEDIA: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => {
    out += d.toString();
    appendSuiteLog(d.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output: () => out, exited };
}

/**
 * A show file and a SQLite file in a fresh directory, for tests that stop showcart hard and start it
 * again on the same database: `start` runs it on them (and remembers it), `cleanup` kills whatever
 * still runs and removes the directory.
 */
export function showcartOnDisk(prefix: string, showYaml: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const sqlite = join(dir, 'showcart.sqlite');
  const show = join(dir, 'show.yaml');
  writeFileSync(show, showYaml);
  const running: ShowcartProcess[] = [];
  return {
    sqlite,
    show,
    start(env: NodeJS.ProcessEnv): ShowcartProcess {
      const p = startShowcartProcess(show, { ...env, SHOWCART_SQLITE: sqlite });
      running.push(p);
      return p;
    },
    async cleanup(): Promise<void> {
      for (const p of running) p.child.kill('SIGKILL');
      await Promise.all(running.map((p) => p.exited));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
