/**
 * The fan-out benchmark's processes: showcart's core and edges as `npm start` / `npm run edge`
 * start them (through tsx), the socket drivers, and their CPU and memory read from /proc, so each
 * is measured apart from the others on the same two cores.
 */
import { execFileSync, fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DriverReply, DriverRequest } from './fanout-protocol.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Bytes of a child's output kept for an error message. */
const TAIL = 8_000;

/** Every child this benchmark started, so a failure anywhere still ends them all. */
const children = new Set<ChildProcess>();

/** A showcart process (core or edge) with the tail of its output. */
export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
}

/** Runs a script of the project through tsx and resolves once its output matches `ready` (its first group is returned). */
export async function startNode(script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<NodeProcess & { match: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, LOG_FORMAT: 'json', SHOWCART_MEDIA: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  const collect = (d: Buffer) => void (out = (out + d.toString()).slice(-TAIL));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const match = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s:\n${out}`)), 60_000);
    const check = () => {
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve(m[1] ?? m[0]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${out}`));
    });
  });
  return { child, pid: child.pid!, output: () => out, match };
}

/** Ends every child still running: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopAll(graceMs = 3000): Promise<void> {
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
        }),
    ),
  );
}

/** Ends one child hard (a process whose sockets need no goodbye). */
export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** One socket driver process (fanout-driver.ts). */
export class Driver {
  readonly child: ChildProcess;
  /** Readers this driver was asked to hold. */
  assigned = 0;
  private seq = 0;
  private readonly waiting = new Map<number, (r: DriverReply) => void>();

  constructor() {
    this.child = fork(fileURLToPath(new URL('./fanout-driver.ts', import.meta.url)), [], {
      // tsx is resolved from the working directory: the project's, wherever the benchmark was started.
      cwd: root,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.add(this.child);
    this.child.once('exit', () => children.delete(this.child));
    this.child.on('message', (r: DriverReply) => this.waiting.get(r.id)?.(r));
  }

  get pid(): number {
    return this.child.pid!;
  }

  ask(request: DistributiveOmit<DriverRequest, 'id'>): Promise<DriverReply> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      const gone = () => reject(new Error(`socket driver ${this.pid} exited`));
      this.child.once('exit', gone);
      this.waiting.set(id, (r) => {
        this.waiting.delete(id);
        this.child.off('exit', gone);
        resolve(r);
      });
      this.child.send({ ...request, id });
    });
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU time (user + system) of a process so far, in ms; NaN once it is gone. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return NaN;
  }
}

/** Resident memory of a process now, in MB; NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

/** CPU % of one core and peak RSS of some processes over a window, sampled every `everyMs`. */
export class Sampler {
  private readonly cpuAt: Map<number, number>;
  private readonly peak = new Map<number, number>();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pids: number[],
    everyMs = 500,
  ) {
    this.cpuAt = new Map(pids.map((p) => [p, cpuMs(p)]));
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** Per pid: CPU ms and % of one core over the window, and the highest RSS seen in it. */
  stop(): Map<number, { cpuMs: number; cpuPercent: number; rssMb: number; wallMs: number }> {
    clearInterval(this.timer);
    this.sample();
    const wall = performance.now() - this.started;
    return new Map(
      this.pids.map((p) => {
        const used = cpuMs(p) - this.cpuAt.get(p)!;
        return [p, { cpuMs: used, cpuPercent: (used / wall) * 100, rssMb: this.peak.get(p) ?? NaN, wallMs: wall }];
      }),
    );
  }

  private sample(): void {
    for (const p of this.pids) this.peak.set(p, Math.max(this.peak.get(p) ?? 0, rssMb(p)));
  }
}
