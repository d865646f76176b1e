import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { searchPath } from '../media/ffmpeg-locate.js';
import { RtmpTargetServer, freePort } from '../test/fakes/rtmp-target.js';
import { fmt, percentile } from './measure.js';
import type { HostConfig, HostRequest } from './restream-host.js';
import { NginxRtmp, nginxAvailable } from './restream-nginx.js';
import { LatencyBook, Tap, cpuPercent } from './restream-probe.js';

const COUNTS = [1, 2, 4];
const WINDOW_S = 5;
const SETTLE_MS = 1500;
const OBS_KEY = 'bench-obs-key-0123456789';
const CLIP = join(tmpdir(), 'showcart-bench-720p30-6M.flv');

interface Phase {
  /** % of one core: the restreamer process (node or nginx). */
  main: number;
  /** % of one core: its ffmpeg children. */
  helpers: number;
  latencies: number[];
}
type Series = Map<number, Phase>;

/**
 * Restreaming cost: CPU per target and latency added between the ingest and a target, for 1, 2
 * and 4 targets, for showcart (ffmpeg children, and the in-process push) next to nginx-rtmp doing
 * the same `push`. OBS is ffmpeg looping a 6 Mbit/s 720p30 clip; the targets are one
 * node-media-server; RTMP players in this process see each video frame at the ingest and at
 * every target (matched by content), so the restreamer's CPU is read from /proc apart from theirs.
 */
export async function benchRestream(): Promise<string[]> {
  if (!searchPath('ffmpeg', process.env.PATH ?? '')) return ['skipped: ffmpeg is not installed'];
  await ensureClip();
  const sink = await RtmpTargetServer.start();
  try {
    const ffmpeg = await runShowcart('ffmpeg', sink);
    const push = await runShowcart('push', sink);
    const nginx = nginxAvailable() ? await runNginx(sink) : null;
    return report(ffmpeg, push, nginx);
  } finally {
    await sink.stop();
  }
}

async function runShowcart(transport: 'ffmpeg' | 'push', sink: RtmpTargetServer): Promise<Series> {
  const dataDir = mkdtempSync(join(tmpdir(), 'showcart-bench-media-'));
  const names = COUNTS.slice(-1).flatMap((n) => Array.from({ length: n }, (_, i) => `sc-${transport}-${i}`));
  const config: HostConfig = { rtmpPort: await freePort(), httpPort: await freePort(), sinkUrl: sink.url(), names, transport, obsKey: OBS_KEY, dataDir };
  const hostScript = fileURLToPath(new URL('./restream-host.ts', import.meta.url));
  const host = spawn(process.execPath, ['--import', 'tsx', hostScript], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, SHOWCART_BENCH_HOST: JSON.stringify(config) },
  });
  let publisher: ChildProcess | undefined;
  const series: Series = new Map();
  try {
    await reply(host);
    publisher = publish(`rtmp://127.0.0.1:${config.rtmpPort}/live/${OBS_KEY}`);
    const pids = async () => {
      const [main, ...helpers] = (await ask(host, { cmd: 'pids' })).pids;
      return { main: main!, helpers };
    };
    const ingest = `rtmp://127.0.0.1:${config.rtmpPort}/live/show`;
    const before = await measure(ingest, [], pids);
    let enabled = 0;
    for (const n of COUNTS) {
      while (enabled < n) await ask(host, { cmd: 'enable', name: `t${enabled++}` });
      series.set(
        n,
        await measure(
          ingest,
          names.slice(0, n).map((name) => `${sink.url()}/${name}`),
          pids,
        ),
      );
    }
    while (enabled > 0) await ask(host, { cmd: 'disable', name: `t${--enabled}` });
    // the baseline is taken before and after, so a warming-up or drifting process does not lean on one side
    const after = await measure(ingest, [], pids);
    series.set(0, { main: (before.main + after.main) / 2, helpers: (before.helpers + after.helpers) / 2, latencies: [] });
  } finally {
    if (publisher) await stopProcess(publisher);
    if (host.connected) await ask(host, { cmd: 'stop' }).catch(() => undefined);
    await stopProcess(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return series;
}

async function runNginx(sink: RtmpTargetServer): Promise<Series> {
  const series: Series = new Map();
  for (const n of [0, ...COUNTS]) {
    const port = await freePort();
    const names = Array.from({ length: n }, (_, i) => `ng-${n}-${i}`);
    const nginx = await NginxRtmp.start(
      port,
      names.map((name) => `${sink.url()}/${name}`),
    );
    const publisher = publish(`rtmp://127.0.0.1:${port}/live/bench`);
    try {
      const sinks = names.map((name) => `${sink.url()}/${name}`);
      series.set(n, await measure(`rtmp://127.0.0.1:${port}/live/bench`, sinks, async () => ({ main: nginx.pid, helpers: [] })));
    } finally {
      await stopProcess(publisher);
      await nginx.stop();
    }
  }
  return series;
}

/** Players on the ingest and on each target; once every one sees frames and things settle, one measuring window. */
async function measure(ingestUrl: string, targetUrls: string[], pids: () => Promise<{ main: number; helpers: number[] }>): Promise<Phase> {
  const book = new LatencyBook();
  const taps: Tap[] = [];
  try {
    taps.push(await Tap.open(ingestUrl, (hash, at) => book.ingest(hash, at)));
    for (const url of targetUrls) taps.push(await Tap.open(url, (hash, at) => book.target(hash, at)));
    const deadline = Date.now() + 20_000;
    while (!taps.every((t) => t.frames > 0)) {
      if (Date.now() > deadline) throw new Error(`no frames at ${targetUrls.length} target(s) after 20 s`);
      await sleep(100);
    }
    await sleep(SETTLE_MS);
    const { main, helpers } = await pids();
    book.recording = true;
    const [mainPct = 0, helperPct = 0] = await cpuPercent([[main], helpers], WINDOW_S);
    book.recording = false;
    return { main: mainPct, helpers: helperPct, latencies: book.samples.sort((a, b) => a - b) };
  } finally {
    for (const tap of taps) tap.close();
  }
}

function report(ffmpeg: Series, push: Series, nginx: Series | null): string[] {
  const total = (p: Phase) => p.main + p.helpers;
  const perTarget = (s: Series, n: number) => (total(s.get(n)!) - total(s.get(0)!)) / n;
  const median = (s: Series, n: number) => percentile(s.get(n)!.latencies, 50);
  const p95 = (s: Series, n: number) => percentile(s.get(n)!.latencies, 95);
  const ratio = (a: number, b: number) => (b > 0.005 ? `${fmt(a / b, 1)}×` : 'n/a');
  const row = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(i === 0 ? 9 : 21))
      .join('')
      .trimEnd();
  const head = row(['targets', 'showcart·ffmpeg', 'showcart·push', 'nginx-rtmp', 'ffmpeg÷nginx', 'push÷nginx']);
  const lines = [
    `OBS: ffmpeg -re looping a 720p30 H.264 (~6 Mbit/s) + AAC clip; targets: one node-media-server; all on 127.0.0.1`,
    '',
    `CPU, % of one core (median second of ${WINDOW_S}): restreamer total, and (per target) = (total − total with no target) ÷ N`,
    'showcart·ffmpeg counts the ffmpeg children and the node process feeding them; the ratios compare per-target figures',
    head,
    row(['0', fmt(total(ffmpeg.get(0)!), 2), fmt(total(push.get(0)!), 2), nginx ? fmt(total(nginx.get(0)!), 2) : 'n/a']),
  ];
  for (const n of COUNTS) {
    const cell = (s: Series) => `${fmt(total(s.get(n)!), 2)} (${fmt(perTarget(s, n), 2)})`;
    const ng = nginx ? perTarget(nginx, n) : NaN;
    lines.push(row([String(n), cell(ffmpeg), cell(push), nginx ? cell(nginx) : 'n/a', ratio(perTarget(ffmpeg, n), ng), ratio(perTarget(push, n), ng)]));
  }
  lines.push('', 'added latency ingest → target, ms, median / p95 (the same video frame seen by a player on the restreamer and on the target)', head);
  for (const n of COUNTS) {
    const cell = (s: Series | null) => (s ? `${fmt(median(s, n), 1)} / ${fmt(p95(s, n), 1)}` : 'n/a');
    const ng = nginx ? median(nginx, n) : NaN;
    lines.push(row([String(n), cell(ffmpeg), cell(push), cell(nginx), ratio(median(ffmpeg, n), ng), ratio(median(push, n), ng)]));
  }
  const samples = COUNTS.map((n) => ffmpeg.get(n)!.latencies.length);
  lines.push(`(${samples.join('/')} frames matched for showcart·ffmpeg at ${COUNTS.join('/')} targets)`);
  if (!nginx) lines.push('nginx-rtmp not installed (Debian: apt-get install nginx libnginx-mod-rtmp): no side-by-side');
  return lines;
}

function publish(url: string): ChildProcess {
  return spawn('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-stream_loop', '-1', '-i', CLIP, '-c', 'copy', '-f', 'flv', url], {
    stdio: 'ignore',
  });
}

/** 10 s of 720p30 at ~6 Mbit/s (noise keeps x264 from undershooting), encoded once and kept in the temp dir. */
function ensureClip(): Promise<void> {
  if (existsSync(CLIP)) return Promise.resolve();
  const args = [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30,noise=alls=12:allf=t',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000',
    '-t',
    '10',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-b:v',
    '6M',
    '-maxrate',
    '6M',
    '-bufsize',
    '6M',
    '-x264-params',
    'nal-hrd=cbr',
    '-g',
    '60',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    '-f',
    'flv',
    '-y',
    CLIP,
  ];
  return new Promise((resolve, reject) =>
    execFile('ffmpeg', args, (err) => (err ? reject(new Error(`ffmpeg could not make the clip: ${err.message}`)) : resolve())),
  );
}

interface HostReply {
  done: string;
  pids: number[];
}

function reply(host: ChildProcess, timeoutMs = 20_000): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the showcart host did not answer')), timeoutMs);
    const onExit = () => reject(new Error('the showcart host exited'));
    host.once('exit', onExit);
    host.once('message', (msg: HostReply) => {
      clearTimeout(timer);
      host.off('exit', onExit);
      resolve(msg);
    });
  });
}

function ask(host: ChildProcess, request: HostRequest): Promise<HostReply> {
  const answer = reply(host);
  host.send(request);
  return answer;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(kill);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
