/**
 * The media process: node-media-server and what must live beside it (the ingest gate, the public
 * feed, the restream supervisors and the in-process push), started by media/media-process.ts with
 * fork(). It parses every hostile byte of the RTMP and HTTP-FLV ports; should anything escape the
 * guards, this process reports it and exits, and showcart starts another one.
 */
import { createLogger, type Logger } from '../orchestrator/shared/log.js';
import { Secrets } from '../orchestrator/shared/secrets.js';
import { asToChild, CRASH_EXIT_CODE, type ChildStart, type FromChild } from './child-protocol.js';
import { scrubLibraryLine } from './mask.js';
import { runMedia, type MediaRuntime } from './media-runtime.js';

/** How long a clean stop may take before this process exits anyway (the parent's SIGKILL comes later). */
const STOP_BOUND_MS = 5000;

let runtime: Promise<MediaRuntime | undefined> | undefined;
let current: MediaRuntime | undefined;
let log: Logger | undefined;
let secrets = new Secrets({});
let publicName = 'show';
let ending = false;
let crashed = false;
let lastSnapshot = '';

function send(message: FromChild, done?: () => void): void {
  if (!process.connected) return void done?.();
  process.send!(message, undefined, {}, () => done?.());
}

/** The status as the parent shows it: on every tick (the parent's watchdog counts on it) and after each change. */
function pushSnapshot(always: boolean): void {
  if (!current) return;
  const snapshot = current.snapshot();
  const text = JSON.stringify(snapshot);
  if (!always && text === lastSnapshot) return;
  lastSnapshot = text;
  send({ t: 'snapshot', snapshot });
}

/** What the runtime reports, preceded by the status it led to: whoever hears of a change finds it in the status already. */
function report(message: FromChild): void {
  pushSnapshot(false);
  send(message);
}

function begin(start: ChildStart): void {
  if (runtime) return;
  secrets = new Secrets(start.secrets);
  publicName = start.publicName;
  log = createLogger({ level: start.logLevel, secrets, destination: { write: (line: string) => send({ t: 'log', line }) } }).child({ part: 'media' });
  runtime = runMedia(start, secrets, log, report).then(
    (rt) => {
      current = rt;
      setInterval(() => pushSnapshot(true), start.timing.tickMs);
      send({ t: 'ready', snapshot: rt.snapshot() });
      return rt;
    },
    (err: unknown) => {
      ending = true;
      send({ t: 'failed', message: clean(err instanceof Error ? err.message : String(err)) }, () => process.exit(1));
      return undefined;
    },
  );
}

process.on('message', (raw: unknown) => {
  const m = asToChild(raw);
  if (m === null || ending) return;
  if (m.t === 'start') return begin(m);
  void runtime
    ?.then(async (rt) => {
      if (!rt) return;
      if (m.t === 'show') return await rt.setShowLive(m.live);
      if (m.t === 'probe') return send({ t: 'reply', id: m.id, probe: { pid: process.pid, connections: rt.connections() } });
      const status = await rt.setTargetEnabled(m.name, m.enabled);
      pushSnapshot(false);
      send({ t: 'reply', id: m.id, ...(status && { status }) });
    })
    .catch(crash);
});

/** SIGTERM (or the parent gone): stop cleanly, within a bound. */
async function shutdown(): Promise<void> {
  if (ending) return;
  ending = true;
  setTimeout(() => process.exit(0), STOP_BOUND_MS);
  try {
    await (await runtime)?.stop();
  } catch (err) {
    log?.error({ err }, 'the media process did not stop cleanly');
  }
  send({ t: 'stopped' }, () => process.exit(0));
}

/** The last resort: something escaped every guard. Report it (masked) and exit; the parent starts a new process. */
function crash(err: unknown): void {
  const error = err instanceof Error ? err : new Error(String(err));
  const exit = () => process.exit(CRASH_EXIT_CODE);
  setTimeout(exit, 1000);
  if (crashed) return;
  crashed = ending = true;
  send({ t: 'crash', message: clean(error.message), stack: clean((error.stack ?? '').split('\n').slice(1, 8).join('\n')) }, exit);
}

function clean(text: string): string {
  return secrets.mask(scrubLibraryLine(text, publicName)).slice(0, 2000);
}

process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
process.once('SIGTERM', () => void shutdown());
process.once('disconnect', () => void shutdown());
// Ctrl-C reaches the whole process group: the parent decides when media stops (it sends SIGTERM).
process.on('SIGINT', () => undefined);
send({ t: 'hello' });
