import { fork, type ChildProcess } from 'node:child_process';
import { Backoff } from '../orchestrator/shared/backoff.js';
import type { Logger } from '../orchestrator/shared/log.js';
import { childEntry, childEnv, forwardOutput, relogLine } from './child-io.js';
import { asFromChild, CRASH_EXIT_CODE, type ChildReply, type ChildSnapshot, type ChildStart, type FromChild, type ToChild } from './child-protocol.js';
import type { MediaTiming } from './types.js';

/** stop(): SIGTERM, then SIGKILL after this (the process bounds its own clean stop at 5 s). */
const STOP_GRACE_MS = 8000;
/** Up this long after a restart: the next crash starts the backoff from its base again. */
const STABLE_MS = 30_000;
/** The first start (tsx compiles the sources under tests) must be ready within this. */
const FIRST_START_MS = 60_000;
const REQUEST_TIMEOUT_MS = 15_000;

/** What the owner (media/index.ts) provides and hears. */
export interface MediaProcessHooks {
  /** Built for every (re)start, so it carries the show's state, the target switches and lockouts as they are now. */
  startMessage(): ChildStart;
  onReady(snapshot: ChildSnapshot, restarted: boolean): void;
  /** snapshot, event, publish, drop, lockout. */
  onMessage(m: FromChild): void;
  /** The process ended without being asked to (crash, kill, hang); a new one is on its way. */
  onDown(why: string): void;
}

/** The media process, as the parent sees it. */
export interface MediaProcessInfo {
  pid: number | null;
  /** Processes started after one ended unasked. */
  restarts: number;
  /** Started and serving. */
  up: boolean;
}

/**
 * Runs media/media-child.ts in its own process and keeps it running: a crash (or a kill, or a
 * process that stops answering) is logged and followed by a new process after a backoff with
 * jitter. Requests that were pending when a process ended are sent again to the next one.
 */
export class MediaProcess {
  private child: ChildProcess | null = null;
  private started = false;
  private ready = false;
  private restarts = 0;
  private stopping = false;
  private lastHeard = 0;
  private nextId = 0;
  private first: { resolve: (s: ChildSnapshot) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private restartTimer: NodeJS.Timeout | undefined;
  private stableTimer: NodeJS.Timeout | undefined;
  private readonly watchdog: NodeJS.Timeout;
  private readonly checkEvery: number;
  private lastCheck = Date.now();
  private readonly backoff: Backoff;
  private readonly pending = new Map<number, { message: ToChild; resolve: (r: ChildReply | null) => void }>();

  constructor(
    private readonly hooks: MediaProcessHooks,
    private readonly timing: MediaTiming,
    /** Our own lines (part: media). */
    private readonly log: Logger,
    /** Where the process's lines are logged again (they carry their own part). */
    private readonly relog: Logger,
    private readonly publicName: string,
  ) {
    this.backoff = new Backoff({ baseMs: timing.restartBaseMs, maxMs: timing.restartMaxMs });
    this.checkEvery = Math.max(50, timing.hungMs / 4);
    this.watchdog = setInterval(() => this.checkAlive(), this.checkEvery).unref();
  }

  /** Starts the first process; rejects with its reason when it cannot serve (a port in use). */
  start(): Promise<ChildSnapshot> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.firstFailed(new Error(`the media process was not ready within ${FIRST_START_MS / 1000} s`)), FIRST_START_MS);
      this.first = { resolve, reject, timer };
      this.spawn();
    });
  }

  info(): MediaProcessInfo {
    return { pid: this.child?.pid ?? null, restarts: this.restarts, up: this.ready };
  }

  /** Sends to the current process once it has its start message; a process that starts later gets the state in its start. */
  send(message: ToChild): void {
    if (this.child && this.started) post(this.child, message);
  }

  /** A request answered by a reply; null when stopped or not answered in time. Survives a restart (sent again). */
  request(build: (id: number) => ToChild): Promise<ChildReply | null> {
    if (this.stopping) return Promise.resolve(null);
    const id = ++this.nextId;
    const message = build(id);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), REQUEST_TIMEOUT_MS);
      const done = (reply: ChildReply | null) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(reply);
      };
      this.pending.set(id, { message, resolve: done });
      this.send(message);
    });
  }

  /** Ends the process cleanly: SIGTERM, then SIGKILL after a bound. No restart follows. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.watchdog);
    clearTimeout(this.restartTimer);
    clearTimeout(this.stableTimer);
    for (const p of [...this.pending.values()]) p.resolve(null);
    const child = this.child;
    if (!child) return;
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await closed;
    clearTimeout(kill);
  }

  private spawn(): void {
    const { entry, execArgv } = childEntry();
    const child = fork(entry, [], { execArgv, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'], serialization: 'json' });
    this.child = child;
    this.started = false;
    this.ready = false;
    this.lastHeard = Date.now();
    forwardOutput(child.stdout, this.log, this.publicName);
    forwardOutput(child.stderr, this.log, this.publicName);
    child.on('message', (raw) => this.onMessage(child, raw));
    child.once('error', (err) => this.log.error({ err }, 'the media process could not be started'));
    child.once('close', (code, signal) => this.exited(child, code, signal));
  }

  private onMessage(child: ChildProcess, raw: unknown): void {
    if (child !== this.child) return;
    this.lastHeard = Date.now();
    const m = asFromChild(raw);
    if (m === null) return;
    if (m.t === 'hello') {
      post(child, this.hooks.startMessage());
      this.started = true;
      for (const p of this.pending.values()) post(child, p.message);
    } else if (m.t === 'log') relogLine(this.relog, m.line);
    else if (m.t === 'ready') this.becameReady(m.snapshot);
    else if (m.t === 'failed') {
      if (this.first) this.firstFailed(new Error(m.message));
      else this.log.error(`the media process could not start: ${m.message}`);
    } else if (m.t === 'crash') this.log.error({ stack: m.stack }, `the media process failed: ${m.message}`);
    else if (m.t === 'reply') this.pending.get(m.id)?.resolve(m);
    else if (m.t !== 'stopped') this.hooks.onMessage(m);
  }

  private becameReady(snapshot: ChildSnapshot): void {
    this.ready = true;
    const restarted = this.first === null;
    if (this.first) {
      clearTimeout(this.first.timer);
      this.first.resolve(snapshot);
      this.first = null;
    } else {
      this.log.info({ mediaPid: this.child?.pid, restarts: this.restarts }, 'the media process is serving again');
    }
    this.stableTimer = setTimeout(() => this.backoff.reset(), STABLE_MS).unref();
    this.hooks.onReady(snapshot, restarted);
  }

  private firstFailed(err: Error): void {
    if (!this.first) return;
    clearTimeout(this.first.timer);
    this.first.reject(err);
    this.first = null;
    void this.stop();
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    this.child = null;
    this.ready = false;
    this.started = false;
    clearTimeout(this.stableTimer);
    if (this.stopping) return;
    const why = signal ? `was killed (${signal})` : code === CRASH_EXIT_CODE ? 'crashed' : `exited with code ${code}`;
    if (this.first) return this.firstFailed(new Error(`the media process ${why} before it was ready`));
    const delay = this.backoff.next();
    this.restarts++;
    this.log.warn({ restarts: this.restarts }, `the media process ${why}: starting a new one in ${delay} ms`);
    this.hooks.onDown(why);
    this.restartTimer = setTimeout(() => this.spawn(), delay);
  }

  /** A process that sends nothing (it reports every tick) is stuck in a loop: kill it, the exit restarts it. */
  private checkAlive(): void {
    const now = Date.now();
    const late = now - this.lastCheck > 2 * this.checkEvery;
    this.lastCheck = now;
    // this process was busy itself: its messages may be waiting behind this timer, judge next time
    if (late) return;
    const child = this.child;
    if (!child || !this.ready || now - this.lastHeard < this.timing.hungMs) return;
    this.log.error(`the media process sent nothing for ${Math.round(this.timing.hungMs / 1000)} s: killing it`);
    this.lastHeard = Date.now();
    child.kill('SIGKILL');
  }
}

function post(child: ChildProcess, message: ToChild): void {
  if (child.connected) child.send(message, () => undefined);
}
