import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Backoff } from '../shared/backoff.js';

/** main.ts exits with this when the show file cannot be used: the same file would fail again. */
export const EXIT_BAD_SHOW_FILE = 2;

/** A stable run this long forgets earlier crashes: the next one restarts after the shortest wait again. */
const STABLE_MS = 60_000;

export interface ShowProcessOptions {
  /** The show's id: the prefix of every line it prints. */
  id: string;
  file: string;
  /** The module a show process runs (main.ts), and the arguments before `--show FILE`. */
  main: string;
  env: NodeJS.ProcessEnv;
  out: Writable;
  err: Writable;
  /** Said about the process itself (started, died, restarting), by the launcher. */
  say: (line: string) => void;
  backoff?: Backoff;
  /** How long to wait after SIGTERM before SIGKILL. */
  killAfterMs?: number;
}

/**
 * One show's process, kept running: restarted after a death nobody asked for, with a growing wait
 * capped at a minute, except when it says its show file is unusable (that is said once). Its own
 * process group (`detached`), so Ctrl+C in a terminal reaches the launcher alone and each show is
 * stopped once, in order; a show whose launcher is gone stops itself (main.ts watches the channel).
 */
export class ShowProcess {
  private child: ChildProcess | undefined;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private ended: Promise<void> = Promise.resolve();

  constructor(private readonly o: ShowProcessOptions) {
    this.backoff = o.backoff ?? new Backoff({ baseMs: 1000, maxMs: 60_000 });
  }

  start(): void {
    if (this.stopping) return;
    const child = fork(this.o.main, ['--show', this.o.file], {
      env: this.o.env,
      execArgv: process.execArgv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: true,
    });
    this.child = child;
    const startedAt = Date.now();
    prefixLines(child.stdout!, this.o.out, this.o.id);
    prefixLines(child.stderr!, this.o.err, this.o.id);
    this.ended = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.child = undefined;
        resolve();
        this.exited(code, signal, Date.now() - startedAt);
      });
    });
    child.once('error', (err) => this.o.say(`show ${this.o.id} (${this.o.file}) could not be started: ${err.message}`));
  }

  /** Stops the process (SIGTERM, then SIGKILL after a while) and never restarts it; resolves once it is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const hard = setTimeout(() => child.kill('SIGKILL'), this.o.killAfterMs ?? 15_000);
    await this.ended;
    clearTimeout(hard);
  }

  private exited(code: number | null, signal: NodeJS.Signals | null, ranMs: number): void {
    if (this.stopping) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (code === EXIT_BAD_SHOW_FILE) {
      this.o.say(`show ${this.o.id} stopped: its show file ${this.o.file} cannot be used (see above); fix it and start again`);
      return;
    }
    if (ranMs >= STABLE_MS) this.backoff.reset();
    const wait = this.backoff.next();
    this.o.say(`show ${this.o.id} died (${how}); restarting in ${Math.round(wait / 1000)} s`);
    this.timer = setTimeout(() => this.start(), wait);
  }
}

/** Copies a stream line by line, each line starting with `[id] `, so the shows' logs read apart. */
function prefixLines(from: Readable, to: Writable, id: string): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => to.write(`[${id}] ${line}\n`));
}
