import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/fakes/rtmp-target.js';
import { fmt, type BenchResult, PRODUCTION_NODE_FLAGS } from './measure.js';
import { StormRig } from './storm-driver.js';
import type { StormHostConfig, StormReport, StormRequest } from './storm-protocol.js';

const VIEWERS = 10_000;
const RATE = 2_000;
const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

interface Figures {
  idle: StormReport;
  loaded: StormReport;
  processed: number;
}

/**
 * Resident memory of showcart with all three bots, the RTMP server and 10,000 distinct viewers who
 * each said something: as `npm start` runs it (compiled to dist/, plain node), then the same code
 * through tsx (how the tests and scripts run it) for comparison.
 */
export async function benchMemory(): Promise<BenchResult> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', root('tsconfig.bench.json')], { stdio: 'inherit' });
  const compiled = await measure(root('dist/bench/storm-host.js'), PRODUCTION_NODE_FLAGS);
  const tsx = await measure(root('bench/storm-host.ts'), ['--import', 'tsx']);
  const lines = (f: Figures) =>
    `idle RSS ${fmt(f.idle.rssMb)} MB (heap ${fmt(f.idle.heapMb)} MB) → after ${fmt(f.processed)} lines from ${fmt(VIEWERS)} distinct viewers: ` +
    `RSS ${fmt(f.loaded.rssMb)} MB after GC, peak ${fmt(f.loaded.maxRssMb)} MB (heap ${fmt(f.loaded.heapMb)} MB)`;
  return {
    lines: [
      `bots + RTMP server, compiled (npm start): ${lines(compiled)}; target ≤ 200 MB`,
      `same code through tsx:                   ${lines(tsx)}`,
    ],
    figures: {
      viewers: VIEWERS,
      idleRssMb: compiled.idle.rssMb,
      rssMb: compiled.loaded.rssMb,
      peakRssMb: compiled.loaded.maxRssMb,
      heapMb: compiled.loaded.heapMb,
      processed: compiled.processed,
      tsx: { idleRssMb: tsx.idle.rssMb, rssMb: tsx.loaded.rssMb, peakRssMb: tsx.loaded.maxRssMb, heapMb: tsx.loaded.heapMb, processed: tsx.processed },
    },
  };
}

/** One showcart host over the storm fakes: idle figures, one line from each of 10,000 new viewers, figures after GC. */
async function measure(script: string, execArgv: string[]): Promise<Figures> {
  // The rig's fakes and line sender; the host is started here, to choose how node runs it.
  const rig = new StormRig();
  let host: ChildProcess | undefined;
  try {
    await Promise.all([rig.telegram.start(), rig.twitch.start(), rig.discord.start()]);
    const config: StormHostConfig = {
      telegramApiRoot: rig.telegram.apiRoot,
      telegramToken: rig.telegram.token,
      twitchPort: rig.twitch.port,
      twitchHelix: rig.twitch.helixRoot,
      twitchAuth: rig.twitch.authRoot,
      discordApi: rig.discord.api,
      media: { rtmpPort: await freePort(), httpPort: await freePort() },
    };
    host = fork(script, [], {
      execArgv: [...execArgv, '--expose-gc'],
      env: { ...process.env, SHOWCART_STORM_HOST: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ask = hostAsker(host);
    const started = (await ask()) as { connected?: boolean };
    if (!started.connected) throw new Error('the bots did not all connect');
    await rig.twitch.waitForJoin('candleshop', 10_000);
    const idle = (await ask({ cmd: 'report', gc: true })).report!;

    // One line from each of 10,000 viewers spread over the three platforms (each viewer index is new).
    const { byKey } = await rig.send(RATE, VIEWERS, Math.ceil(VIEWERS / 3));
    const done = new Set<string>();
    for (let progressAt = Date.now(); done.size < byKey.size && Date.now() - progressAt < 5000; ) {
      await new Promise((r) => setTimeout(r, 250));
      const before = done.size;
      for (const [key] of (await ask({ cmd: 'report' })).report!.done) if (byKey.has(key)) done.add(key);
      if (done.size > before) progressAt = Date.now();
    }
    const loaded = (await ask({ cmd: 'report', gc: true })).report!;
    host.send({ cmd: 'stop' } satisfies StormRequest);
    await Promise.race([new Promise((r) => host!.once('exit', r)), new Promise((r) => setTimeout(r, 10_000))]);
    return { idle, loaded, processed: done.size };
  } finally {
    if (host?.exitCode === null) host.kill('SIGKILL');
    await rig.stop();
  }
}

/** Sends a request (or none: the host's own `start` message) and waits for the host's answer to it. */
function hostAsker(host: ChildProcess): (request?: StormRequest) => Promise<{ report?: StormReport; connected?: boolean }> {
  return (request) =>
    new Promise((resolve, reject) => {
      const expected = request?.cmd ?? 'start';
      const onMessage = (msg: { done: string; report?: StormReport; connected?: boolean }) => {
        if (msg.done !== expected) return;
        host.off('message', onMessage);
        host.off('exit', onExit);
        resolve(msg);
      };
      const onExit = (code: number | null) => reject(new Error(`the showcart host exited (${code}) before answering ${expected}`));
      host.on('message', onMessage);
      host.once('exit', onExit);
      if (request) host.send(request);
    });
}
